// Stores what a fetch of a feed brought, in one transaction: its new items (deduplicated), its title and links, its validators and next fetch.
import type pg from 'pg';
import { withTransaction } from '../../../bff/db/pool';
import type { ParsedEntry, ParsedFeed } from './feeds/types';
import type { EntriesStore, NewEntry } from './entries.store';
import type { FeedsStore } from './feeds.store';
import { dedupeKey } from './refresh-rules';

/** The most items one fetch stores (a feed that lists more keeps its newest). */
export const MAX_ENTRIES_PER_FETCH = 500;

/** PostgreSQL text cannot hold NUL characters; feeds in the wild carry them. */
const noNul = (s: string) => s.replace(/\u0000/g, '');

/** A parsed feed's entries as rows to store: each once, in the feed's order. */
export function toNewEntries(entries: ParsedEntry[]): NewEntry[] {
  const seen = new Set<string>();
  const out: NewEntry[] = [];
  for (const e of entries.slice(0, MAX_ENTRIES_PER_FETCH)) {
    const key = dedupeKey(e);
    if (seen.has(key)) continue;
    seen.add(key);
    const text = noNul(e.text);
    const title = noNul(e.title).trim() || text.replace(/\s+/g, ' ').trim().slice(0, 100);
    out.push({ dedupeKey: key, url: e.link, title, author: e.author && noNul(e.author), publishedAt: e.publishedAt, html: noNul(e.html), text, imageUrl: e.imageUrl, enclosure: e.enclosure });
  }
  return out;
}

export interface Stored {
  newIds: string[];
  titleChanged: boolean;
  errorCleared: boolean;
}

export class FeedWriter {
  constructor(private readonly deps: { db: pg.Pool; feeds: FeedsStore; entries: EntriesStore }) {}

  /** Stores `feed` for `feedId` and schedules the next fetch `delayMs` ahead; nothing of it is kept unless all of it is. */
  async store(
    feedId: string,
    feed: ParsedFeed,
    got: { etag: string | null; lastModified: string | null; movedTo: string | null },
    delayMs: number,
    client?: pg.PoolClient,
  ): Promise<Stored> {
    const run = async (c: pg.PoolClient): Promise<Stored> => {
      const newIds = await this.deps.entries.insertFeedEntries(c, feedId, toNewEntries(feed.entries));
      const meta = { title: noNul(feed.title).trim(), siteUrl: feed.siteUrl, iconUrl: feed.iconUrl, description: feed.description };
      const changed = await this.deps.feeds.fetched(c, feedId, delayMs, { meta, ...got });
      return { newIds, ...changed };
    };
    return client ? run(client) : withTransaction(this.deps.db, run);
  }
}
