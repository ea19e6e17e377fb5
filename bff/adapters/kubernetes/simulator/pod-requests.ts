// What a pod asks of a node: its containers' requests and limits summed, the numbers the scheduler and quotas count.
import { parseQuantity } from './quantity';
import type { Container, KubeObject, Pod } from './types';

export type ResourceAmounts = Record<string, number>;

function sumInto(out: ResourceAmounts, values: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(values ?? {})) {
    const n = parseQuantity(v);
    if (!Number.isNaN(n)) out[k] = (out[k] ?? 0) + n;
  }
}

/** Requests: the larger of the sum over containers and any single init container (as the scheduler counts). */
export function podRequests(pod: Pod): ResourceAmounts {
  const out: ResourceAmounts = {};
  const containers: Container[] = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  for (const c of containers) sumInto(out, c.resources?.requests);
  for (const c of Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : []) {
    const one: ResourceAmounts = {};
    sumInto(one, c.resources?.requests);
    for (const [k, v] of Object.entries(one)) out[k] = Math.max(out[k] ?? 0, v);
  }
  return out;
}

export function podLimits(pod: Pod): ResourceAmounts {
  const out: ResourceAmounts = {};
  for (const c of Array.isArray(pod.spec?.containers) ? pod.spec.containers : []) sumInto(out, c.resources?.limits);
  return out;
}

/** Pods that still hold resources: not finished. */
export function isActivePod(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}
