// The /scale subresource: a workload seen as an autoscaling/v1 Scale, and a Scale written back as spec.replicas.
import { badRequest } from './errors';
import { isRecord } from './json';
import { fromLabelSelectorSpec, formatSelector } from './selectors';
import type { KubeObject, LabelSelectorSpec } from './types';

export function toScale(obj: KubeObject): KubeObject {
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: (obj.spec?.replicas as number | undefined) ?? 0 },
    status: {
      replicas: (obj.status?.replicas as number | undefined) ?? 0,
      selector: formatSelector(fromLabelSelectorSpec(obj.spec?.selector as LabelSelectorSpec | undefined)),
    },
  };
}

/** The replicas a Scale body asks for. */
export function replicasFromScale(body: unknown): number {
  const spec = isRecord(body) ? body.spec : undefined;
  const replicas = isRecord(spec) ? spec.replicas : undefined;
  if (replicas === undefined) return 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) throw badRequest('spec.replicas must be a non-negative integer');
  return replicas;
}
