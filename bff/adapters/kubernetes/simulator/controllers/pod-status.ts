// Pod status building blocks: conditions that keep their transition time, container statuses, readiness checks.
import { createHash } from 'node:crypto';
import { now } from '../json';
import type { Condition, ContainerState, ContainerStatus, Pod } from '../types';

/** Sets a condition, keeping lastTransitionTime when the status did not change. */
export function setCondition(conditions: Condition[] | undefined, type: string, status: Condition['status'], reason?: string, message?: string): Condition[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === type);
  const old = i >= 0 ? list[i] : undefined;
  const next: Condition = {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now(),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
  if (i >= 0) list[i] = next;
  else list.push(next);
  return list;
}

export function getCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function isPodReady(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && getCondition(pod.status?.conditions, 'Ready')?.status === 'True';
}

/** An image reference with registry and tag spelled out, as container runtimes report it. */
export function fullImage(image: string): string {
  let ref = image;
  if (!/^[^/]+\.[^/]+\//.test(ref) && !/^localhost[:/]/.test(ref)) ref = ref.includes('/') ? `docker.io/${ref}` : `docker.io/library/${ref}`;
  if (!/:[^/]+$/.test(ref) && !ref.includes('@')) ref += ':latest';
  return ref;
}

export function imageId(image: string): string {
  const name = fullImage(image).replace(/:[^/:]+$/, '');
  return `${name}@sha256:${createHash('sha256').update(image).digest('hex')}`;
}

export function containerId(podUid: string, name: string, restart: number): string {
  return `containerd://${createHash('sha256').update(`${podUid}/${name}/${restart}`).digest('hex')}`;
}

export function containerStatus(pod: Pod, name: string, image: string, state: ContainerState, opts: { ready?: boolean; restartCount?: number; lastState?: ContainerState } = {}): ContainerStatus {
  const restartCount = opts.restartCount ?? 0;
  const started = state.running !== undefined;
  return {
    name,
    image: fullImage(image),
    imageID: started || state.terminated ? imageId(image) : '',
    ...(started || state.terminated ? { containerID: containerId(pod.metadata.uid ?? '', name, restartCount) } : {}),
    ready: opts.ready ?? false,
    started,
    restartCount,
    state,
    lastState: opts.lastState ?? {},
  };
}

/** Pods that run to completion (Jobs) rather than forever. */
export function runsToCompletion(pod: Pod): boolean {
  return pod.spec.restartPolicy === 'Never' || pod.spec.restartPolicy === 'OnFailure';
}

export function controllerOf(obj: { metadata: { ownerReferences?: Array<{ uid: string; controller?: boolean; kind: string; name: string }> } }) {
  return obj.metadata.ownerReferences?.find((o) => o.controller);
}
