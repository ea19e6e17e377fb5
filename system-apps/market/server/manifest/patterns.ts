// The name and value shapes the manifest rules share, each with the words an error message uses for it.
import semver from 'semver';

/** DNS-1123 label: an app or chart name, usable in Kubernetes names and host names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_HINT = 'must be lowercase letters, digits and "-", starting and ending with a letter or digit';

/** DNS-1035 label: a Service name (entrance host), which must start with a letter. */
export const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const SERVICE_NAME_HINT = 'must be a Service name: lowercase letters, digits and "-", starting with a letter';

/** Entrance names: letters, digits and "-". */
export const ENTRANCE_NAME = /^[a-zA-Z0-9-]+$/;
export const ENTRANCE_NAME_HINT = 'must be letters, digits and "-"';

/** PostgreSQL role and database names as Olares creates them. */
export const PG_IDENT = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;
export const PG_IDENT_HINT = 'must be 1 to 63 letters, digits, "_" or "-", starting with a letter or "_"';

export const PG_EXTENSION = /^[A-Za-z0-9_-]+$/;

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const ENV_NAME_HINT = 'must be letters, digits and "_", not starting with a digit';

/** BCP 47-ish locale tags as Olares uses them: en-US, zh-CN. */
export const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
export const LOCALE_HINT = 'is not a locale tag like en-US';

/** Go durations as the policy engine reads them: 3600s, 1h30m. */
export const GO_DURATION = /^((?:[-+]?\d+(?:\.\d+)?([smhdwy]|us|ns|ms))+)$/;

/** Architectures a chart may list in spec.supportArch. */
export const KNOWN_ARCHES = ['amd64', 'arm64', 'arm32v5', 'arm32v6', 'arm32v7', 'arm64v8', 'i386', 'ppc64le', 's390x', 'mips64le', 'riscv64', 'windows-amd64'];

/** A URL, or a relative path that stays inside the chart folder. */
export function isUrlOrChartPath(s: string): boolean {
  if (/^https?:\/\//i.test(s) || /^data:image\//i.test(s)) return true;
  if (s.startsWith('/') || s.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(s)) return false;
  return !s.split('/').includes('..');
}

/** Dependency ranges use Go semver syntax, where "," means AND; npm semver uses a space. */
export function toNpmRange(range: string): string {
  return range
    .split('||')
    .map((part) =>
      part
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
        .join(' '),
    )
    .join(' || ');
}

export function isValidRange(range: string): boolean {
  return semver.validRange(toNpmRange(range)) !== null;
}

/** True when the regex compiles in JavaScript (Olares uses Go's RE2; the common subset is the same). */
export function compiles(regex: string): boolean {
  try {
    new RegExp(regex);
    return true;
  } catch {
    return false;
  }
}
