// The DaemonSet controller: one pod per matching node, replaced when the template changes, and the DaemonSet's status.
import { ApiError } from '../errors';
import { randomSuffix, shortHash } from '../names';
import { resource } from '../resources';
import type { Workload } from '../types';
import type { Controller, ControllerContext } from './context';
import { createPod, deletePod, livePods, ownedPods, podFromTemplate, readyCount, writeStatus } from './workload-helpers';

const COMPONENT = 'daemonset-controller';
const REVISION_LABEL = 'controller-revision-hash';

export class DaemonSetController implements Controller {
  readonly name = 'daemonset';

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): void {
    for (const obj of this.ctx.store.list(resource('daemonsets'))) {
      if (obj.metadata.deletionTimestamp) continue;
      try {
        this.sync(obj as Workload);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.ctx.onError(e);
      }
    }
  }

  private sync(ds: Workload): void {
    const { store } = this.ctx;
    const revision = shortHash(ds.spec.template);
    const selector = ds.spec.template.spec.nodeSelector ?? {};
    const nodes = store.list(resource('nodes')).filter((n) => Object.entries(selector).every(([k, v]) => n.metadata.labels?.[k] === v));
    const nodeNames = new Set(nodes.map((n) => n.metadata.name ?? ''));
    const pods = ownedPods(store, ds);
    for (const p of livePods(pods)) {
      if (!nodeNames.has(p.spec.nodeName ?? '') || p.metadata.labels?.[REVISION_LABEL] !== revision) deletePod(this.ctx, ds, p, COMPONENT);
    }
    for (const node of nodeNames) {
      if (pods.some((p) => p.spec.nodeName === node && store.get(resource('pods'), p.metadata.namespace, p.metadata.name ?? ''))) continue;
      const pod = podFromTemplate(ds, `${ds.metadata.name ?? ''}-${randomSuffix()}`, { [REVISION_LABEL]: revision, 'pod-template-generation': String(ds.metadata.generation ?? 1) }, node);
      createPod(this.ctx, ds, pod, COMPONENT);
    }
    const live = livePods(ownedPods(store, ds));
    const ready = readyCount(live);
    writeStatus(this.ctx, resource('daemonsets'), ds, {
      currentNumberScheduled: live.length,
      desiredNumberScheduled: nodeNames.size,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      updatedNumberScheduled: live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length,
      observedGeneration: ds.metadata.generation ?? 1,
    });
  }
}
