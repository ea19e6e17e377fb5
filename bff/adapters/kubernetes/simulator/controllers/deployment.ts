// The Deployment controller: one ReplicaSet per pod template, rolling (or recreating) from old to new, and the Deployment's status.
import { ApiError } from '../errors';
import { clone } from '../json';
import { shortHash } from '../names';
import { resource } from '../resources';
import type { KubeObject, Workload } from '../types';
import type { Controller, ControllerContext } from './context';
import { omitZero, owned, ownedPods, ownerRef, workloadCondition, writeStatus } from './workload-helpers';

const COMPONENT = 'deployment-controller';
const REVISION = 'deployment.kubernetes.io/revision';

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? '0') || 0;
}

function maxUnavailable(d: Workload, desired: number): number {
  const strategy = d.spec.strategy as { type?: string; rollingUpdate?: { maxUnavailable?: number | string } } | undefined;
  if (strategy?.type === 'Recreate') return 0;
  const v = strategy?.rollingUpdate?.maxUnavailable ?? '25%';
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  return m ? Math.floor((desired * Number(m[1])) / 100) : Number(v) || 0;
}

export class DeploymentController implements Controller {
  readonly name = 'deployment';

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): void {
    for (const obj of this.ctx.store.list(resource('deployments'))) {
      const d = obj as Workload;
      if (d.metadata.deletionTimestamp) continue;
      try {
        this.sync(d);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        // A name taken by a ReplicaSet still being collected resolves itself on a later pass.
        if (e.code !== 409) this.ctx.onError(e);
      }
    }
  }

  private scale(d: Workload, rs: Workload, replicas: number): void {
    const from = rs.spec.replicas ?? 0;
    if (from === replicas) return;
    this.ctx.ops.mutate(resource('replicasets'), rs.metadata.namespace, rs.metadata.name ?? '', (draft) => {
      (draft as Workload).spec.replicas = replicas;
      draft.metadata.annotations = { ...draft.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1) };
    });
    this.ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${replicas > from ? 'up' : 'down'} replica set ${rs.metadata.name ?? ''} from ${from} to ${replicas}`, COMPONENT);
  }

  private sync(d: Workload): void {
    const { store, ops } = this.ctx;
    const rsR = resource('replicasets');
    const hash = shortHash(d.spec.template);
    const all = owned(store, rsR, d) as Workload[];
    let newRs = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const old = all.filter((rs) => rs !== newRs);
    const desired = d.spec.replicas ?? 1;
    const recreate = (d.spec.strategy as { type?: string } | undefined)?.type === 'Recreate';
    const paused = d.spec.paused === true;
    const oldPodsLeft = old.some((rs) => ownedPods(store, rs).length > 0);

    if (!newRs && !paused) {
      const template = clone(d.spec.template);
      template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } };
      const selector = clone(d.spec.selector ?? {});
      selector.matchLabels = { ...(selector.matchLabels ?? {}), 'pod-template-hash': hash };
      const revision = Math.max(0, ...all.map(revisionOf)) + 1;
      const initial = recreate && oldPodsLeft ? 0 : desired;
      newRs = ops.create(rsR, d.metadata.namespace, {
        metadata: {
          name: `${d.metadata.name ?? ''}-${hash}`,
          namespace: d.metadata.namespace,
          labels: { ...(template.metadata.labels ?? {}) },
          annotations: { [REVISION]: String(revision), 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + 1) },
          ownerReferences: [ownerRef(d)],
        },
        spec: { replicas: initial, selector, template, minReadySeconds: d.spec.minReadySeconds ?? 0 },
      }) as Workload;
      if (initial > 0) this.ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${newRs.metadata.name ?? ''} from 0 to ${initial}`, COMPONENT);
    }
    if (newRs && !paused) {
      if (recreate) {
        for (const rs of old) this.scale(d, rs, 0);
        this.scale(d, newRs, oldPodsLeft ? 0 : desired);
      } else {
        this.scale(d, newRs, desired);
        const fresh = store.get(rsR, newRs.metadata.namespace, newRs.metadata.name ?? '') as Workload | undefined;
        const newReady = (fresh?.status?.readyReplicas as number | undefined) ?? 0;
        if (desired === 0 || newReady >= desired) for (const rs of old) this.scale(d, rs, 0);
      }
      // Old ReplicaSets beyond the history limit go once they are empty.
      const limit = (d.spec.revisionHistoryLimit as number | undefined) ?? 10;
      const empty = old.filter((rs) => (rs.spec.replicas ?? 0) === 0 && ownedPods(store, rs).length === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
      for (const rs of empty.slice(0, Math.max(0, empty.length - limit))) ops.delete(rsR, rs.metadata.namespace, rs.metadata.name ?? '');
    }
    if (newRs) {
      const revision = newRs.metadata.annotations?.[REVISION];
      if (revision && d.metadata.annotations?.[REVISION] !== revision) {
        ops.mutate(resource('deployments'), d.metadata.namespace, d.metadata.name ?? '', (draft) => {
          draft.metadata.annotations = { ...draft.metadata.annotations, [REVISION]: revision };
        });
      }
    }
    this.writeDeploymentStatus(d, newRs);
  }

  private writeDeploymentStatus(d0: Workload, newRs: Workload | undefined): void {
    const { store } = this.ctx;
    const d = (store.get(resource('deployments'), d0.metadata.namespace, d0.metadata.name ?? '') as Workload | undefined) ?? d0;
    const all = owned(store, resource('replicasets'), d) as Workload[];
    const num = (rs: Workload | undefined, k: string): number => (rs?.status?.[k] as number | undefined) ?? 0;
    const replicas = all.reduce((s, rs) => s + num(rs, 'replicas'), 0);
    const ready = all.reduce((s, rs) => s + num(rs, 'readyReplicas'), 0);
    const available = all.reduce((s, rs) => s + num(rs, 'availableReplicas'), 0);
    const current = newRs ? (all.find((rs) => rs.metadata.uid === newRs.metadata.uid) ?? newRs) : undefined;
    const updated = num(current, 'replicas');
    const desired = d.spec.replicas ?? 1;
    const isAvailable = available >= desired - maxUnavailable(d, desired);
    const complete = updated === desired && replicas === desired && num(current, 'availableReplicas') >= desired;
    const rsName = current?.metadata.name ?? '';
    const oldConds = d.status?.conditions;
    const conditions = [
      isAvailable
        ? workloadCondition(oldConds, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
        : workloadCondition(oldConds, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
      complete
        ? workloadCondition(oldConds, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`)
        : workloadCondition(oldConds, 'Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`),
    ];
    const status = omitZero({
      observedGeneration: d.metadata.generation ?? 1,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, desired - available),
      conditions,
    });
    writeStatus(this.ctx, resource('deployments'), d, status);
  }
}
