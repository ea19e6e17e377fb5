// What the workload controllers share: owner references, the pods an object owns, pods stamped from a template, status writes that skip no-ops.
import { ApiError } from '../errors';
import { clone, deepEqual, isRecord } from '../json';
import { isActivePod } from '../pod-requests';
import { resource, type ResourceType } from '../resources';
import type { Store } from '../store';
import type { KubeObject, OwnerReference, Pod, PodTemplate, Workload } from '../types';
import type { ControllerContext } from './context';
import { isPodReady } from './pod-status';

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  return Boolean(obj.metadata.ownerReferences?.some((o) => o.controller && o.uid === owner.metadata.uid));
}

/** Objects of a kind in the owner's namespace that the owner controls. */
export function owned(store: Store, r: ResourceType, owner: KubeObject): KubeObject[] {
  return store.list(r, owner.metadata.namespace).filter((o) => isControlledBy(o, owner));
}

export function ownedPods(store: Store, owner: KubeObject): Pod[] {
  return owned(store, resource('pods'), owner) as Pod[];
}

/** Pods that count towards replicas: not finished and not being deleted. */
export function livePods(pods: Pod[]): Pod[] {
  return pods.filter((p) => isActivePod(p) && !p.metadata.deletionTimestamp);
}

export function readyCount(pods: Pod[]): number {
  return pods.filter(isPodReady).length;
}

/** A pod object from a workload's template. */
export function podFromTemplate(owner: Workload, name: string, extraLabels: Record<string, string> = {}, nodeName?: string): Pod {
  const template: PodTemplate = clone(owner.spec.template);
  const meta = template.metadata ?? {};
  const spec = template.spec;
  if (nodeName) spec.nodeName = nodeName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...extraLabels },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [ownerRef(owner)],
    },
    spec,
  };
}

/** Creates a pod for a workload; on refusal (quota, terminating namespace) records FailedCreate and returns undefined. */
export function createPod(ctx: ControllerContext, owner: KubeObject, pod: Pod, component: string): KubeObject | undefined {
  try {
    const created = ctx.ops.create(resource('pods'), owner.metadata.namespace, pod);
    ctx.events.record(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`, component);
    return created;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    ctx.events.record(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, component);
    return undefined;
  }
}

export function deletePod(ctx: ControllerContext, owner: KubeObject, pod: Pod, component: string): void {
  try {
    ctx.ops.delete(resource('pods'), pod.metadata.namespace, pod.metadata.name ?? '');
    ctx.events.record(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name ?? ''}`, component);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

/** Writes a new status only when it differs from the stored one. */
export function writeStatus(ctx: ControllerContext, r: ResourceType, obj: KubeObject, status: Record<string, unknown>): void {
  if (deepEqual(obj.status ?? {}, status)) return;
  ctx.ops.mutate(r, obj.metadata.namespace, obj.metadata.name ?? '', (d) => {
    d.status = status;
  });
}

/** A workload condition, keeping its times when nothing about it changed. */
export function workloadCondition(old: unknown, type: string, status: 'True' | 'False', reason: string, message: string): Record<string, unknown> {
  const prev = Array.isArray(old) ? old.find((c: unknown) => isRecord(c) && c.type === type) : undefined;
  const same = isRecord(prev) && prev.status === status && prev.reason === reason && prev.message === message;
  const ts = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    type,
    status,
    lastUpdateTime: same ? prev.lastUpdateTime : ts,
    lastTransitionTime: isRecord(prev) && prev.status === status ? prev.lastTransitionTime : ts,
    reason,
    message,
  };
}

export function ordinalOf(podName: string, setName: string): number | undefined {
  const m = new RegExp(`^${setName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(podName);
  return m ? Number(m[1]) : undefined;
}

/** Drops counters that are zero, as the API server's omitempty does for workload status. */
export function omitZero(status: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status)) if (v !== 0 || k === 'observedGeneration') out[k] = v;
  return out;
}
