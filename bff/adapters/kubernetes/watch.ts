// The resumable watch: list, follow from the list's resourceVersion, resume after drops, re-list and diff after 410 Gone.
import { KubeError, KubeNetworkError, isStatusObject, kubeErrorFromStatus } from './errors';
import type { KubeObject, WatchEvent, WatchHandle } from './port';

/** One line of a watch stream, before it is checked. */
export interface RawWatchEvent {
  type: string;
  object: unknown;
}

/** What the watch needs from the cluster; the client provides it over HTTP, tests provide fakes. */
export interface WatchSource<T extends KubeObject> {
  list(): Promise<{ items: T[]; resourceVersion: string }>;
  /**
   * Opens a watch from `resourceVersion` (bookmarks requested). Rejects with a KubeError when the
   * server refuses it (code 410: too old). `onEnd` is called once when the stream ends or breaks,
   * never after `stop()`.
   */
  open(resourceVersion: string, onEvent: (e: RawWatchEvent) => void, onEnd: (err?: Error) => void): Promise<{ stop(): void }>;
}

export interface WatchClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
  now(): number;
}

const realClock: WatchClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: Math.random,
  now: Date.now,
};

export const BACKOFF_BASE_MS = 250;
export const BACKOFF_CAP_MS = 10_000;
/** A stream that stayed open this long counts as healthy: the next reconnect starts from the base delay. */
const HEALTHY_AFTER_MS = 5_000;

/** Exponential backoff with jitter: attempt 0 waits 125–250 ms, doubling up to 5–10 s. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** Identity of an object within one kind: namespace/name. */
export function objectKey(obj: KubeObject): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

/**
 * The events that take a consumer who saw `known` to the state `items`: ADDED for new objects,
 * MODIFIED for changed ones (another resourceVersion), DELETED (with the last state seen) for the
 * vanished; an object recreated under the same name (another uid) is DELETED then ADDED.
 */
export function diffRelist<T extends KubeObject>(known: ReadonlyMap<string, T>, items: readonly T[]): WatchEvent<T>[] {
  const events: WatchEvent<T>[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = objectKey(item);
    seen.add(key);
    const prev = known.get(key);
    if (!prev) {
      events.push({ type: 'ADDED', object: item });
    } else if (prev.metadata.uid && item.metadata.uid && prev.metadata.uid !== item.metadata.uid) {
      events.push({ type: 'DELETED', object: prev }, { type: 'ADDED', object: item });
    } else if (prev.metadata.resourceVersion !== item.metadata.resourceVersion) {
      events.push({ type: 'MODIFIED', object: item });
    }
  }
  for (const [key, prev] of known) if (!seen.has(key)) events.push({ type: 'DELETED', object: prev });
  return events;
}

/**
 * Applies a streamed event to what the consumer has seen; false when it brings nothing new (a
 * replayed event with a resourceVersion already delivered, or a DELETED for an object already gone).
 */
export function applyWatchEvent<T extends KubeObject>(known: Map<string, T>, event: WatchEvent<T>): boolean {
  const key = objectKey(event.object);
  const prev = known.get(key);
  if (event.type === 'DELETED') return known.delete(key);
  if (prev && prev.metadata.resourceVersion === event.object.metadata.resourceVersion && prev.metadata.uid === event.object.metadata.uid) return false;
  known.set(key, event.object);
  return true;
}

function isKubeObject(obj: unknown): obj is KubeObject {
  return !!obj && typeof obj === 'object' && !!(obj as { metadata?: unknown }).metadata && typeof (obj as { metadata?: unknown }).metadata === 'object';
}

class ResumableWatch<T extends KubeObject> implements WatchHandle {
  private stopped = false;
  /** Bumped at every list or connect and at stop: callbacks from an older round are ignored. */
  private round = 0;
  private known = new Map<string, T>();
  private rv: string | undefined;
  private attempt = 0;
  /** 410s since the last event: the first re-lists at once, further ones (a server that keeps refusing) back off. */
  private expiredStreak = 0;
  private timer: unknown = null;
  private stream: { stop(): void } | null = null;
  private resolveSynced!: () => void;
  readonly synced = new Promise<void>((resolve) => (this.resolveSynced = resolve));

