// SQL for Files' settings: roots an admin added, quotas and favourites, each scoped by user id.
import type { Queryable } from '../../../bff/db/pool';
import type { AdminRoot } from './files.api';

const ROOT_COLUMNS = `r.id, u.name AS "user", r.name, r.dir, r.read_only AS "readOnly"`;

export class FilesStore {
  constructor(private readonly db: Queryable) {}

  /** The id of the account called `name`, or null. */
  async userId(name: string): Promise<string | null> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM users WHERE name = $1', [name]);
    return rows[0]?.id ?? null;
  }

  async roots(userId: string): Promise<AdminRoot[]> {
    const { rows } = await this.db.query<AdminRoot>(`SELECT ${ROOT_COLUMNS} FROM files_roots r JOIN users u ON u.id = r.user_id WHERE r.user_id = $1 ORDER BY lower(r.name), r.name`, [userId]);
    return rows;
  }

  /** Null when the user already has a root of that name. */
  async addRoot(userId: string, name: string, dir: string, readOnly: boolean): Promise<AdminRoot | null> {
    const { rows } = await this.db.query<{ id: string }>(
      'INSERT INTO files_roots (user_id, name, dir, read_only) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, name) DO NOTHING RETURNING id',
      [userId, name, dir, readOnly],
    );
    if (!rows[0]) return null;
    const { rows: full } = await this.db.query<AdminRoot>(`SELECT ${ROOT_COLUMNS} FROM files_roots r JOIN users u ON u.id = r.user_id WHERE r.id = $1`, [rows[0].id]);
    return full[0] ?? null;
  }

  /** The removed root's owner id, or null when there was none. */
  async removeRoot(id: string): Promise<string | null> {
    const { rows } = await this.db.query<{ userId: string }>('DELETE FROM files_roots WHERE id::text = $1 RETURNING user_id AS "userId"', [id]);
    return rows[0]?.userId ?? null;
  }

  async quota(userId: string): Promise<number | null> {
    const { rows } = await this.db.query<{ bytes: string }>('SELECT bytes FROM files_quotas WHERE user_id = $1', [userId]);
    return rows[0] ? Number(rows[0].bytes) : null;
  }

  async setQuota(userId: string, bytes: number | null): Promise<void> {
    if (bytes === null) await this.db.query('DELETE FROM files_quotas WHERE user_id = $1', [userId]);
    else await this.db.query('INSERT INTO files_quotas (user_id, bytes) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET bytes = EXCLUDED.bytes', [userId, bytes]);
  }

  async favorites(userId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ path: string }>('SELECT path FROM files_favorites WHERE user_id = $1 ORDER BY created_at, path', [userId]);
    return rows.map((r) => r.path);
  }

  async addFavorite(userId: string, path: string): Promise<void> {
    await this.db.query('INSERT INTO files_favorites (user_id, path) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, path]);
  }

  async removeFavorite(userId: string, path: string): Promise<void> {
    await this.db.query('DELETE FROM files_favorites WHERE user_id = $1 AND path = $2', [userId, path]);
  }

  /** Favourites follow a rename or move: `from` and everything below it now live under `to`. */
  async moveFavorites(userId: string, from: string, to: string): Promise<void> {
    await this.db.query(
      `UPDATE files_favorites SET path = $3 || substr(path, length($2) + 1)
        WHERE user_id = $1 AND (path = $2 OR left(path, length($2) + 1) = $2 || '/')
          AND NOT EXISTS (SELECT 1 FROM files_favorites f WHERE f.user_id = $1 AND f.path = $3 || substr(files_favorites.path, length($2) + 1))`,
      [userId, from, to],
    );
  }
}
