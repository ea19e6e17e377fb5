// SQL for cloud drives: a user's buckets with their sealed keys.
import type pg from 'pg';

export interface StoredDrive {
  id: string;
  userId: string;
  name: string;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  pathStyle: boolean;
  /** Sealed by SecretBox. */
  credentials: string;
  createdAt: Date;
}

type Row = { id: string; user_id: string; name: string; endpoint: string; region: string; bucket: string; prefix: string; path_style: boolean; credentials: string; created_at: Date };
const toDrive = (r: Row): StoredDrive => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  endpoint: r.endpoint,
  region: r.region,
  bucket: r.bucket,
  prefix: r.prefix,
  pathStyle: r.path_style,
  credentials: r.credentials,
  createdAt: r.created_at,
});

export class DrivesStore {
  constructor(private readonly db: pg.Pool) {}

  async ofUser(userId: string): Promise<StoredDrive[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM files_drives WHERE user_id = $1 ORDER BY name', [userId]);
    return rows.map(toDrive);
  }

  /** Null when the user has a drive of that name already. */
  async add(d: Omit<StoredDrive, 'id' | 'createdAt'>): Promise<StoredDrive | null> {
    const { rows } = await this.db.query<Row>(
      `INSERT INTO files_drives (user_id, name, endpoint, region, bucket, prefix, path_style, credentials)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, name) DO NOTHING RETURNING *`,
      [d.userId, d.name, d.endpoint, d.region, d.bucket, d.prefix, d.pathStyle, d.credentials],
    );
    return rows[0] ? toDrive(rows[0]) : null;
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM files_drives WHERE user_id = $1 AND id = $2', [userId, id]);
    return !!rowCount;
  }
}
