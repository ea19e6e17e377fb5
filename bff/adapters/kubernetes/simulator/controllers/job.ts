// The Job controller: runs pods until enough succeed (Complete) or too many fail (Failed), and keeps the Job's status.
import { now } from '../json';
import { randomSuffix } from '../names';
import { resource } from '../resources';
import type { Condition, Workload } from '../types';
import type { Controller, ControllerContext } from './context';
import { isPodReady } from './pod-status';
import { createPod, deletePod, ownedPods, podFromTemplate, writeStatus } from './workload-helpers';

const COMPONENT = 'job-controller';

export function jobCondition(job: { status?: Record<string, unknown> }, type: 'Complete' | 'Failed'): boolean {
  const conds = (job.status?.conditions as Condition[] | undefined) ?? [];
  return conds.some((c) => c.type === type && c.status === 'True');
}

export class JobController implements Controller {
  readonly name = 'job';

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): void {
    const r = resource('jobs');
    for (const obj of this.ctx.store.list(r)) {
      const job = obj as Workload;
      if (job.metadata.deletionTimestamp) continue;
      const finished = jobCondition(job, 'Complete') || jobCondition(job, 'Failed');
      const pods = ownedPods(this.ctx.store, job);
      const succeeded = Math.max(pods.filter((p) => p.status?.phase === 'Succeeded').length, (job.status?.succeeded as number | undefined) ?? 0);
      const failed = Math.max(pods.filter((p) => p.status?.phase === 'Failed').length, (job.status?.failed as number | undefined) ?? 0);
      let active = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp);
      const completions = (job.spec.completions as number | undefined) ?? 1;
      const parallelism = (job.spec.parallelism as number | undefined) ?? 1;
      const backoffLimit = (job.spec.backoffLimit as number | undefined) ?? 6;
      const conditions = [...((job.status?.conditions as Condition[] | undefined) ?? [])];
      let completionTime = job.status?.completionTime as string | undefined;
      if (!finished && !job.spec.suspend) {
        if (succeeded >= completions) {
          const ts = now();
          conditions.push({ type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: ts, lastTransitionTime: ts });
          conditions.push({ type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: ts, lastTransitionTime: ts });
          completionTime = ts;
          this.ctx.events.record(job, 'Normal', 'Completed', 'Job completed', COMPONENT);
        } else if (failed > backoffLimit) {
          const ts = now();
          for (const p of active) deletePod(this.ctx, job, p, COMPONENT);
          active = [];
          conditions.push({ type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: ts, lastTransitionTime: ts });
          conditions.push({ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: ts, lastTransitionTime: ts });
          this.ctx.events.record(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', COMPONENT);
        } else {
          const need = Math.min(parallelism, completions - succeeded) - active.length;
          for (let i = 0; i < need; i++) {
            const pod = podFromTemplate(job, `${job.metadata.name ?? ''}-${randomSuffix()}`);
            const created = createPod(this.ctx, job, pod, COMPONENT);
            if (!created) break;
          }
          active = ownedPods(this.ctx.store, job).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp);
        }
      }
      const status: Record<string, unknown> = {
        ...(job.status?.startTime || pods.length > 0 ? { startTime: (job.status?.startTime as string | undefined) ?? now() } : {}),
        ...(active.length ? { active: active.length } : {}),
        ...(succeeded ? { succeeded } : {}),
        ...(failed ? { failed } : {}),
        ready: active.filter(isPodReady).length,
        terminating: pods.filter((p) => p.metadata.deletionTimestamp).length,
        uncountedTerminatedPods: {},
        ...(completionTime ? { completionTime } : {}),
        ...(conditions.length ? { conditions } : {}),
      };
      writeStatus(this.ctx, r, job, status);
    }
  }
}
