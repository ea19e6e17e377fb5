// The kubelet: walks each scheduled pod through ContainerCreating → Running (or a requested failure) → Succeeded/Failed, and removes pods after their grace period.
import { now } from '../json';
import { resource } from '../resources';
import type { ContainerStatus, Pod, PodStatus } from '../types';
import { FAIL_ANNOTATION, type Controller, type ControllerContext } from './context';
import { containerStatus, fullImage, runsToCompletion, setCondition } from './pod-status';

type Step = 'terminate' | 'init' | 'pull' | 'backoff' | 'crash' | 'restart' | 'complete';

/** The label the helm controller puts on its job pods; their run time is timings.helmJobMs. */
export const HELM_JOB_LABEL = 'helmcharts.helm.cattle.io/chart';

function failMode(pod: Pod): string | undefined {
  return pod.metadata.annotations?.[FAIL_ANNOTATION];
}

function waitingReason(pod: Pod): string | undefined {
  return pod.status?.containerStatuses?.find((c) => c.state.waiting)?.state.waiting?.reason;
}

/** The next thing the kubelet will do to this pod, or undefined when it is at rest. */
function nextStep(pod: Pod): Step | undefined {
  if (pod.metadata.deletionTimestamp) return 'terminate';
  if (!pod.spec.nodeName) return undefined;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const statuses = pod.status?.containerStatuses;
  if (!statuses || statuses.length === 0) return 'init';
  const waiting = waitingReason(pod);
  if (waiting === 'ContainerCreating') return 'pull';
  if (waiting === 'ErrImagePull') return 'backoff';
  if (waiting === 'CrashLoopBackOff') return 'restart';
  if (waiting) return undefined;
  if (phase === 'Running') {
    if (runsToCompletion(pod)) return 'complete';
    if (failMode(pod) === 'crash') return 'crash';
  }
  return undefined;
}

export class Kubelet implements Controller {
  readonly name = 'kubelet';
  private readonly pending = new Map<string, { step: Step; cancel: () => void }>();
  private ipCounter = 2;

  constructor(private readonly ctx: ControllerContext) {}

  stop(): void {
    this.pending.clear();
  }

  reconcile(): void {
    const seen = new Set<string>();
    for (const pod of this.ctx.store.list(resource('pods')) as Pod[]) {
      const uid = pod.metadata.uid ?? '';
      const step = nextStep(pod);
      if (!step) continue;
      seen.add(uid);
      const current = this.pending.get(uid);
      if (current?.step === step) continue;
      current?.cancel();
      const ns = pod.metadata.namespace ?? '';
      const name = pod.metadata.name ?? '';
      if (step === 'terminate') this.announceKill(pod);
      const cancel = this.ctx.timers.after(this.delay(pod, step), () => {
        this.pending.delete(uid);
        this.perform(ns, name, uid, step);
      });
      this.pending.set(uid, { step, cancel });
    }
    for (const [uid, p] of this.pending) {
      if (!seen.has(uid)) {
        p.cancel();
        this.pending.delete(uid);
      }
    }
  }

  private delay(pod: Pod, step: Step): number {
    const t = this.ctx.timings;
    switch (step) {
      case 'terminate': {
        const grace = pod.metadata.deletionGracePeriodSeconds ?? 30;
        return Math.min(t.terminateMs, grace * 1000);
      }
      case 'init':
        return 0;
      case 'complete':
        return pod.metadata.labels?.[HELM_JOB_LABEL] !== undefined ? t.helmJobMs : t.createMs;
      case 'restart': {
        const restarts = pod.status?.containerStatuses?.[0]?.restartCount ?? 1;
        return t.createMs * Math.min(2 ** Math.max(0, restarts - 1), 8);
      }
      default:
        return t.createMs;
    }
  }

  private announceKill(pod: Pod): void {
    if (!pod.spec.nodeName) return;
    for (const c of pod.status?.containerStatuses ?? []) {
      if (c.state.running) this.ctx.events.record(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, 'kubelet', `spec.containers{${c.name}}`);
    }
  }

  private perform(ns: string, name: string, uid: string, step: Step): void {
    const { store, ops } = this.ctx;
    const pod = store.get(resource('pods'), ns, name) as Pod | undefined;
    if (!pod || pod.metadata.uid !== uid || nextStep(pod) !== step) return;
    if (step === 'terminate') {
      ops.removeNow(resource('pods'), ns, name);
      return;
    }
    const updated = ops.mutate(resource('pods'), ns, name, (d) => {
      const draft = d as Pod;
      draft.status = this.nextStatus(draft, step);
    });
    if (updated) this.emitEvents(updated as Pod, step);
  }

