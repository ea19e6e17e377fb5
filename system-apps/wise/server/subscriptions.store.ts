// SQL for a user's subscriptions (their view of shared feeds, with unread counts) and folders.
import type { Queryable } from '../../../bff/db/pool';
import type { FeedErrorKind, FolderView } from '../shared/wire';

export interface SubscriptionRow {
  id: string;
  url: string;
  title: string;
  siteUrl: string | null;
  iconUrl: string | null;
  folderId: string | null;
  folderName: string | null;
  unread: number;
  total: number;
  intervalMinutes: number;
  fullText: boolean;
  lastFetchedAt: Date | null;
  nextFetchAt: Date | null;
  errorKind: FeedErrorKind | null;
  errorMessage: string | null;
  errorSince: Date | null;
  errorAttempts: number;
}

export interface SubscriptionChange {
  title?: string | null;
  folderId?: string | null;
  intervalMinutes?: number;
  fullText?: boolean;
}

const SUBSCRIPTION_COLUMNS = `f.id, f.url, COALESCE(s.title, NULLIF(f.title, ''), f.url) AS title, f.site_url AS "siteUrl", f.icon_url AS "iconUrl",
  s.folder_id AS "folderId", fo.name AS "folderName", s.interval_minutes AS "intervalMinutes", s.full_text AS "fullText",
  f.last_fetched_at AS "lastFetchedAt", f.next_fetch_at AS "nextFetchAt",
  f.error_kind AS "errorKind", f.error_message AS "errorMessage", f.error_since AS "errorSince", f.error_attempts AS "errorAttempts",
  (SELECT count(*)::int FROM wise_entries e WHERE e.feed_id = f.id) AS total,
  (SELECT count(*)::int FROM wise_entries e WHERE e.feed_id = f.id
     AND NOT EXISTS (SELECT 1 FROM wise_entry_state st WHERE st.entry_id = e.id AND st.user_id = s.user_id AND st.read_at IS NOT NULL)) AS unread`;

export class SubscriptionsStore {
  async list(q: Queryable, userId: string, feedId?: string): Promise<SubscriptionRow[]> {
    const { rows } = await q.query<SubscriptionRow>(
      `SELECT ${SUBSCRIPTION_COLUMNS}
       FROM wise_subscriptions s JOIN wise_feeds f ON f.id = s.feed_id LEFT JOIN wise_folders fo ON fo.id = s.folder_id
       WHERE s.user_id = $1 AND ($2::uuid IS NULL OR s.feed_id = $2)
       ORDER BY lower(COALESCE(s.title, NULLIF(f.title, ''), f.url)), f.id`,
      [userId, feedId ?? null],
    );
    return rows;
  }

  async get(q: Queryable, userId: string, feedId: string): Promise<SubscriptionRow | null> {
    return (await this.list(q, userId, feedId))[0] ?? null;
  }

  async exists(q: Queryable, userId: string, feedId: string): Promise<boolean> {
    const { rows } = await q.query('SELECT 1 FROM wise_subscriptions WHERE user_id = $1 AND feed_id = $2', [userId, feedId]);
    return rows.length > 0;
  }

  /** Subscribes; false when the user already did. */
  async insert(q: Queryable, userId: string, feedId: string, opts: { folderId: string | null }): Promise<boolean> {
    const { rowCount } = await q.query(
      `INSERT INTO wise_subscriptions (user_id, feed_id, folder_id) VALUES ($1, $2, $3) ON CONFLICT (user_id, feed_id) DO NOTHING`,
      [userId, feedId, opts.folderId],
    );
    return rowCount === 1;
  }

  async update(q: Queryable, userId: string, feedId: string, change: SubscriptionChange): Promise<boolean> {
    const { rowCount } = await q.query(
      `UPDATE wise_subscriptions SET
         title = CASE WHEN $3 THEN $4 ELSE title END,
         folder_id = CASE WHEN $5 THEN $6::uuid ELSE folder_id END,
         interval_minutes = COALESCE($7, interval_minutes),
         full_text = COALESCE($8, full_text)
       WHERE user_id = $1 AND feed_id = $2`,
      [
        userId,
        feedId,
        change.title !== undefined,
        change.title ?? null,
        change.folderId !== undefined,
        change.folderId ?? null,
        change.intervalMinutes ?? null,
        change.fullText ?? null,
      ],
    );
    return rowCount === 1;
  }

  async remove(q: Queryable, userId: string, feedId: string): Promise<boolean> {
    const { rowCount } = await q.query('DELETE FROM wise_subscriptions WHERE user_id = $1 AND feed_id = $2', [userId, feedId]);
    return rowCount === 1;
  }

  /** The user's feeds, all or those in one folder. */
  async feedIds(q: Queryable, userId: string, folderId?: string): Promise<string[]> {
    const { rows } = await q.query<{ feedId: string }>(
      'SELECT feed_id AS "feedId" FROM wise_subscriptions WHERE user_id = $1 AND ($2::uuid IS NULL OR folder_id = $2)',
      [userId, folderId ?? null],
    );
    return rows.map((r) => r.feedId);
  }

  // ---- folders ----

  async folders(q: Queryable, userId: string): Promise<FolderView[]> {
    const { rows } = await q.query<FolderView>('SELECT id, name FROM wise_folders WHERE user_id = $1 ORDER BY lower(name), id', [userId]);
    return rows;
  }

  async folder(q: Queryable, userId: string, folderId: string): Promise<FolderView | null> {
    const { rows } = await q.query<FolderView>('SELECT id, name FROM wise_folders WHERE user_id = $1 AND id = $2', [userId, folderId]);
    return rows[0] ?? null;
  }

  /** A new folder; null when the user has one of that name (any case). */
  async createFolder(q: Queryable, userId: string, name: string): Promise<FolderView | null> {
    const { rows } = await q.query<FolderView>(
      `INSERT INTO wise_folders (user_id, name) VALUES ($1, $2) ON CONFLICT (user_id, lower(name)) DO NOTHING RETURNING id, name`,
      [userId, name],
    );
    return rows[0] ?? null;
  }

  async folderByName(q: Queryable, userId: string, name: string): Promise<FolderView | null> {
    const { rows } = await q.query<FolderView>('SELECT id, name FROM wise_folders WHERE user_id = $1 AND lower(name) = lower($2)', [userId, name]);
    return rows[0] ?? null;
  }

  /** Renamed; 'missing' when it is not the user's, 'taken' when another of theirs has the name. */
  async renameFolder(q: Queryable, userId: string, folderId: string, name: string): Promise<FolderView | 'missing' | 'taken'> {
    const { rows } = await q.query<FolderView & { taken: boolean }>(
      `UPDATE wise_folders f SET name = $3 WHERE f.user_id = $1 AND f.id = $2
         AND NOT EXISTS (SELECT 1 FROM wise_folders o WHERE o.user_id = $1 AND o.id <> $2 AND lower(o.name) = lower($3))
       RETURNING id, name`,
      [userId, folderId, name],
    );
    if (rows[0]) return { id: rows[0].id, name: rows[0].name };
    return (await this.folder(q, userId, folderId)) ? 'taken' : 'missing';
  }

  /** Deleted; its feeds stay, in no folder (ON DELETE SET NULL). */
  async deleteFolder(q: Queryable, userId: string, folderId: string): Promise<boolean> {
    const { rowCount } = await q.query('DELETE FROM wise_folders WHERE user_id = $1 AND id = $2', [userId, folderId]);
    return rowCount === 1;
  }
}
