// The ReplicaSet controller: keeps the number of live pods equal to spec.replicas and reports how many are ready.
import { randomSuffix } from '../names';
import { resource } from '../resources';
import type { Pod, Workload } from '../types';
import type { Controller, ControllerContext } from './context';
import { isPodReady } from './pod-status';
import { createPod, deletePod, livePods, ownedPods, podFromTemplate, readyCount, writeStatus } from './workload-helpers';

const COMPONENT = 'replicaset-controller';

/** Deleting extra pods: the least far along first, then the newest. */
function deletionOrder(a: Pod, b: Pod): number {
  const rank = (p: Pod): number => (!p.spec.nodeName ? 0 : p.status?.phase === 'Pending' ? 1 : isPodReady(p) ? 3 : 2);
  return rank(a) - rank(b) || String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp));
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset';
  /** uid → time of the last refused pod creation, to retry at the createMs pace. */
  private readonly failedAt = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): void {
    const r = resource('replicasets');
    for (const obj of this.ctx.store.list(r)) {
      const rs = obj as Workload;
      if (rs.metadata.deletionTimestamp) continue;
      const pods = ownedPods(this.ctx.store, rs);
      const live = livePods(pods);
      const want = rs.spec.replicas ?? 1;
      const uid = rs.metadata.uid ?? '';
      let failed = false;
      if (live.length < want) {
        const last = this.failedAt.get(uid);
        if (last === undefined || Date.now() - last >= this.ctx.timings.createMs) {
          for (let i = live.length; i < want; i++) {
            const hash = rs.metadata.labels?.['pod-template-hash'];
            const pod = podFromTemplate(rs, `${rs.metadata.name ?? ''}-${randomSuffix()}`, hash ? { 'pod-template-hash': hash } : {});
            const created = createPod(this.ctx, rs, pod, COMPONENT);
            if (!created) {
              failed = true;
              this.failedAt.set(uid, Date.now());
              this.ctx.timers.after(this.ctx.timings.createMs, () => this.ctx.requeue());
              break;
            }
          }
          if (!failed) this.failedAt.delete(uid);
        } else failed = true;
      } else if (live.length > want) {
        for (const pod of [...live].sort(deletionOrder).slice(0, live.length - want)) deletePod(this.ctx, rs, pod, COMPONENT);
      }
      const after = livePods(ownedPods(this.ctx.store, rs));
      const ready = readyCount(after);
      const status: Record<string, unknown> = {
        replicas: after.length,
        fullyLabeledReplicas: after.length,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: rs.metadata.generation ?? 1,
      };
      if (failed) {
        status.conditions = [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods could not be created (see events)', lastTransitionTime: (rs.status?.conditions as Array<Record<string, unknown>> | undefined)?.[0]?.lastTransitionTime ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z') }];
      }
      writeStatus(this.ctx, r, rs, status);
    }
  }
}
