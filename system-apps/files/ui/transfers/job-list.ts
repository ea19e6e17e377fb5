// Keeps the cached job list in step with a pushed job (pure).
import type { Job } from '../../server/files.types';

/** `jobs` with `job` put in its place (or in front when new); an older push never replaces a finished job. */
export function mergeJob(jobs: Job[] | undefined, job: Job): Job[] {
  const list = jobs ?? [];
  const i = list.findIndex((j) => j.id === job.id);
  if (i < 0) return [job, ...list];
  if (list[i]!.state !== 'running' && job.state === 'running') return list;
  const next = list.slice();
  next[i] = job;
  return next;
}