  private nextStatus(pod: Pod, step: Step): PodStatus {
    const status: PodStatus = { ...pod.status };
    const ts = now();
    const containers = pod.spec.containers ?? [];
    const fail = failMode(pod);
    switch (step) {
      case 'init': {
        status.hostIP = '127.0.0.1';
        status.hostIPs = [{ ip: '127.0.0.1' }];
        status.startTime ??= ts;
        let conds = setCondition(status.conditions, 'PodReadyToStartContainers', 'False');
        conds = setCondition(conds, 'Initialized', 'True');
        conds = setCondition(conds, 'Ready', 'False', 'ContainersNotReady', `containers with unready status: [${containers.map((c) => c.name).join(' ')}]`);
        conds = setCondition(conds, 'ContainersReady', 'False', 'ContainersNotReady', `containers with unready status: [${containers.map((c) => c.name).join(' ')}]`);
        conds = setCondition(conds, 'PodScheduled', 'True');
        status.conditions = conds;
        status.containerStatuses = containers.map((c) => containerStatus(pod, c.name, c.image ?? '', { waiting: { reason: 'ContainerCreating' } }));
        status.phase = 'Pending';
        return status;
      }
      case 'pull': {
        if (fail === 'image-pull') {
          status.containerStatuses = containers.map((c) =>
            containerStatus(pod, c.name, c.image ?? '', { waiting: { reason: 'ErrImagePull', message: `failed to pull and unpack image "${fullImage(c.image ?? '')}": not found (simulated)` } }),
          );
          return status;
        }
        return this.running(pod, status, 0, undefined);
      }
      case 'backoff':
        status.containerStatuses = containers.map((c) =>
          containerStatus(pod, c.name, c.image ?? '', { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image ?? ''}"` } }),
        );
        return status;
      case 'restart': {
        const prev = status.containerStatuses ?? [];
        return this.running(pod, status, prev[0]?.restartCount ?? 0, prev);
      }
      case 'crash': {
        const restartCount = (status.containerStatuses?.[0]?.restartCount ?? 0) + 1;
        status.containerStatuses = containers.map((c) => {
          const old = status.containerStatuses?.find((s) => s.name === c.name);
          const startedAt = old?.state.running?.startedAt ?? ts;
          return containerStatus(pod, c.name, c.image ?? '', { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${10 * Math.min(2 ** (restartCount - 1), 30)}s restarting failed container=${c.name} pod=${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})` } }, {
            restartCount,
            lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt, finishedAt: ts } },
          });
        });
        const msg = `containers with unready status: [${containers.map((c) => c.name).join(' ')}]`;
        status.conditions = setCondition(setCondition(status.conditions, 'Ready', 'False', 'ContainersNotReady', msg), 'ContainersReady', 'False', 'ContainersNotReady', msg);
        return status;
      }
      case 'complete': {
        const failed = fail === 'helm' || fail === 'job';
        status.containerStatuses = containers.map((c) => {
          const old = status.containerStatuses?.find((s) => s.name === c.name);
          return containerStatus(pod, c.name, c.image ?? '', {
            terminated: { exitCode: failed ? 1 : 0, reason: failed ? 'Error' : 'Completed', startedAt: old?.state.running?.startedAt ?? ts, finishedAt: ts },
          }, { restartCount: old?.restartCount ?? 0 });
        });
        status.phase = failed ? 'Failed' : 'Succeeded';
        let conds = setCondition(status.conditions, 'PodReadyToStartContainers', 'False');
        conds = setCondition(conds, 'Ready', 'False', 'PodCompleted');
        conds = setCondition(conds, 'ContainersReady', 'False', 'PodCompleted');
        status.conditions = conds;
        return status;
      }
      default:
        return status;
    }
  }

  private running(pod: Pod, status: PodStatus, restartCount: number, previous: ContainerStatus[] | undefined): PodStatus {
    const ts = now();
    const containers = pod.spec.containers ?? [];
    status.phase = 'Running';
    if (!status.podIP) {
      const n = this.ipCounter++;
      status.podIP = `10.42.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
      status.podIPs = [{ ip: status.podIP }];
    }
    status.containerStatuses = containers.map((c) => {
      const old = previous?.find((s) => s.name === c.name);
      return containerStatus(pod, c.name, c.image ?? '', { running: { startedAt: ts } }, { ready: true, restartCount, lastState: old?.lastState ?? {} });
    });
    if ((pod.spec.initContainers ?? []).length > 0) {
      status.initContainerStatuses = (pod.spec.initContainers ?? []).map((c) =>
        containerStatus(pod, c.name, c.image ?? '', { terminated: { exitCode: 0, reason: 'Completed', startedAt: ts, finishedAt: ts } }, { ready: true }),
      );
    }
    let conds = setCondition(status.conditions, 'PodReadyToStartContainers', 'True');
    conds = setCondition(conds, 'Initialized', 'True');
    conds = setCondition(conds, 'Ready', 'True');
    conds = setCondition(conds, 'ContainersReady', 'True');
    status.conditions = conds;
    return status;
  }

  private emitEvents(pod: Pod, step: Step): void {
    const ev = this.ctx.events;
    for (const c of pod.spec.containers ?? []) {
      const field = `spec.containers{${c.name}}`;
      const image = c.image ?? '';
      switch (step) {
        case 'init':
          ev.record(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, 'kubelet', field);
          break;
        case 'pull':
          if (failMode(pod) === 'image-pull') {
            ev.record(pod, 'Warning', 'Failed', `Failed to pull image "${image}": failed to pull and unpack image "${fullImage(image)}": not found (simulated)`, 'kubelet', field);
            ev.record(pod, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet', field);
          } else {
            ev.record(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${this.ctx.timings.createMs}ms (simulated)`, 'kubelet', field);
            ev.record(pod, 'Normal', 'Created', `Created container ${c.name}`, 'kubelet', field);
            ev.record(pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', field);
          }
          break;
        case 'backoff':
          ev.record(pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, 'kubelet', field);
          ev.record(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet', field);
          break;
        case 'crash':
          ev.record(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`, 'kubelet', field);
          break;
        case 'restart':
          ev.record(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, 'kubelet', field);
          ev.record(pod, 'Normal', 'Created', `Created container ${c.name}`, 'kubelet', field);
          ev.record(pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', field);
          break;
        default:
          break;
      }
    }
  }
}
