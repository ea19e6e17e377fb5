// SQL for the shared feed rows: found or made by URL, claimed by refreshers (FOR UPDATE SKIP LOCKED and a lease), and their fetch outcome recorded.
import type { Queryable } from '../../../bff/db/pool';
import type { FeedErrorKind } from './feeds/types';

export interface FeedRow {
  id: string;
  url: string;
  title: string;
  etag: string | null;
  lastModified: string | null;
  errorKind: FeedErrorKind | null;
  errorAttempts: number;
  /** The shortest interval among its subscribers; null when nobody subscribes. */
  intervalMinutes: number | null;
  /** Whether a subscriber wants each new item's full article. */
  fullText: boolean;
}

const FEED_COLUMNS = `f.id, f.url, f.title, f.etag, f.last_modified AS "lastModified", f.error_kind AS "errorKind", f.error_attempts AS "errorAttempts",
  (SELECT min(s.interval_minutes) FROM wise_subscriptions s WHERE s.feed_id = f.id) AS "intervalMinutes",
  EXISTS (SELECT 1 FROM wise_subscriptions s WHERE s.feed_id = f.id AND s.full_text) AS "fullText"`;

/** Where the next fetch goes: `delayMs` from now, or nowhere when the feed has no subscriber left. */
const NEXT_FETCH = `CASE WHEN EXISTS (SELECT 1 FROM wise_subscriptions s WHERE s.feed_id = wise_feeds.id) THEN now() + $2::bigint * interval '1 millisecond' END`;

export interface FeedMeta {
  title: string;
  siteUrl: string | null;
  iconUrl: string | null;
  description: string | null;
}

export class FeedsStore {
  async byUrl(q: Queryable, url: string): Promise<{ id: string } | null> {
    const { rows } = await q.query<{ id: string }>('SELECT id FROM wise_feeds WHERE url = $1', [url]);
    return rows[0] ?? null;
  }

