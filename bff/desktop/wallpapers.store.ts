// SQL for wallpapers users upload: the image bytes live in the row, and every query is scoped by the owner's id.
import type pg from 'pg';
import { withTransaction } from '../db/pool';

export interface WallpaperInfo {
  id: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

interface Row {
  id: string;
  content_type: string;
  size: number;
  created_at: Date;
}

const toInfo = (r: Row): WallpaperInfo => ({ id: r.id, contentType: r.content_type, size: r.size, createdAt: r.created_at });

export class WallpapersStore {
  constructor(private readonly db: pg.Pool) {}

  async list(userId: string): Promise<WallpaperInfo[]> {
    const { rows } = await this.db.query<Row>('SELECT id, content_type, size, created_at FROM wallpapers WHERE user_id = $1 ORDER BY created_at, id', [userId]);
    return rows.map(toInfo);
  }

  async exists(userId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('SELECT 1 FROM wallpapers WHERE id = $1 AND user_id = $2', [id, userId]);
    return rowCount === 1;
  }

  async bytes(userId: string, id: string): Promise<{ contentType: string; bytes: Buffer } | null> {
    const { rows } = await this.db.query<{ content_type: string; bytes: Buffer }>('SELECT content_type, bytes FROM wallpapers WHERE id = $1 AND user_id = $2', [id, userId]);
    const r = rows[0];
    return r ? { contentType: r.content_type, bytes: r.bytes } : null;
  }

  /**
   * Adds an upload unless the user already has `max`; null when full. The user's row is locked for
   * the count, so two uploads at once cannot both take the last place.
   */
  insert(userId: string, contentType: string, bytes: Buffer, max: number): Promise<WallpaperInfo | null> {
    return withTransaction(this.db, async (client) => {
      await client.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [userId]);
      const { rows: counted } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM wallpapers WHERE user_id = $1', [userId]);
      if (counted[0]!.n >= max) return null;
      const { rows } = await client.query<Row>(
        'INSERT INTO wallpapers (user_id, content_type, bytes, size) VALUES ($1, $2, $3, $4) RETURNING id, content_type, size, created_at',
        [userId, contentType, bytes, bytes.length],
      );
      return toInfo(rows[0]!);
    });
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM wallpapers WHERE id = $1 AND user_id = $2', [id, userId]);
    return rowCount === 1;
  }
}
