// The scheduler: binds pending pods to a node with room for their requests, or marks them Unschedulable with the usual event.
import { isActivePod, podRequests } from '../pod-requests';
import { parseQuantity } from '../quantity';
import { resource } from '../resources';
import type { KubeObject, Pod } from '../types';
import { FAIL_ANNOTATION, type Controller, type ControllerContext } from './context';
import { getCondition, setCondition } from './pod-status';

const CHECKED = ['cpu', 'memory', 'ephemeral-storage', 'nvidia.com/gpu'];
/** HAMi's scheduler extender manages these (`ignoredByScheduler`); nodes do not advertise them and the default scheduler does not count them. */
const LEFT_TO_HAMI = ['nvidia.com/gpumem', 'nvidia.com/gpumem-percentage', 'nvidia.com/gpucores'];

export class Scheduler implements Controller {
  readonly name = 'scheduler';
  /** pod uid → cancel of the pending first attempt */
  private readonly waiting = new Map<string, () => void>();

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): void {
    const pods = this.ctx.store.list(resource('pods')) as Pod[];
    const seen = new Set<string>();
    for (const pod of pods) {
      if (pod.spec.nodeName || pod.metadata.deletionTimestamp || pod.status?.phase !== 'Pending') continue;
      const uid = pod.metadata.uid ?? '';
      seen.add(uid);
      const tried = getCondition(pod.status?.conditions, 'PodScheduled');
      if (tried) {
        // Already found unschedulable: try again whenever something changed (this pass runs because something did).
        this.attempt(pod.metadata.namespace ?? '', pod.metadata.name ?? '');
      } else if (!this.waiting.has(uid)) {
        const ns = pod.metadata.namespace ?? '';
        const name = pod.metadata.name ?? '';
        this.waiting.set(
          uid,
          this.ctx.timers.after(this.ctx.timings.scheduleMs, () => {
            this.waiting.delete(uid);
            this.attempt(ns, name);
          }),
        );
      }
    }
    for (const [uid, cancel] of this.waiting) {
      if (!seen.has(uid)) {
        cancel();
        this.waiting.delete(uid);
      }
    }
  }

  stop(): void {
    this.waiting.clear();
  }

  /** Why each node refuses the pod (empty list: it fits). */
  private misfits(pod: Pod, node: KubeObject, podsOnNode: Pod[]): string[] {
    const reasons: string[] = [];
    if (pod.metadata.annotations?.[FAIL_ANNOTATION] === 'unschedulable') return ["node(s) didn't match Pod's node affinity/selector"];
    if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) reasons.push('node(s) were unschedulable');
    const labels = node.metadata.labels ?? {};
    for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) {
      if (labels[k] !== v) {
        reasons.push("node(s) didn't match Pod's node affinity/selector");
        break;
      }
    }
    const allocatable = ((node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {});
    const used: Record<string, number> = {};
    for (const p of podsOnNode) for (const [k, v] of Object.entries(podRequests(p))) used[k] = (used[k] ?? 0) + v;
    const want = podRequests(pod);
    if (podsOnNode.length + 1 > parseQuantity(allocatable.pods ?? '110')) reasons.push('Too many pods');
    for (const k of CHECKED) {
      const need = want[k] ?? 0;
      if (need <= 0) continue;
      const cap = allocatable[k] === undefined ? 0 : parseQuantity(allocatable[k]);
      if ((used[k] ?? 0) + need > cap + 1e-9) reasons.push(`Insufficient ${k}`);
    }
    for (const k of Object.keys(want)) {
      if (!CHECKED.includes(k) && !LEFT_TO_HAMI.includes(k) && (want[k] ?? 0) > 0 && allocatable[k] === undefined) reasons.push(`Insufficient ${k}`);
    }
    return reasons;
  }

  private attempt(ns: string, name: string): void {
    const { store, ops, events } = this.ctx;
    const pod = store.get(resource('pods'), ns, name) as Pod | undefined;
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return;
    const nodes = store.list(resource('nodes'));
    const allPods = (store.list(resource('pods')) as Pod[]).filter((p) => p.spec.nodeName && isActivePod(p));
    const counts = new Map<string, number>();
    let best: { node: KubeObject; free: number } | undefined;
    for (const node of nodes) {
      const onNode = allPods.filter((p) => p.spec.nodeName === node.metadata.name);
      const reasons = this.misfits(pod, node, onNode);
      if (reasons.length === 0) {
        const mem = parseQuantity(((node.status as { allocatable?: Record<string, string> }).allocatable ?? {}).memory ?? '0');
        const usedMem = onNode.reduce((s, p) => s + (podRequests(p).memory ?? 0), 0);
        if (!best || mem - usedMem > best.free) best = { node, free: mem - usedMem };
      }
      for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    if (best) {
      const nodeName = best.node.metadata.name ?? '';
      const bound = ops.mutate(resource('pods'), ns, name, (d) => {
        const draft = d as Pod;
        draft.spec.nodeName = nodeName;
        draft.status = { ...draft.status, conditions: setCondition(draft.status?.conditions, 'PodScheduled', 'True') };
      });
      if (bound) events.record(bound, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${nodeName}`, 'default-scheduler');
      return;
    }
    const detail = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reason, n]) => `${n} ${reason}`)
      .join(', ');
    const message = `0/${nodes.length} nodes are available: ${detail || 'no nodes available to schedule pods'}.`;
    const cond = getCondition(pod.status?.conditions, 'PodScheduled');
    if (cond?.status === 'False' && cond.message === message) return;
    const updated = ops.mutate(resource('pods'), ns, name, (d) => {
      const draft = d as Pod;
      draft.status = { ...draft.status, conditions: setCondition(draft.status?.conditions, 'PodScheduled', 'False', 'Unschedulable', message) };
    });
    if (updated) events.record(updated, 'Warning', 'FailedScheduling', message, 'default-scheduler');
  }
}
