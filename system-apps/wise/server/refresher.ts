// The refresher: fetches due feeds in the background — claimed with FOR UPDATE SKIP LOCKED so replicas share the work, a bounded number at once, conditional GETs, backoff on errors — and tells subscribers what arrived.
import type pg from 'pg';
import type { Logger } from 'pino';
import type { EventBus } from '../../../bff/realtime/bus';
import type { WiseEntriesEvent, WiseFeedsEvent } from '../shared/wire';
import type { EntriesStore } from './entries.store';
import type { FeedWriter } from './feed-writer';
import { FeedError } from './feeds/types';
import type { FeedRow, FeedsStore } from './feeds.store';
import type { ImageSigner } from './image-proxy';
import { nextDelayMs } from './refresh-rules';
import { DEFAULT_INTERVAL_MINUTES } from './subscriptions.service';
import type { FeedEngine, WiseHooks } from './wise.deps';

/** How long a claim holds: longer than any fetch (with its full-text pages) takes; a crashed replica's claims free up after it. */
const LEASE_MS = 10 * 60_000;
/** The most new items per refresh whose pages are fetched for full text. */
const MAX_FULL_TEXT = 10;

export interface RefresherDeps {
  db: pg.Pool;
  feeds: FeedsStore;
  entries: EntriesStore;
  writer: FeedWriter;
  engine: Pick<FeedEngine, 'fetchUrl' | 'decodeBody' | 'parseFeed' | 'extractArticle'>;
  images: ImageSigner;
  hooks: Pick<WiseHooks, 'onEntriesAdded'>;
  bus: EventBus;
  log: Logger;
  /** Feeds fetched at once, at most (WISE_FETCH_CONCURRENCY). */
  concurrency: number;
  allowPrivateNetwork: boolean;
  /** How often the loop looks for due feeds when nothing wakes it. */
  pollMs?: number;
}

export interface RefreshSummary {
  /** Feeds fetched (whatever the outcome). */
  fetched: number;
  notModified: number;
  failed: number;
  /** New entries stored. */
  added: number;
}

type Outcome = 'ok' | 'notModified' | 'failed';

export class Refresher {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;
  private draining: Promise<RefreshSummary> | null = null;
  private readonly aborts = new Set<AbortController>();

  constructor(private readonly d: RefresherDeps) {}

