// SQL for Files' long operations (one row per job, found again by the client's request id) and the trash.
import type { Queryable } from '../../../bff/db/pool';
import type { EntryKind, Job, TrashItem } from './files.types';

export interface StoredTrash extends TrashItem {
  storedName: string;
}

const TRASH_COLUMNS = `id, name, original_path AS "originalPath", kind, size, stored_name AS "storedName", deleted_at AS "deletedAt"`;
const toTrash = (r: Omit<StoredTrash, 'size' | 'deletedAt'> & { size: string; deletedAt: Date }): StoredTrash => ({ ...r, size: Number(r.size), deletedAt: r.deletedAt.getTime() });

export class JobsStore {
  constructor(private readonly db: Queryable) {}

  /** Inserts the job unless the user already has one for this request id; returns the stored job either way and whether it is new. */
  async claim(userId: string, requestId: string, job: Job): Promise<{ job: Job; created: boolean }> {
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO files_jobs (id, user_id, request_id, kind, state, job) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, request_id) DO NOTHING RETURNING id`,
      [job.id, userId, requestId, job.kind, job.state, JSON.stringify(job)],
    );
    if (rows[0]) return { job, created: true };
    const { rows: existing } = await this.db.query<{ job: Job }>('SELECT job FROM files_jobs WHERE user_id = $1 AND request_id = $2', [userId, requestId]);
    return { job: existing[0]!.job, created: false };
  }

  async byRequest(userId: string, requestId: string): Promise<Job | null> {
    const { rows } = await this.db.query<{ job: Job }>('SELECT job FROM files_jobs WHERE user_id = $1 AND request_id = $2', [userId, requestId]);
    return rows[0]?.job ?? null;
  }

  async save(job: Job): Promise<void> {
    await this.db.query('UPDATE files_jobs SET state = $2, job = $3, finished_at = $4 WHERE id = $1', [job.id, job.state, JSON.stringify(job), job.finishedAt ? new Date(job.finishedAt) : null]);
  }

  async get(userId: string, id: string): Promise<Job | null> {
    const { rows } = await this.db.query<{ job: Job }>('SELECT job FROM files_jobs WHERE user_id = $1 AND id::text = $2', [userId, id]);
    return rows[0]?.job ?? null;
  }

  /** Running jobs and those that finished since `since`. */
  async recent(userId: string, since: Date): Promise<Job[]> {
    const { rows } = await this.db.query<{ job: Job }>(
      `SELECT job FROM files_jobs WHERE user_id = $1 AND (state = 'running' OR finished_at >= $2) ORDER BY started_at DESC LIMIT 200`,
      [userId, since],
    );
    return rows.map((r) => r.job);
  }

  async addTrash(userId: string, item: { id: string; name: string; originalPath: string; kind: EntryKind; size: number }): Promise<void> {
    await this.db.query('INSERT INTO files_trash (id, user_id, name, original_path, kind, size, stored_name) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      item.id,
      userId,
      item.name,
      item.originalPath,
      item.kind,
      item.size,
      item.id,
    ]);
  }

  async trash(userId: string, ids?: string[]): Promise<StoredTrash[]> {
    const { rows } = ids
      ? await this.db.query(`SELECT ${TRASH_COLUMNS} FROM files_trash WHERE user_id = $1 AND id::text = ANY($2) ORDER BY deleted_at DESC`, [userId, ids])
      : await this.db.query(`SELECT ${TRASH_COLUMNS} FROM files_trash WHERE user_id = $1 ORDER BY deleted_at DESC`, [userId]);
    return rows.map(toTrash);
  }

  async removeTrash(userId: string, id: string): Promise<void> {
    await this.db.query('DELETE FROM files_trash WHERE user_id = $1 AND id = $2', [userId, id]);
  }
}