  async get(q: Queryable, id: string): Promise<FeedRow | null> {
    const { rows } = await q.query<FeedRow>(`SELECT ${FEED_COLUMNS} FROM wise_feeds f WHERE f.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The feed row for `url`, made when there is none (a concurrent maker wins harmlessly); `created` says whether this call made it. */
  async upsert(q: Queryable, url: string, title: string): Promise<{ id: string; created: boolean }> {
    const { rows } = await q.query<{ id: string; created: boolean }>(
      `INSERT INTO wise_feeds (url, title) VALUES ($1, $2)
       ON CONFLICT (url) DO UPDATE SET url = EXCLUDED.url
       RETURNING id, (xmax = 0) AS created`,
      [url, title],
    );
    return rows[0]!;
  }

  /** Claims up to `limit` due feeds for `leaseMs`: other refreshers (here or on other replicas) skip them until the lease ends. */
  async claimDue(q: Queryable, limit: number, leaseMs: number, onlyIds?: string[]): Promise<FeedRow[]> {
    const { rows } = await q.query<FeedRow>(
      `WITH due AS (
         SELECT id FROM wise_feeds
         WHERE next_fetch_at IS NOT NULL AND next_fetch_at <= now() AND (lease_until IS NULL OR lease_until < now())
           AND EXISTS (SELECT 1 FROM wise_subscriptions s WHERE s.feed_id = wise_feeds.id)
           AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))
         ORDER BY next_fetch_at LIMIT $1
         FOR UPDATE SKIP LOCKED)
       UPDATE wise_feeds f SET lease_until = now() + $2::bigint * interval '1 millisecond'
       FROM due WHERE f.id = due.id
       RETURNING ${FEED_COLUMNS}`,
      [limit, leaseMs, onlyIds ?? null],
    );
    return rows;
  }

  /** A fetch that brought the feed: validators, title and links kept, error cleared, next fetch scheduled; a permanent redirect moves the URL when no other feed has it. */
  async fetched(
    q: Queryable,
    id: string,
    delayMs: number,
    got: { meta: FeedMeta; etag: string | null; lastModified: string | null; movedTo: string | null },
  ): Promise<{ titleChanged: boolean; errorCleared: boolean }> {
    const { rows } = await q.query<{ titleChanged: boolean; errorCleared: boolean }>(
      `WITH old AS (SELECT title, error_kind FROM wise_feeds WHERE id = $1 FOR UPDATE)
       UPDATE wise_feeds SET
         title = CASE WHEN $3 <> '' THEN $3 ELSE wise_feeds.title END, site_url = $4, icon_url = $5, description = $6,
         etag = $7, last_modified = $8, last_fetched_at = now(), next_fetch_at = ${NEXT_FETCH}, lease_until = NULL,
         error_kind = NULL, error_message = NULL, error_since = NULL, error_attempts = 0,
         url = CASE WHEN $9::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM wise_feeds o WHERE o.url = $9) THEN $9 ELSE wise_feeds.url END
       FROM old WHERE wise_feeds.id = $1
       RETURNING ($3 <> '' AND old.title IS DISTINCT FROM $3) AS "titleChanged", (old.error_kind IS NOT NULL) AS "errorCleared"`,
      [id, delayMs, got.meta.title, got.meta.siteUrl, got.meta.iconUrl, got.meta.description, got.etag, got.lastModified, got.movedTo],
    );
    return rows[0] ?? { titleChanged: false, errorCleared: false };
  }

  /** 304 Not Modified: nothing new; the error (if any) is cleared and the next fetch scheduled. */
  async notModified(q: Queryable, id: string, delayMs: number): Promise<{ errorCleared: boolean }> {
    const { rows } = await q.query<{ errorCleared: boolean }>(
      `WITH old AS (SELECT error_kind FROM wise_feeds WHERE id = $1)
       UPDATE wise_feeds SET last_fetched_at = now(), next_fetch_at = ${NEXT_FETCH}, lease_until = NULL,
         error_kind = NULL, error_message = NULL, error_since = NULL, error_attempts = 0
       FROM old WHERE wise_feeds.id = $1
       RETURNING (old.error_kind IS NOT NULL) AS "errorCleared"`,
      [id, delayMs],
    );
    return rows[0] ?? { errorCleared: false };
  }

  /** A failed fetch: the error kept on the feed (since its first failure in a row), the next try after `delayMs` (backoff). */
  async failed(q: Queryable, id: string, delayMs: number, error: { kind: FeedErrorKind; message: string }): Promise<void> {
    await q.query(
      `UPDATE wise_feeds SET next_fetch_at = ${NEXT_FETCH}, lease_until = NULL,
         error_kind = $3, error_message = $4, error_since = COALESCE(error_since, now()), error_attempts = error_attempts + 1
       WHERE id = $1`,
      [id, delayMs, error.kind, error.message.slice(0, 500)],
    );
  }

  /** Lets go of a claim without fetching (shutdown). */
  async release(q: Queryable, id: string): Promise<void> {
    await q.query('UPDATE wise_feeds SET lease_until = NULL WHERE id = $1', [id]);
  }

  /** Due now: the given feeds (a manual refresh), or any that nobody fetches while somebody subscribes. */
  async makeDue(q: Queryable, ids: string[]): Promise<number> {
    const { rowCount } = await q.query(
      `UPDATE wise_feeds SET next_fetch_at = now() WHERE id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM wise_subscriptions s WHERE s.feed_id = wise_feeds.id)`,
      [ids],
    );
    return rowCount ?? 0;
  }

  /** A feed nobody fetches (new from an import, or followed again after everyone left) becomes due now; true when it was idle. */
  async scheduleIfIdle(q: Queryable, id: string): Promise<boolean> {
    const { rowCount } = await q.query('UPDATE wise_feeds SET next_fetch_at = now() WHERE id = $1 AND next_fetch_at IS NULL', [id]);
    return rowCount === 1;
  }

  /** After a subscriber left or changed its interval: no subscriber, no fetching; a shorter interval brings the next fetch forward. */
  async reschedule(q: Queryable, id: string): Promise<void> {
    await q.query(
      `UPDATE wise_feeds f SET next_fetch_at = CASE
         WHEN m.minutes IS NULL THEN NULL
         WHEN f.error_kind IS NOT NULL THEN COALESCE(f.next_fetch_at, now())
         ELSE LEAST(COALESCE(f.next_fetch_at, now()), COALESCE(f.last_fetched_at, now()) + m.minutes * interval '1 minute') END
       FROM (SELECT min(interval_minutes) AS minutes FROM wise_subscriptions WHERE feed_id = $1) m
       WHERE f.id = $1`,
      [id],
    );
  }

  /** Who hears about a feed's news. */
  async subscribers(q: Queryable, id: string): Promise<string[]> {
    const { rows } = await q.query<{ userId: string }>('SELECT user_id AS "userId" FROM wise_subscriptions WHERE feed_id = $1', [id]);
    return rows.map((r) => r.userId);
  }
}
