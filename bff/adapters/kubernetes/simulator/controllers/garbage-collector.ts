// The garbage collector: objects whose owners are all gone are deleted (background cascade), e.g. a Deployment's ReplicaSets and Pods.
import { ApiError } from '../errors';
import { RESOURCES } from '../resources';
import type { Controller, ControllerContext } from './context';

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): void {
    const { store, ops } = this.ctx;
    const uids = new Set<string>();
    // Events carry no owner references here; skipping them keeps each pass cheap.
    const all = RESOURCES.filter((r) => r.kind !== 'Event').map((r) => ({ r, objects: store.list(r) }));
    for (const { objects } of all) for (const o of objects) if (o.metadata.uid) uids.add(o.metadata.uid);
    for (const { r, objects } of all) {
      for (const o of objects) {
        const owners = o.metadata.ownerReferences;
        if (!owners?.length || o.metadata.deletionTimestamp) continue;
        if (owners.some((ref) => uids.has(ref.uid))) continue;
        try {
          ops.delete(r, o.metadata.namespace, o.metadata.name ?? '');
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      }
    }
  }
}