  /** Starts the background loop (WISE_REFRESH). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the loop, cancels fetches under way and waits for them to let go of their feeds. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const a of this.aborts) a.abort();
    await this.draining?.catch(() => undefined);
  }

  /** Feeds became due (a subscription, an import, a manual refresh): look now rather than at the next poll. */
  kick(): void {
    if (this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refreshDue()
        .catch((err: Error) => this.d.log.warn({ err: { message: err.message } }, 'wise: refresh round failed'))
        .finally(() => {
          if (this.running && !this.timer) this.schedule(this.d.pollMs ?? 30_000);
        });
    }, ms);
    this.timer.unref?.();
  }

  /**
   * Fetches every due feed, `concurrency` at a time, until none is due; resolves with what happened. Tests drive refreshes
   * with it; one round runs at a time (a call during a round runs another round after it).
   */
  async refreshDue(): Promise<RefreshSummary> {
    while (this.draining) await this.draining.catch(() => undefined);
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async drain(): Promise<RefreshSummary> {
    const summary: RefreshSummary = { fetched: 0, notModified: 0, failed: 0, added: 0 };
    const inFlight = new Set<Promise<void>>();
    let exhausted = false;
    while (!this.stopped) {
      if (!exhausted && inFlight.size < this.d.concurrency) {
        const claimed = await this.d.feeds.claimDue(this.d.db, this.d.concurrency - inFlight.size, LEASE_MS);
        if (!claimed.length) exhausted = true;
        for (const feed of claimed) {
          const job: Promise<void> = this.refreshClaimed(feed)
            .then(({ outcome, added }) => {
              summary.fetched++;
              summary.added += added;
              if (outcome !== 'ok') summary[outcome]++;
            })
            .finally(() => inFlight.delete(job));
          inFlight.add(job);
        }
        if (claimed.length) continue;
      }
      if (!inFlight.size) break;
      await Promise.race(inFlight);
      // A slot is free: feeds may have become due meanwhile.
      exhausted = false;
    }
    await Promise.allSettled(inFlight);
    return summary;
  }

  /** Fetches one claimed feed and records the outcome; never throws (a broken feed must not stop the others). */
  private async refreshClaimed(feed: FeedRow): Promise<{ outcome: Outcome; added: number }> {
    const interval = feed.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES;
    const abort = new AbortController();
    this.aborts.add(abort);
    try {
      const res = await this.d.engine.fetchUrl(feed.url, {
        etag: feed.etag,
        lastModified: feed.lastModified,
        allowPrivateNetwork: this.d.allowPrivateNetwork,
        signal: abort.signal,
      });
      if (res.status === 'notModified') {
        const { errorCleared } = await this.d.feeds.notModified(this.d.db, feed.id, nextDelayMs(interval, 0));
        if (errorCleared) await this.feedChanged(feed.id);
        return { outcome: 'notModified', added: 0 };
      }
      const parsed = this.d.engine.parseFeed(this.d.engine.decodeBody(res.body, res.contentType), res.finalUrl, { proxyImage: this.d.images.proxy });
      const stored = await this.d.writer.store(feed.id, parsed, { etag: res.etag, lastModified: res.lastModified, movedTo: res.permanentUrl }, nextDelayMs(interval, 0));
      if (stored.newIds.length && feed.fullText) await this.fetchFullText(stored.newIds, abort.signal);
      if (stored.titleChanged || stored.errorCleared) await this.feedChanged(feed.id);
      if (stored.newIds.length) await this.entriesAdded(feed.id, stored.newIds);
      return { outcome: 'ok', added: stored.newIds.length };
    } catch (err) {
      if (abort.signal.aborted) {
        await this.d.feeds.release(this.d.db, feed.id).catch(() => undefined);
        return { outcome: 'failed', added: 0 };
      }
      // Only the engine's own errors are shown to subscribers as they are; anything else is logged and shown as unreadable.
      const e = err instanceof FeedError ? err : new FeedError('notAFeed', 'The feed could not be read or stored.');
      if (!(err instanceof FeedError)) this.d.log.warn({ err: { message: (err as Error).message }, feedId: feed.id }, 'wise: feed refresh failed');
      await this.d.feeds
        .failed(this.d.db, feed.id, nextDelayMs(interval, feed.errorAttempts + 1, e.retryAfterMs), { kind: e.kind, message: e.message })
        .catch((dbErr: Error) => this.d.log.warn({ err: { message: dbErr.message }, feedId: feed.id }, 'wise: could not record a feed error'));
      if (feed.errorKind !== e.kind) await this.feedChanged(feed.id);
      return { outcome: 'failed', added: 0 };
    } finally {
      this.aborts.delete(abort);
    }
  }

  /** Replaces the feed's excerpts of new items with their pages' readable articles, for subscribers who asked (their text indexed too: new items are indexed after this); a page that fails keeps its excerpt. */
  private async fetchFullText(ids: string[], signal: AbortSignal): Promise<void> {
    for (const { id, url } of (await this.d.entries.links(this.d.db, ids)).slice(0, MAX_FULL_TEXT)) {
      if (signal.aborted) return;
      try {
        const res = await this.d.engine.fetchUrl(url, { allowPrivateNetwork: this.d.allowPrivateNetwork, signal, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
        if (res.status !== 'ok') continue;
        const article = this.d.engine.extractArticle(this.d.engine.decodeBody(res.body, res.contentType), res.finalUrl, { proxyImage: this.d.images.proxy });
        await this.d.entries.setFullHtml(this.d.db, id, article.html, article.text);
      } catch {
        /* the excerpt stays */
      }
    }
  }

  private async entriesAdded(feedId: string, ids: string[]): Promise<void> {
    try {
      await this.d.hooks.onEntriesAdded(ids);
    } catch (err) {
      this.d.log.warn({ err: { message: (err as Error).message }, feedId }, 'wise: indexing new entries failed');
    }
    const payload: WiseEntriesEvent = { feedId, added: ids.length };
    for (const userId of await this.d.feeds.subscribers(this.d.db, feedId)) this.d.bus.emit('user.event', { userId, event: 'wise.entries', payload });
  }

  private async feedChanged(feedId: string): Promise<void> {
    const payload: WiseFeedsEvent = { feedId };
    for (const userId of await this.d.feeds.subscribers(this.d.db, feedId)) this.d.bus.emit('user.event', { userId, event: 'wise.feeds', payload });
  }
}
