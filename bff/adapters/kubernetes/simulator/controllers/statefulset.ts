// The StatefulSet controller: pods <name>-0..N-1 created in order, their volume claims, rolling replacement on template change, and status.
import { ApiError } from '../errors';
import { shortHash } from '../names';
import { resource } from '../resources';
import type { KubeObject, Pod, Workload } from '../types';
import type { Controller, ControllerContext } from './context';
import { isPodReady } from './pod-status';
import { createPod, deletePod, livePods, omitZero, ordinalOf, ownedPods, podFromTemplate, readyCount, writeStatus } from './workload-helpers';

const COMPONENT = 'statefulset-controller';
const REVISION_LABEL = 'controller-revision-hash';

interface ClaimTemplate {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export class StatefulSetController implements Controller {
  readonly name = 'statefulset';

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): void {
    for (const obj of this.ctx.store.list(resource('statefulsets'))) {
      if (obj.metadata.deletionTimestamp) continue;
      try {
        this.sync(obj as Workload);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code !== 409) this.ctx.onError(e);
      }
    }
  }

  private ensureClaims(set: Workload, ordinal: number): Array<{ name: string; persistentVolumeClaim: { claimName: string } }> {
    const templates = (set.spec.volumeClaimTemplates as ClaimTemplate[] | undefined) ?? [];
    const volumes = [];
    for (const t of templates) {
      const tname = t.metadata?.name ?? 'data';
      const claimName = `${tname}-${set.metadata.name ?? ''}-${ordinal}`;
      if (!this.ctx.store.get(resource('persistentvolumeclaims'), set.metadata.namespace, claimName)) {
        this.ctx.ops.create(resource('persistentvolumeclaims'), set.metadata.namespace, {
          metadata: { name: claimName, labels: { ...(t.metadata?.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) } },
          spec: t.spec ?? { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        });
      }
      volumes.push({ name: tname, persistentVolumeClaim: { claimName } });
    }
    return volumes;
  }

  private sync(set: Workload): void {
    const { store } = this.ctx;
    const name = set.metadata.name ?? '';
    const revision = `${name}-${shortHash(set.spec.template)}`;
    const want = set.spec.replicas ?? 1;
    const parallel = set.spec.podManagementPolicy === 'Parallel';
    const pods = ownedPods(store, set);
    const byOrdinal = new Map<number, Pod>();
    for (const p of pods) {
      const i = ordinalOf(p.metadata.name ?? '', name);
      if (i !== undefined) byOrdinal.set(i, p);
    }
    // Scale down: highest ordinals first.
    for (const [i, p] of [...byOrdinal.entries()].sort(([a], [b]) => b - a)) {
      if (i >= want && !p.metadata.deletionTimestamp) deletePod(this.ctx, set, p, COMPONENT);
    }
    // Create missing pods, in order unless Parallel.
    for (let i = 0; i < want; i++) {
      const existing = byOrdinal.get(i);
      if (existing) {
        if (!parallel && !isPodReady(existing)) break;
        continue;
      }
      const pod = podFromTemplate(set, `${name}-${i}`, {
        [REVISION_LABEL]: revision,
        'statefulset.kubernetes.io/pod-name': `${name}-${i}`,
        'apps.kubernetes.io/pod-index': String(i),
      });
      pod.spec.hostname = `${name}-${i}`;
      if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName as string;
      const claims = this.ensureClaims(set, i);
      if (claims.length) pod.spec.volumes = [...((pod.spec.volumes as unknown[] | undefined) ?? []), ...claims];
      createPod(this.ctx, set, pod, COMPONENT);
      if (!parallel) break;
    }
    // Rolling update: replace one outdated pod at a time, highest ordinal first, when nothing else is in flight.
    const current = ownedPods(store, set);
    const busy = current.some((p) => p.metadata.deletionTimestamp) || livePods(current).some((p) => !isPodReady(p) && p.metadata.labels?.[REVISION_LABEL] === revision);
    if (!busy) {
      const outdated = livePods(current)
        .filter((p) => p.metadata.labels?.[REVISION_LABEL] !== revision && (ordinalOf(p.metadata.name ?? '', name) ?? 0) < want)
        .sort((a, b) => (ordinalOf(b.metadata.name ?? '', name) ?? 0) - (ordinalOf(a.metadata.name ?? '', name) ?? 0));
      const first = outdated[0];
      if (first) deletePod(this.ctx, set, first, COMPONENT);
    }
    this.writeSetStatus(set, revision);
  }

  private writeSetStatus(set0: KubeObject, revision: string): void {
    const set = (this.ctx.store.get(resource('statefulsets'), set0.metadata.namespace, set0.metadata.name ?? '') ?? set0) as Workload;
    const live = livePods(ownedPods(this.ctx.store, set));
    const updated = live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision);
    const ready = readyCount(live);
    const status = omitZero({
      observedGeneration: set.metadata.generation ?? 1,
      replicas: live.length,
      readyReplicas: ready,
      currentReplicas: updated.length,
      updatedReplicas: updated.length,
      availableReplicas: ready,
      currentRevision: updated.length === live.length ? revision : ((set.status?.currentRevision as string | undefined) ?? revision),
      updateRevision: revision,
      collisionCount: 0,
    });
    status.replicas = live.length;
    writeStatus(this.ctx, resource('statefulsets'), set, status);
  }
}
