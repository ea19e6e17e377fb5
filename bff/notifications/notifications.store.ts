// SQL for notifications and per-app mutes; every statement is scoped to one user.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '../db/migrate';
import type { Queryable } from '../db/pool';
import type { Action, Level } from './schemas';

export const NOTIFICATIONS_MIGRATIONS: MigrationSource = {
  owner: 'notifications',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};

/** A notification as procedures and socket events carry it. */
export interface NotificationView {
  id: string;
  appId: string;
  title: string;
  body: string;
  level: Level;
  actions: Action[];
  /** ISO 8601, to the microsecond (the list's cursor relies on that). */
  createdAt: string;
  readAt: string | null;
}

// Timestamps as UTC text to the microsecond: a JS Date would drop the microseconds and break keyset paging.
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const COLUMNS = `id, app_id AS "appId", title, body, level, actions, ${iso('created_at')} AS "createdAt", ${iso('read_at')} AS "readAt"`;

/** Namespace of the per-user advisory lock that keeps notify's insert-then-trim exact. */
const LOCK_SPACE = 0x6e6f7469;

export class NotificationsStore {
  constructor(private readonly db: Queryable) {}

  /** Serialises this user's inserts until the transaction ends. */
  async lockUser(userId: string): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, userId]);
  }

  async insert(userId: string, n: { appId: string; title: string; body: string; level: Level; actions: Action[] }): Promise<NotificationView> {
    const { rows } = await this.db.query<NotificationView>(
      `INSERT INTO notifications (user_id, app_id, title, body, level, actions)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING ${COLUMNS}`,
      [userId, n.appId, n.title, n.body, n.level, JSON.stringify(n.actions)],
    );
    return rows[0]!;
  }

  /** Deletes the user's notifications beyond the newest `keep`. */
  async trim(userId: string, keep: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM notifications WHERE id IN (
         SELECT id FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2)`,
      [userId, keep],
    );
    return rowCount ?? 0;
  }

  /** Newest first, starting after `after` when given. */
  async page(userId: string, after: { createdAt: string; id: string } | null, limit: number): Promise<NotificationView[]> {
    const { rows } = await this.db.query<NotificationView>(
      `SELECT ${COLUMNS} FROM notifications
        WHERE user_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [userId, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows;
  }

  async unread(userId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return Number(rows[0]?.n ?? 0);
  }

  /** Marks the user's unread notifications read: those of `ids`, or all when `ids` is null. */
  async markRead(userId: string, ids: string[] | null): Promise<number> {
    const { rowCount } = await this.db.query(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [userId, ids],
    );
    return rowCount ?? 0;
  }

  /** Deletes the user's notifications: those of `ids`, or all when `ids` is null. */
  async clear(userId: string, ids: string[] | null): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM notifications WHERE user_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))', [userId, ids]);
    return rowCount ?? 0;
  }

  async isMuted(userId: string, appId: string): Promise<boolean> {
    const { rowCount } = await this.db.query('SELECT 1 FROM notification_mutes WHERE user_id = $1 AND app_id = $2', [userId, appId]);
    return (rowCount ?? 0) > 0;
  }

  async mutes(userId: string): Promise<{ appId: string; mutedAt: string }[]> {
    const { rows } = await this.db.query<{ appId: string; mutedAt: string }>(
      `SELECT app_id AS "appId", ${iso('created_at')} AS "mutedAt" FROM notification_mutes WHERE user_id = $1 ORDER BY app_id`,
      [userId],
    );
    return rows;
  }

  async setMuted(userId: string, appId: string, muted: boolean): Promise<void> {
    if (muted) await this.db.query('INSERT INTO notification_mutes (user_id, app_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, appId]);
    else await this.db.query('DELETE FROM notification_mutes WHERE user_id = $1 AND app_id = $2', [userId, appId]);
  }
}
