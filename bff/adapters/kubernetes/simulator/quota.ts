// ResourceQuota: what a namespace's pods use against its hard limits, and the admission check that refuses pods over them.
import { forbidden } from './errors';
import { podLimits, podRequests, isActivePod } from './pod-requests';
import { formatQuantity, parseQuantity } from './quantity';
import { resource } from './resources';
import type { Store } from './store';
import type { KubeObject, Pod } from './types';

/** The usage of one pod under each quota resource name the simulator tracks. */
export function podQuotaUsage(pod: Pod): Record<string, number> {
  const req = podRequests(pod);
  const lim = podLimits(pod);
  const usage: Record<string, number> = { pods: 1 };
  for (const [k, v] of Object.entries(req)) {
    usage[`requests.${k}`] = v;
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') usage[k] = v;
  }
  for (const [k, v] of Object.entries(lim)) usage[`limits.${k}`] = v;
  return usage;
}

function namespaceUsage(store: Store, ns: string, except?: string): Record<string, number> {
  const used: Record<string, number> = {};
  for (const p of store.list(resource('pods'), ns)) {
    if (!isActivePod(p) || p.metadata.name === except) continue;
    for (const [k, v] of Object.entries(podQuotaUsage(p as Pod))) used[k] = (used[k] ?? 0) + v;
  }
  return used;
}

/** status.used for a quota: every hard key, with what the namespace uses now. */
export function quotaStatus(store: Store, quota: KubeObject): { hard: Record<string, string>; used: Record<string, string> } {
  const hard = ((quota.spec?.hard as Record<string, string> | undefined) ?? {});
  const usage = namespaceUsage(store, quota.metadata.namespace ?? '');
  const used: Record<string, string> = {};
  for (const k of Object.keys(hard)) used[k] = formatQuantity(k, usage[k] ?? 0);
  return { hard: { ...hard }, used };
}

/** Throws 403 when creating this pod would exceed a quota in its namespace. */
export function admitPod(store: Store, pod: Pod): void {
  const ns = pod.metadata.namespace ?? '';
  const quotas = store.list(resource('resourcequotas'), ns);
  if (quotas.length === 0) return;
  const want = podQuotaUsage(pod);
  const used = namespaceUsage(store, ns, pod.metadata.name);
  for (const q of quotas) {
    const hard = (q.spec?.hard as Record<string, string> | undefined) ?? {};
    const over = Object.entries(hard).filter(([k, limit]) => want[k] !== undefined && (used[k] ?? 0) + (want[k] ?? 0) > parseQuantity(limit) + 1e-9);
    if (over.length === 0) continue;
    const list = (f: (k: string, limit: string) => string): string => over.map(([k, limit]) => `${k}=${f(k, limit)}`).join(',');
    throw forbidden(
      `pods "${pod.metadata.name ?? ''}" is forbidden: exceeded quota: ${q.metadata.name ?? ''}, requested: ${list((k) => formatQuantity(k, want[k] ?? 0))}, used: ${list((k) => formatQuantity(k, used[k] ?? 0))}, limited: ${list((_k, limit) => limit)}`,
      { name: pod.metadata.name ?? '', kind: 'pods' },
    );
  }
}
