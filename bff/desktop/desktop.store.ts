// SQL for saved desktop layouts: one row per user, written only when the caller's base version is still current.
import type { Queryable } from '../db/pool';
import type { DesktopLayout } from './layout.schema';

export interface StoredLayout {
  layout: DesktopLayout;
  version: number;
}

export class DesktopStore {
  constructor(private readonly db: Queryable) {}

  async find(userId: string): Promise<StoredLayout | null> {
    const { rows } = await this.db.query<StoredLayout>('SELECT layout, version FROM desktop_layouts WHERE user_id = $1', [userId]);
    return rows[0] ?? null;
  }

  /**
   * Writes `layout` as version baseVersion + 1 if the stored version is still `baseVersion` (0: none
   * stored yet), in one statement; returns the new version, or null when another save came first.
   * The row is inserted only when none exists and the base is 0; an existing row is updated only
   * when its version is the base (two racing first saves: one inserts, the other finds version 1).
   */
  async save(userId: string, layout: DesktopLayout, baseVersion: number): Promise<number | null> {
    const { rows } = await this.db.query<{ version: number }>(
      `INSERT INTO desktop_layouts AS d (user_id, layout, version, updated_at)
       SELECT $1, $2::jsonb, $3 + 1, now()
        WHERE $3 = 0 OR EXISTS (SELECT 1 FROM desktop_layouts WHERE user_id = $1)
       ON CONFLICT (user_id) DO UPDATE SET layout = EXCLUDED.layout, version = EXCLUDED.version, updated_at = now()
        WHERE d.version = $3
       RETURNING d.version`,
      [userId, JSON.stringify(layout), baseVersion],
    );
    return rows[0]?.version ?? null;
  }
}
