// SQL for one user's state of entries (read, starred, dismissed, progress, tags, note) and their highlights.
import type { Queryable } from '../../../bff/db/pool';
import type { HighlightView, TagCount } from '../shared/wire';

export type Flag = 'read' | 'starred' | 'dismissed';
const COLUMN: Record<Flag, string> = { read: 'read_at', starred: 'starred_at', dismissed: 'dismissed_at' };

const HIGHLIGHT_COLUMNS = `id, quote, prefix, suffix, color, note, (extract(epoch FROM created_at) * 1000)::float8 AS "createdAt"`;

export class StateStore {
  /** Sets or clears one flag on entries the caller has already checked; returns the ids whose flag changed. */
  async setFlag(q: Queryable, userId: string, ids: string[], flag: Flag, on: boolean): Promise<string[]> {
    const col = COLUMN[flag];
    if (on) {
      const { rows } = await q.query<{ id: string }>(
        `INSERT INTO wise_entry_state (user_id, entry_id, ${col}) SELECT $1, unnest($2::uuid[]), now()
         ON CONFLICT (user_id, entry_id) DO UPDATE SET ${col} = now(), updated_at = now() WHERE wise_entry_state.${col} IS NULL
         RETURNING entry_id AS id`,
        [userId, ids],
      );
      return rows.map((r) => r.id);
    }
    const { rows } = await q.query<{ id: string }>(
      `UPDATE wise_entry_state SET ${col} = NULL, updated_at = now() WHERE user_id = $1 AND entry_id = ANY($2::uuid[]) AND ${col} IS NOT NULL RETURNING entry_id AS id`,
      [userId, ids],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Marks read what the user may see and had arrived by `before` (ms), in all, one feed (`feedIds` of one) or a folder;
   * `own` includes the user's saved articles and documents. Returns how many changed.
   */
  async markAllRead(q: Queryable, userId: string, scope: { feedIds: string[] | null; own: boolean }, before: number): Promise<number> {
    const { rowCount } = await q.query(
      `INSERT INTO wise_entry_state (user_id, entry_id, read_at)
       SELECT $1, e.id, now() FROM wise_entries e
       WHERE e.fetched_at <= to_timestamp($3::float8 / 1000)
         AND ((e.feed_id IN (SELECT feed_id FROM wise_subscriptions WHERE user_id = $1) AND ($2::uuid[] IS NULL OR e.feed_id = ANY($2::uuid[])))
              OR ($4 AND e.user_id = $1))
       ON CONFLICT (user_id, entry_id) DO UPDATE SET read_at = now(), updated_at = now() WHERE wise_entry_state.read_at IS NULL`,
      [userId, scope.feedIds, before, scope.own],
    );
    return rowCount ?? 0;
  }

  async setProgress(q: Queryable, userId: string, id: string, progress: number): Promise<void> {
    await q.query(
      `INSERT INTO wise_entry_state (user_id, entry_id, progress) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, entry_id) DO UPDATE SET progress = $3, updated_at = now()`,
      [userId, id, progress],
    );
  }

  async setTags(q: Queryable, userId: string, id: string, tags: string[]): Promise<void> {
    await q.query(
      `INSERT INTO wise_entry_state (user_id, entry_id, tags) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, entry_id) DO UPDATE SET tags = $3, updated_at = now()`,
      [userId, id, tags],
    );
  }

  /** The user's tags with how many entries carry each, by name; only entries they may still see (a feed they follow, or their own). */
  async tagCounts(q: Queryable, userId: string): Promise<TagCount[]> {
    const { rows } = await q.query<TagCount>(
      `SELECT t.tag, count(*)::int AS count
       FROM wise_entry_state st
       JOIN wise_entries e ON e.id = st.entry_id
       CROSS JOIN LATERAL unnest(st.tags) AS t(tag)
       WHERE st.user_id = $1 AND st.tags <> '{}'
         AND (e.user_id = $1 OR e.feed_id IN (SELECT feed_id FROM wise_subscriptions WHERE user_id = $1))
       GROUP BY t.tag ORDER BY lower(t.tag), t.tag`,
      [userId],
    );
    return rows;
  }

  async setNote(q: Queryable, userId: string, id: string, note: string): Promise<void> {
    await q.query(
      `INSERT INTO wise_entry_state (user_id, entry_id, note) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, entry_id) DO UPDATE SET note = $3, updated_at = now()`,
      [userId, id, note],
    );
  }

  // ---- highlights ----

  async highlights(q: Queryable, userId: string, entryId: string): Promise<HighlightView[]> {
    const { rows } = await q.query<HighlightView>(
      `SELECT ${HIGHLIGHT_COLUMNS} FROM wise_highlights WHERE user_id = $1 AND entry_id = $2 ORDER BY created_at, id`,
      [userId, entryId],
    );
    return rows;
  }

  async addHighlight(q: Queryable, userId: string, entryId: string, h: Omit<HighlightView, 'id' | 'createdAt'>): Promise<HighlightView> {
    const { rows } = await q.query<HighlightView>(
      `INSERT INTO wise_highlights (user_id, entry_id, quote, prefix, suffix, color, note) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${HIGHLIGHT_COLUMNS}`,
      [userId, entryId, h.quote, h.prefix, h.suffix, h.color, h.note],
    );
    return rows[0]!;
  }

  /** Changes the user's own highlight; null when it is not theirs or gone. */
  async updateHighlight(q: Queryable, userId: string, id: string, change: { note?: string; color?: HighlightView['color'] }): Promise<HighlightView | null> {
    const { rows } = await q.query<HighlightView>(
      `UPDATE wise_highlights SET note = COALESCE($3, note), color = COALESCE($4, color), updated_at = now()
       WHERE id = $1 AND user_id = $2 RETURNING ${HIGHLIGHT_COLUMNS}`,
      [id, userId, change.note ?? null, change.color ?? null],
    );
    return rows[0] ?? null;
  }

  async removeHighlight(q: Queryable, userId: string, id: string): Promise<boolean> {
    const { rowCount } = await q.query('DELETE FROM wise_highlights WHERE id = $1 AND user_id = $2', [id, userId]);
    return rowCount === 1;
  }
}
