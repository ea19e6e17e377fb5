// Why an app cannot be installed now: the pre-checks, each a reason code and a sentence a person can act on.
import semver from 'semver';
import type { CatalogApp } from '../catalog/types';
import type { Resources } from '../market.types';

/** The Olares release this desktop stands for: `type: system` dependencies on `olares` are checked against it. */
export const OLARES_VERSION = '1.12.6';

/** Middleware this desktop provisions itself. */
export const SUPPORTED_MIDDLEWARE = new Set(['postgres']);

export interface Blocker {
  reason: string;
  message: string;
}

export interface PrecheckInput {
  app: CatalogApp;
  role: 'owner' | 'admin' | 'member';
  free: Resources;
  /** Architectures of the cluster's nodes (empty when unknown). */
  arch: string[];
  /** The user's installed apps: name → version. */
  installed: Map<string, string>;
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
export const formatBytes = (n: number) => (n >= GiB ? `${(n / GiB).toFixed(1)} GiB` : `${Math.ceil(n / MiB)} MiB`);
export const formatCpu = (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(m % 1000 ? 1 : 0)} CPU` : `${m}m CPU`);

/** GPUs an app needs, as a device count (a memory amount asks for one device). */
export function gpuCount(app: CatalogApp): number {
  const g = app.requirements.gpu;
  if (!g) return 0;
  return g.kind === 'count' ? g.count : g.bytes > 0 ? 1 : 0;
}

function satisfies(version: string, range: string): boolean {
  const v = semver.coerce(version, { includePrerelease: true })?.version ?? version;
  try {
    return semver.satisfies(v, range, { includePrerelease: true, loose: true });
  } catch {
    return false;
  }
}

/** Whether one dependency is met, for the detail page's list. */
export function dependencyMet(dep: CatalogApp['dependencies'][number], installed: Map<string, string>): boolean {
  if (dep.type === 'system') return dep.name !== 'olares' || satisfies(OLARES_VERSION, dep.range || '*');
  const have = installed.get(dep.name);
  return have !== undefined && (!dep.range || satisfies(have, dep.range));
}

export function precheck(input: PrecheckInput): Blocker[] {
  const { app, free } = input;
  const out: Blocker[] = [];
  if (app.onlyAdmin && input.role === 'member') out.push({ reason: 'market.onlyAdmin', message: `Only the owner or an admin can install ${app.title}.` });
  if (app.supportArch.length && input.arch.length && !input.arch.some((a) => app.supportArch.includes(a))) {
    out.push({ reason: 'market.arch', message: `${app.title} runs on ${app.supportArch.join(', ')}; this cluster's nodes are ${input.arch.join(', ')}.` });
  }
  const need = app.requirements;
  if (need.cpuMillis > free.cpuMillis) out.push({ reason: 'market.insufficient.cpu', message: `Not enough CPU: ${app.title} needs ${formatCpu(need.cpuMillis)}, ${formatCpu(free.cpuMillis)} is free.` });
  if (need.memoryBytes > free.memoryBytes) out.push({ reason: 'market.insufficient.memory', message: `Not enough memory: ${app.title} needs ${formatBytes(need.memoryBytes)}, ${formatBytes(free.memoryBytes)} is free.` });
  if (need.diskBytes > free.diskBytes && free.diskBytes > 0) out.push({ reason: 'market.insufficient.disk', message: `Not enough disk: ${app.title} needs ${formatBytes(need.diskBytes)}, ${formatBytes(free.diskBytes)} is free.` });
  const gpus = gpuCount(app);
  if (gpus > free.gpu) out.push({ reason: 'market.insufficient.gpu', message: free.gpu === 0 ? `${app.title} needs a GPU, and this cluster has none free.` : `${app.title} needs ${gpus} GPUs; ${free.gpu} is free.` });
  for (const m of app.middleware) {
    if (!SUPPORTED_MIDDLEWARE.has(m.kind)) out.push({ reason: 'market.middleware.unsupported', message: `${app.title} needs ${m.kind}, which this desktop cannot provide yet (it provides PostgreSQL).` });
  }
  for (const dep of app.dependencies) {
    if (!dep.mandatory && dep.type !== 'system') continue;
    if (dependencyMet(dep, input.installed)) continue;
    out.push(
      dep.type === 'system'
        ? { reason: 'market.dependency.system', message: `${app.title} needs Olares ${dep.version}; this is Olares ${OLARES_VERSION}.` }
        : { reason: 'market.dependency.missing', message: `${app.title} needs ${dep.name} ${dep.version} installed first.` },
    );
  }
  for (const c of app.conflicts) {
    if (input.installed.has(c.name)) out.push({ reason: 'market.conflict', message: `${app.title} cannot be installed next to ${c.name}; uninstall ${c.name} first.` });
  }
  return out;
}
