// The apps the shell can open: the system apps whose SDK range this shell satisfies, by id and by file type.
import { systemApps } from '../../system-apps';
import { satisfiesSdk } from '../sdk/define';
import { SDK_VERSION, type SystemAppManifest } from '../sdk/types';

export const apps: readonly SystemAppManifest[] = systemApps.filter((m) => {
  const ok = satisfiesSdk(m.sdk, SDK_VERSION);
  if (!ok) console.warn(`app "${m.id}" needs SDK ${m.sdk}; this shell has ${SDK_VERSION}: not loaded`);
  return ok;
});

/** The apps people pick from: the launchpad, the spotlight. */
export const launchableApps: readonly SystemAppManifest[] = apps.filter((a) => !a.hidden);

export const appsById: ReadonlyMap<string, SystemAppManifest> = new Map(apps.map((a) => [a.id, a]));

/** The app that opens a file: the first that names its extension, else the first that takes any file. */
export function appForFile(name: string): SystemAppManifest | undefined {
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  return apps.find((a) => ext && a.fileTypes?.includes(ext)) ?? apps.find((a) => a.fileTypes?.includes('*'));
}
