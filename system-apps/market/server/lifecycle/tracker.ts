// Keeps apps' states in step with the cluster: watches (which resume and re-list by themselves) wake a reconcile of the app whose namespace changed.
import type { Logger } from 'pino';
import { Kinds, type KindRef, type KubeApi, type WatchHandle } from '../../../../bff/adapters/kubernetes';
import type { StoredApp } from '../market.store';

/** A slow sweep as well, as controllers do: a missed event or a failed reconcile is caught up with. */
const RESYNC_MS = 30_000;
const DEBOUNCE_MS = 40;

export class Tracker {
  private watches: WatchHandle[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly later = new Map<string, NodeJS.Timeout>();
  private byNamespace = new Map<string, string>();
  private stopped = false;
  private sweepSoon: NodeJS.Timeout | null = null;

  constructor(
    private readonly api: KubeApi,
    private readonly reconcile: (appId: string) => Promise<void>,
    private readonly apps: () => Promise<StoredApp[]>,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.sweep();
    const kinds: KindRef[] = [Kinds.helmChart, Kinds.deployment, Kinds.statefulSet, Kinds.pod, Kinds.job, Kinds.namespace];
    for (const kind of kinds) {
      this.watches.push(
        this.api.watch(
          kind,
          {},
          (e) => this.poke(kind === Kinds.namespace ? e.object.metadata.name : e.object.metadata.namespace),
          (err) => this.log.warn({ kind: kind.plural, err: err.message }, 'market: a cluster watch failed; it retries'),
        ),
      );
    }
    this.timer = setInterval(() => void this.sweep(), RESYNC_MS);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.watches) w.stop();
    this.watches = [];
    if (this.timer) clearInterval(this.timer);
    if (this.sweepSoon) clearTimeout(this.sweepSoon);
    for (const t of [...this.pending.values(), ...this.later.values()]) clearTimeout(t);
    this.pending.clear();
    this.later.clear();
  }

  /** Reconciles every app (at start: this resumes whatever a restart interrupted). */
  async sweep(): Promise<void> {
    try {
      const apps = await this.apps();
      this.byNamespace = new Map(apps.map((a) => [a.namespace, a.id]));
      for (const a of apps) this.schedule(a.id);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'market: could not list apps to reconcile');
    }
  }

  /** Something changed in a namespace: reconcile its app soon (changes in a burst are taken together). */
  poke(namespace: string | undefined): void {
    if (!namespace || this.stopped) return;
    const id = this.byNamespace.get(namespace);
    if (id) this.schedule(id);
    // A namespace we have not seen yet (an install that just began): refresh the map soon, then reconcile.
    else if (!this.sweepSoon) {
      this.sweepSoon = setTimeout(() => {
        this.sweepSoon = null;
        void this.sweep();
      }, 500);
      this.sweepSoon.unref();
    }
  }

  /** Looks at an app again after `ms` (controllers' "requeue after"): an app in transition is never left waiting on one event. */
  requeue(id: string, ms: number): void {
    if (this.stopped || this.later.has(id)) return;
    const t = setTimeout(() => {
      this.later.delete(id);
      this.schedule(id);
    }, ms);
    t.unref();
    this.later.set(id, t);
  }

  private schedule(id: string): void {
    if (this.stopped || this.pending.has(id)) return;
    const t = setTimeout(() => {
      this.pending.delete(id);
      this.reconcile(id).catch((err: unknown) => this.log.warn({ err: (err as Error).message }, 'market: reconcile failed; the next change or sweep retries'));
    }, DEBOUNCE_MS);
    this.pending.set(id, t);
  }
}
