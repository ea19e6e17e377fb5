// The apps the shell can open: the system apps whose SDK range this shell satisfies, plus the user's apps installed from the Market (installed-apps.ts), by id and by file type.
import { shallowReactive } from 'vue';
import { systemApps } from '../../system-apps';
import { satisfiesSdk } from '../sdk/define';
import { SDK_VERSION, type SystemAppManifest } from '../sdk/types';

const system: SystemAppManifest[] = systemApps.filter((m) => {
  const ok = satisfiesSdk(m.sdk, SDK_VERSION);
  if (!ok) console.warn(`app "${m.id}" needs SDK ${m.sdk}; this shell has ${SDK_VERSION}: not loaded`);
  return ok;
});

/** Every app (reactive: installed apps come and go). */
export const apps: readonly SystemAppManifest[] = shallowReactive([...system]);

/** The apps people pick from: the launchpad, the spotlight. */
export const launchableApps: readonly SystemAppManifest[] = shallowReactive(system.filter((a) => !a.hidden));

export const appsById: ReadonlyMap<string, SystemAppManifest> = shallowReactive(new Map(system.map((a) => [a.id, a])));

/** Ids of apps installed from the Market start with this; system app ids never do. */
export const INSTALLED_PREFIX = 'app-';

/** Replaces the installed apps (system apps stay as they are). */
export function setInstalledApps(installed: SystemAppManifest[]): void {
  const all = apps as SystemAppManifest[];
  const launchable = launchableApps as SystemAppManifest[];
  const byId = appsById as Map<string, SystemAppManifest>;
  const keep = (a: SystemAppManifest) => !a.id.startsWith(INSTALLED_PREFIX);
  all.splice(0, all.length, ...all.filter(keep), ...installed);
  launchable.splice(0, launchable.length, ...launchable.filter(keep), ...installed.filter((a) => !a.hidden));
  for (const id of [...byId.keys()]) if (id.startsWith(INSTALLED_PREFIX)) byId.delete(id);
  for (const a of installed) byId.set(a.id, a);
}

const extOf = (name: string) => (name.includes('.') ? name.split('.').pop()!.toLowerCase() : '');

/** The app that opens a file: the first that names its extension, else the first that takes any file. */
export function appForFile(name: string): SystemAppManifest | undefined {
  const ext = extOf(name);
  return apps.find((a) => ext && a.fileTypes?.includes(ext)) ?? apps.find((a) => a.fileTypes?.includes('*'));
}

/** Every app that opens a file: those that name its extension first, then those that take any file. */
export function appsForFile(name: string): SystemAppManifest[] {
  const ext = extOf(name);
  const named = ext ? apps.filter((a) => a.fileTypes?.includes(ext)) : [];
  return [...named, ...apps.filter((a) => a.fileTypes?.includes('*') && !named.includes(a))];
}
