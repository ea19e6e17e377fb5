// Rules that span sections: an app needs a way in, and policies must point at entrances that exist.
import type { Issues } from '../issues';
import type { OlaresManifest } from '../types';

export function crossCheck(m: OlaresManifest, issues: Issues): void {
  if (m.type === 'app') {
    if (m.entrances.length === 0) issues.error('entrances', 'an app needs at least one entrance');
    else if (m.entrances.every((e) => e.invisible)) issues.warn('entrances', 'every entrance is invisible: the app has no icon to open');
  }
  if (m.entrances.length > 10) issues.warn('entrances', `${m.entrances.length} entrances; Olares allows at most 10`);
  const names = new Set(m.entrances.map((e) => e.name));
  m.options.policies.forEach((p, i) => {
    if (p.entranceName && !names.has(p.entranceName)) issues.warn(`options.policies[${i}].entranceName`, `${JSON.stringify(p.entranceName)} is not an entrance of this app`);
  });
  const hasCpu = m.spec.required.cpuMillis !== undefined || m.spec.accelerators.some((a) => a.required.cpuMillis !== undefined);
  const hasMemory = m.spec.required.memoryBytes !== undefined || m.spec.accelerators.some((a) => a.required.memoryBytes !== undefined);
  if (!hasCpu) issues.warn('spec.requiredCpu', 'is not declared; the Market cannot check that the app fits');
  if (!hasMemory) issues.warn('spec.requiredMemory', 'is not declared; the Market cannot check that the app fits');
}
