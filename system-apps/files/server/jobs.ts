// Long operations as jobs: progress in memory, a row per job (a retried request id finds it), pushes to the owner, cancellation.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { appError } from '../../../bff/trpc/app-error';
import type { EventBus } from '../../../bff/realtime/bus';
import { reasonOf } from './errors';
import type { Job, JobKind } from './files.types';
import type { JobsStore } from './jobs.store';

/** Progress pushes at most this often (state changes always go out at once). */
const PUSH_MS = 200;
/** Progress saved to the database at most this often (other replicas list it from there). */
const SAVE_MS = 2_000;
const RECENT_MS = 60 * 60 * 1000;

/** What a job's work sees: its abort signal and ways to report. */
export interface JobContext {
  signal: AbortSignal;
  job: Readonly<Job>;
  /** Updates counters; pushed when the last push is old enough. */
  progress(patch: Partial<Pick<Job, 'bytesDone' | 'bytesTotal' | 'itemsDone' | 'itemsTotal' | 'current'>>): void;
  /** Folders whose listings changed. */
  touch(...folders: string[]): void;
}

interface Running {
  userId: string;
  job: Job;
  controller: AbortController;
  done: Promise<void>;
  lastPush: number;
  lastSave: number;
}

export class JobRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly store: JobsStore,
    private readonly bus: EventBus,
    private readonly log: Pick<Logger, 'warn' | 'error'>,
    /** Called with the touched folders when a job ends. */
    private readonly onChanged: (userId: string, folders: string[]) => void,
  ) {}

  /** The job a request id already started, if any. */
  async existing(userId: string, requestId: string): Promise<Job | null> {
    const job = await this.store.byRequest(userId, requestId);
    return job ? (this.running.get(job.id)?.job ?? job) : null;
  }

  /** Starts `work` as a job, unless this request id already started one: then that job. */
  async start(userId: string, requestId: string, kind: JobKind, work: (ctx: JobContext) => Promise<void>): Promise<Job> {
    const now = Date.now();
    const fresh: Job = { id: randomUUID(), kind, state: 'running', bytesDone: 0, bytesTotal: 0, itemsDone: 0, itemsTotal: 0, current: null, error: null, startedAt: now, finishedAt: null, touched: [] };
    const { job, created } = await this.store.claim(userId, requestId, fresh);
    if (!created) return this.running.get(job.id)?.job ?? job;
    const controller = new AbortController();
    const r: Running = { userId, job, controller, done: Promise.resolve(), lastPush: 0, lastSave: now };
    this.running.set(job.id, r);
    const touched = new Set<string>();
    const ctx: JobContext = {
      signal: controller.signal,
      job,
      progress: (patch) => {
        Object.assign(job, patch);
        const t = Date.now();
        if (t - r.lastPush >= PUSH_MS) this.push(r);
        if (t - r.lastSave >= SAVE_MS) {
          r.lastSave = t;
          void this.store.save(job).catch((err: unknown) => this.log.warn({ err, job: job.id }, 'files: could not save job progress'));
        }
      },
      touch: (...folders) => {
        for (const f of folders) touched.add(f);
        job.touched = [...touched];
      },
    };
    this.push(r);
    r.done = (async () => {
      try {
        await work(ctx);
        job.state = controller.signal.aborted ? 'cancelled' : 'done';
      } catch (err) {
        if (controller.signal.aborted) job.state = 'cancelled';
        else {
          job.state = 'failed';
          job.error = reasonOf(err);
          if (job.error === 'files.failed') this.log.error({ err, job: job.id, kind }, 'files: job failed');
        }
      }
      job.current = null;
      job.finishedAt = Date.now();
      this.running.delete(job.id);
      await this.store.save(job).catch((err: unknown) => this.log.warn({ err, job: job.id }, 'files: could not save job'));
      this.push(r);
      if (job.touched.length) this.onChanged(userId, job.touched);
    })();
    return job;
  }

  /** The user's running jobs and those that ended in the last hour, newest first. */
  async list(userId: string): Promise<Job[]> {
    const stored = await this.store.recent(userId, new Date(Date.now() - RECENT_MS));
    return stored.map((j) => this.running.get(j.id)?.job ?? j);
  }

  /** Stops a running job between files (or inside a big file) and waits for it to end. */
  async cancel(userId: string, id: string): Promise<Job> {
    const r = this.running.get(id);
    if (r && r.userId === userId) {
      r.controller.abort();
      await r.done;
      return r.job;
    }
    const job = await this.store.get(userId, id);
    if (!job) throw appError('NOT_FOUND', 'files.job.notFound', 'There is no such operation.');
    return job;
  }

  /** Waits for the job to end (tests and shutdown). */
  async wait(id: string): Promise<void> {
    await this.running.get(id)?.done;
  }

  /** Cancels every running job and waits for them. */
  async shutdown(): Promise<void> {
    for (const r of this.running.values()) r.controller.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private push(r: Running): void {
    r.lastPush = Date.now();
    this.bus.emit('user.event', { userId: r.userId, event: 'files.job', payload: { ...r.job } });
  }
}
