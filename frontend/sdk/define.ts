// defineSystemApp(): declares a system app as data; the shell loads its UI lazily.
import type { SystemAppManifest } from './types';

/**
 * Declares a system app.
 * @example
 * export default defineSystemApp({
 *   id: 'files', title: 'apps.files', icon: matFolder, color: '#4f7cff', sdk: '^0.2',
 *   window: { width: 960, height: 620, minWidth: 480, minHeight: 320, multiInstance: true },
 *   component: () => import('./ui/App.vue'),
 * });
 */
export function defineSystemApp(manifest: SystemAppManifest): SystemAppManifest {
  if (!/^[a-z][a-z0-9-]{1,31}$/.test(manifest.id)) throw new Error(`invalid app id "${manifest.id}"`);
  return Object.freeze(manifest);
}

/** True when `version` (x.y.z) satisfies a caret range `^x.y` (the only form manifests use). */
export function satisfiesSdk(range: string, version: string): boolean {
  const m = /^\^(\d+)\.(\d+)$/.exec(range);
  const v = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m || !v) return false;
  const [rMajor, rMinor] = [Number(m[1]), Number(m[2])];
  const [vMajor, vMinor] = [Number(v[1]), Number(v[2])];
  // Below 1.0 a minor version is breaking, as in npm's caret ranges.
  if (rMajor === 0) return vMajor === 0 && vMinor === rMinor;
  return vMajor === rMajor && vMinor >= rMinor;
}