  constructor(
    private readonly source: WatchSource<T>,
    private readonly onEvent: (e: WatchEvent<T>) => void,
    private readonly onError: (err: Error) => void,
    private readonly clock: WatchClock,
  ) {}

  get resourceVersion(): string | undefined {
    return this.rv;
  }

  start(): this {
    void this.relist();
    return this;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.round++;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.stream?.stop();
    this.stream = null;
    this.resolveSynced();
  }

  private async relist(): Promise<void> {
    const round = ++this.round;
    let listed: { items: T[]; resourceVersion: string };
    try {
      listed = await this.source.list();
    } catch (err) {
      if (round !== this.round) return;
      this.report(err);
      this.retry(() => this.relist());
      return;
    }
    if (round !== this.round) return;
    const events = diffRelist(this.known, listed.items);
    this.known = new Map(listed.items.map((item) => [objectKey(item), item]));
    this.rv = listed.resourceVersion;
    for (const event of events) this.deliver(event);
    this.resolveSynced();
    void this.connect();
  }

  private async connect(): Promise<void> {
    const round = ++this.round;
    const openedAt = this.clock.now();
    let stream: { stop(): void };
    try {
      stream = await this.source.open(
        this.rv ?? '',
        (e) => round === this.round && this.onRaw(e),
        () => round === this.round && this.onEnd(openedAt),
      );
    } catch (err) {
      if (round !== this.round) return;
      if (err instanceof KubeError && err.expired) return this.expired();
      this.report(err);
      this.retry(() => this.connect());
      return;
    }
    if (round !== this.round) {
      stream.stop();
      return;
    }
    this.stream = stream;
  }

  private onRaw(raw: RawWatchEvent): void {
    if (raw.type === 'ERROR') {
      this.dropStream();
      const err = kubeErrorFromStatus(isStatusObject(raw.object) ? (raw.object.code ?? 500) : 500, raw.object);
      if (err.expired) return this.expired();
      this.report(err);
      this.retry(() => this.connect());
      return;
    }
    if (!isKubeObject(raw.object)) return;
    const rv = raw.object.metadata.resourceVersion;
    if (rv) this.rv = rv;
    this.attempt = 0;
    this.expiredStreak = 0;
    const type = raw.type;
    if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return; // BOOKMARK: resourceVersion only
    const event: WatchEvent<T> = { type, object: raw.object as T };
    if (applyWatchEvent(this.known, event)) this.deliver(event);
  }

  private onEnd(openedAt: number): void {
    this.stream = null;
    if (this.clock.now() - openedAt >= HEALTHY_AFTER_MS) {
      this.attempt = 0;
      this.expiredStreak = 0;
    }
    this.retry(() => this.connect());
  }

  /** 410: what we knew is too old to resume from; re-list (at once the first time, then with backoff). */
  private expired(): void {
    if (this.expiredStreak++ === 0) {
      void this.relist();
    } else {
      this.retry(() => this.relist());
    }
  }

  private dropStream(): void {
    this.round++;
    this.stream?.stop();
    this.stream = null;
  }

  private retry(fn: () => Promise<void>): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt++, this.clock.random);
    const round = ++this.round;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (round === this.round) void fn();
    }, delay);
  }

  private deliver(event: WatchEvent<T>): void {
    try {
      this.onEvent(event);
    } catch (err) {
      this.report(err);
    }
  }

  /** Passes an error on, except a lost connection: that is retried silently, like a stream the server ended. */
  private report(err: unknown): void {
    if (err instanceof KubeNetworkError) return;
    try {
      this.onError(err instanceof Error ? err : new Error(String(err)));
    } catch {
      // A failing error handler must not stop the watch.
    }
  }
}

/** Starts a resumable watch over `source`; see diffRelist and applyWatchEvent for what the consumer receives. */
export function startResumableWatch<T extends KubeObject>(
  source: WatchSource<T>,
  onEvent: (e: WatchEvent<T>) => void,
  onError?: (err: Error) => void,
  clock?: WatchClock,
): WatchHandle {
  return new ResumableWatch(source, onEvent, onError ?? (() => {}), clock ?? realClock).start();
}
