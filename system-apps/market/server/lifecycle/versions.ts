// Compares app versions: semver when both are, otherwise numeric segment by segment (catalogues are not always strict).
import semver from 'semver';

export function compareVersions(a: string, b: string): number {
  const sa = semver.valid(a, { loose: true });
  const sb = semver.valid(b, { loose: true });
  if (sa && sb) return semver.compare(sa, sb, { loose: true });
  const pa = a.split(/[.+-]/);
  const pb = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (c) return Math.sign(c);
  }
  return 0;
}
