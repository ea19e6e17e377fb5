// Subscriptions and folders: subscribing (shared feed rows, discovery from pages, the first fetch at once), per-feed settings, unsubscribing, manual refreshes, OPML in and out.
import type pg from 'pg';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { withTransaction } from '../../../bff/db/pool';
import type { FeedView, FolderView, Inputs, OpmlImportResult } from '../shared/wire';
import type { FeedWriter } from './feed-writer';
import type { FeedsStore } from './feeds.store';
import type { ImageSigner } from './image-proxy';
import { readOpml, writeOpml } from './opml';
import { nextDelayMs, normaliseUrl } from './refresh-rules';
import type { SubscriptionsStore } from './subscriptions.store';
import { feedView } from './views';
import type { FeedEngine, WiseHooks } from './wise.deps';
import { badOpml, feedRefused, folderExists, isFeedError, notFound } from './wise.errors';

type In<K extends keyof typeof Inputs> = z.infer<(typeof Inputs)[K]>;

/** New subscriptions look for news hourly until the user says otherwise. */
export const DEFAULT_INTERVAL_MINUTES = 60;
/** The most feeds one OPML import subscribes to. */
const MAX_OPML_FEEDS = 5000;

export interface SubscriptionsDeps {
  db: pg.Pool;
  feeds: FeedsStore;
  subs: SubscriptionsStore;
  writer: FeedWriter;
  engine: Pick<FeedEngine, 'readFeedAt'>;
  images: ImageSigner;
  hooks: Pick<WiseHooks, 'onEntriesAdded'>;
  /** Wakes the refresher: feeds became due. */
  kick(): void;
  allowPrivateNetwork: boolean;
  log: Logger;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export class SubscriptionsService {
  constructor(private readonly d: SubscriptionsDeps) {}

  async list(userId: string): Promise<{ feeds: FeedView[]; folders: FolderView[] }> {
    const [rows, folders] = await Promise.all([this.d.subs.list(this.d.db, userId), this.d.subs.folders(this.d.db, userId)]);
    return { feeds: rows.map((r) => feedView(r, this.d.images)), folders };
  }

  async feed(userId: string, feedId: string): Promise<FeedView> {
    const row = await this.d.subs.get(this.d.db, userId, feedId);
    if (!row) throw notFound();
    return feedView(row, this.d.images);
  }

  /** Subscribes to the feed at `url` (or the one a page links to); a feed someone already follows is shared, not fetched again. */
  async subscribe(userId: string, input: In<'subscribe'>): Promise<FeedView> {
    const url = normaliseUrl(input.url);
    const folderId = input.folderId ?? null;
    if (folderId) await this.ownFolder(userId, folderId);
    const known = await this.d.feeds.byUrl(this.d.db, url);
    if (known) return this.join(userId, known.id, folderId);

    let read;
    try {
      read = await this.d.engine.readFeedAt(url, { allowPrivateNetwork: this.d.allowPrivateNetwork, proxyImage: this.d.images.proxy });
    } catch (err) {
      if (isFeedError(err)) throw feedRefused(err);
      throw err;
    }
    if (!read.feed || read.fetch.status !== 'ok') throw new Error('the first fetch of a feed answered Not Modified');
    const { feed, fetch } = read;
    const found = await this.d.feeds.byUrl(this.d.db, read.feedUrl);
    if (found) return this.join(userId, found.id, folderId);

    const newIds = await withTransaction(this.d.db, async (c) => {
      const row = await this.d.feeds.upsert(c, read.feedUrl, feed.title.trim());
      await this.d.subs.insert(c, userId, row.id, { folderId });
      // Made by another subscriber in the meantime: that fetch stands.
      if (!row.created) return { feedId: row.id, ids: [] };
      const stored = await this.d.writer.store(row.id, feed, { etag: fetch.etag, lastModified: fetch.lastModified, movedTo: null }, nextDelayMs(DEFAULT_INTERVAL_MINUTES, 0), c);
      return { feedId: row.id, ids: stored.newIds };
    });
    await this.entriesAdded(newIds.ids);
    return this.feed(userId, newIds.feedId);
  }

  /** Subscribes the user to a feed row that exists; one nobody followed any more is fetched again. */
  private async join(userId: string, feedId: string, folderId: string | null): Promise<FeedView> {
    const idle = await withTransaction(this.d.db, async (c) => {
      await this.d.subs.insert(c, userId, feedId, { folderId });
      return this.d.feeds.scheduleIfIdle(c, feedId);
    });
    if (idle) this.d.kick();
    return this.feed(userId, feedId);
  }

  async update(userId: string, input: In<'updateFeed'>): Promise<FeedView> {
    if (input.folderId) await this.ownFolder(userId, input.folderId);
    await withTransaction(this.d.db, async (c) => {
      const change = { title: input.title, folderId: input.folderId, intervalMinutes: input.intervalMinutes, fullText: input.fullText };
      if (!(await this.d.subs.update(c, userId, input.feedId, change))) throw notFound();
      if (input.intervalMinutes !== undefined) await this.d.feeds.reschedule(c, input.feedId);
    });
    return this.feed(userId, input.feedId);
  }

  /** Unsubscribes; a feed nobody follows any more is not fetched again (its items stay for whoever subscribes later). */
  async unsubscribe(userId: string, feedId: string): Promise<{ ok: true }> {
    await withTransaction(this.d.db, async (c) => {
      if (!(await this.d.subs.remove(c, userId, feedId))) throw notFound();
      await this.d.feeds.reschedule(c, feedId);
    });
    return { ok: true };
  }

  /** Makes the user's feeds (or one) due now and wakes the refresher. */
  async refresh(userId: string, input: In<'refresh'>): Promise<{ queued: number }> {
    const ids = input?.feedId ? [input.feedId] : await this.d.subs.feedIds(this.d.db, userId);
    if (input?.feedId && !(await this.d.subs.exists(this.d.db, userId, input.feedId))) throw notFound();
    const queued = ids.length ? await this.d.feeds.makeDue(this.d.db, ids) : 0;
    if (queued) this.d.kick();
    return { queued };
  }

  // ---- folders ----

  private async ownFolder(userId: string, folderId: string): Promise<FolderView> {
    const folder = await this.d.subs.folder(this.d.db, userId, folderId);
    if (!folder) throw notFound();
    return folder;
  }

  async createFolder(userId: string, name: string): Promise<FolderView> {
    const folder = await this.d.subs.createFolder(this.d.db, userId, name);
    if (!folder) throw folderExists();
    return folder;
  }

  async renameFolder(userId: string, folderId: string, name: string): Promise<FolderView> {
    try {
      const done = await this.d.subs.renameFolder(this.d.db, userId, folderId, name);
      if (done === 'missing') throw notFound();
      if (done === 'taken') throw folderExists();
      return done;
    } catch (err) {
      if (isUniqueViolation(err)) throw folderExists();
      throw err;
    }
  }

  async deleteFolder(userId: string, folderId: string): Promise<{ ok: true }> {
    if (!(await this.d.subs.deleteFolder(this.d.db, userId, folderId))) throw notFound();
    return { ok: true };
  }

  // ---- OPML ----

  /** Subscribes to every feed of the file in one transaction (folders made as needed); the refresher fetches the new ones. */
  async importOpml(userId: string, input: In<'importOpml'>): Promise<OpmlImportResult> {
    let feeds;
    try {
      feeds = readOpml(input.opml);
    } catch {
      throw badOpml();
    }
    const result: OpmlImportResult = { added: 0, alreadySubscribed: 0, folders: 0, failed: [] };
    let due = false;
    await withTransaction(this.d.db, async (c) => {
      const folderIds = new Map<string, string>();
      for (const [i, f] of feeds.entries()) {
        if (i >= MAX_OPML_FEEDS) {
          result.failed.push({ url: f.url, reason: `an import subscribes to ${MAX_OPML_FEEDS} feeds at most` });
          continue;
        }
        let url: string;
        try {
          url = normaliseUrl(f.url);
        } catch {
          result.failed.push({ url: f.url.slice(0, 2048), reason: 'not an http or https address' });
          continue;
        }
        let folderId: string | null = null;
        if (f.folder) {
          const name = f.folder.slice(0, 100);
          folderId = folderIds.get(name.toLowerCase()) ?? null;
          if (!folderId) {
            const made = await this.d.subs.createFolder(c, userId, name);
            if (made) result.folders++;
            folderId = (made ?? (await this.d.subs.folderByName(c, userId, name)))!.id;
            folderIds.set(name.toLowerCase(), folderId);
          }
        }
        const row = await this.d.feeds.upsert(c, url, (f.title ?? '').slice(0, 200));
        if (await this.d.subs.insert(c, userId, row.id, { folderId })) {
          result.added++;
          if (await this.d.feeds.scheduleIfIdle(c, row.id)) due = true;
        } else result.alreadySubscribed++;
      }
    });
    if (due) this.d.kick();
    return result;
  }

  async exportOpml(userId: string): Promise<{ opml: string }> {
    const [rows, folders] = await Promise.all([this.d.subs.list(this.d.db, userId), this.d.subs.folders(this.d.db, userId)]);
    const feeds = rows.map((r) => ({ url: r.url, title: r.title, siteUrl: r.siteUrl, folder: r.folderName }));
    return { opml: writeOpml(feeds, folders.map((f) => f.name)) };
  }

  private async entriesAdded(ids: string[]): Promise<void> {
    if (!ids.length) return;
    try {
      await this.d.hooks.onEntriesAdded(ids);
    } catch (err) {
      this.d.log.warn({ err: { message: (err as Error).message } }, 'wise: indexing new entries failed');
    }
  }
}
