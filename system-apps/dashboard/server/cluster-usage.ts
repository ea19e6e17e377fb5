// What the Dashboard reads from Kubernetes (as the platform, after the BFF decided who may see what): pods by phase, app namespaces, requests and quotas.
import { Kinds, bytes, cpuMillis, podPhase, type KubernetesAdapter, type Pod, type ResourceQuota } from '../../../bff/adapters/kubernetes';
import type { PodCounts } from '../../../bff/adapters/prometheus/port';

export const OWNER_LABEL = 'olares.dev/owner';
export const APP_LABEL = 'olares.dev/app';

export interface AppNamespace {
  namespace: string;
  app: string;
  owner: string | null;
}

export interface Requests {
  cpuCores: number;
  memoryBytes: number;
  pods: number;
}

const isActive = (pod: Pod) => !['Succeeded', 'Failed'].includes(podPhase(pod));

export async function podCounts(cluster: KubernetesAdapter): Promise<PodCounts> {
  const { items } = await cluster.system().list(Kinds.pod);
  const counts: PodCounts = { running: 0, pending: 0, failed: 0, total: items.length };
  for (const pod of items) {
    const phase = podPhase(pod);
    if (phase === 'Running') counts.running++;
    else if (phase === 'Pending') counts.pending++;
    else if (phase === 'Failed') counts.failed++;
  }
  return counts;
}

/** Installed apps' namespaces; `owner` narrows to one user's. */
export async function appNamespaces(cluster: KubernetesAdapter, owner?: string): Promise<AppNamespace[]> {
  const labelSelector = owner ? `${APP_LABEL},${OWNER_LABEL}=${owner}` : APP_LABEL;
  const { items } = await cluster.system().list(Kinds.namespace, { labelSelector });
  return items
    .filter((ns) => !ns.metadata.deletionTimestamp)
    .map((ns) => ({ namespace: ns.metadata.name!, app: ns.metadata.labels?.[APP_LABEL] ?? ns.metadata.name!, owner: ns.metadata.labels?.[OWNER_LABEL] ?? null }));
}

/** What the active pods of each namespace request (every container, the larger of init containers). */
export async function requestsByNamespace(cluster: KubernetesAdapter, namespaces: string[]): Promise<Map<string, Requests>> {
  const out = new Map<string, Requests>(namespaces.map((n) => [n, { cpuCores: 0, memoryBytes: 0, pods: 0 }]));
  if (!namespaces.length) return out;
  const wanted = new Set(namespaces);
  const pods = namespaces.length === 1 ? (await cluster.system().list(Kinds.pod, { namespace: namespaces[0] })).items : (await cluster.system().list(Kinds.pod)).items.filter((p) => wanted.has(p.metadata.namespace ?? ''));
  for (const pod of pods) {
    if (!isActive(pod)) continue;
    const r = out.get(pod.metadata.namespace ?? '')!;
    let cpu = 0;
    let mem = 0;
    for (const c of pod.spec?.containers ?? []) {
      cpu += cpuMillis(c.resources?.requests?.cpu);
      mem += bytes(c.resources?.requests?.memory);
    }
    for (const c of pod.spec?.initContainers ?? []) {
      cpu = Math.max(cpu, cpuMillis(c.resources?.requests?.cpu));
      mem = Math.max(mem, bytes(c.resources?.requests?.memory));
    }
    r.cpuCores += cpu / 1000;
    r.memoryBytes += mem;
    r.pods++;
  }
  return out;
}

export interface QuotaHard {
  cpuCores: number | null;
  memoryBytes: number | null;
  pods: number | null;
}

/** The hard limits of each namespace's ResourceQuotas (the tightest where a namespace has several). */
export async function quotasByNamespace(cluster: KubernetesAdapter): Promise<Map<string, QuotaHard>> {
  const { items } = await cluster.system().list(Kinds.resourceQuota);
  const out = new Map<string, QuotaHard>();
  const min = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
  for (const q of items as ResourceQuota[]) {
    const hard = q.spec?.hard ?? {};
    const pick = (...keys: string[]) => keys.map((k) => hard[k]).find((v) => v !== undefined);
    const cpu = pick('requests.cpu', 'cpu');
    const memory = pick('requests.memory', 'memory');
    const pods = pick('pods');
    const row: QuotaHard = { cpuCores: cpu === undefined ? null : cpuMillis(cpu) / 1000, memoryBytes: memory === undefined ? null : bytes(memory), pods: pods === undefined ? null : Number(pods) };
    const ns = q.metadata.namespace ?? '';
    const prev = out.get(ns);
    out.set(ns, prev ? { cpuCores: min(prev.cpuCores, row.cpuCores), memoryBytes: min(prev.memoryBytes, row.memoryBytes), pods: min(prev.pods, row.pods) } : row);
  }
  return out;
}
