// Applies forward-only, numbered SQL migrations at start, in one transaction, under an advisory lock.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { Logger } from 'pino';

/** A folder of `NNNN_name.sql` files that belongs to one owner (the platform or one app). */
export interface MigrationSource {
  owner: string;
  dir: string;
}

export interface Migration {
  id: string; // `<owner>/<file name without .sql>`
  sql: string;
  checksum: string;
}

/** Key for pg_advisory_xact_lock: two starting processes queue here instead of both migrating. */
const LOCK_KEY = 7_302_150_812;
const FILE_RE = /^(\d{4})_[a-z0-9_]+\.sql$/;

export class MigrationError extends Error {}

export async function readMigrations(sources: MigrationSource[]): Promise<Migration[]> {
  const all: Migration[] = [];
  for (const source of sources) {
    const files = (await fs.readdir(source.dir)).filter((f) => f.endsWith('.sql')).sort();
    let previous = 0;
    for (const file of files) {
      const m = FILE_RE.exec(file);
      if (!m) throw new MigrationError(`migration file name ${source.owner}/${file} must look like 0001_name.sql`);
      const n = Number(m[1]);
      if (n !== previous + 1) throw new MigrationError(`migration ${source.owner}/${file} breaks the numbering (expected ${String(previous + 1).padStart(4, '0')})`);
      previous = n;
      const sql = await fs.readFile(path.join(source.dir, file), 'utf8');
      all.push({ id: `${source.owner}/${file.slice(0, -4)}`, sql, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  return all;
}

/** Applies every migration not applied yet; returns the ids applied by this call. */
export async function migrate(pool: pg.Pool, sources: MigrationSource[], log: Logger): Promise<string[]> {
  const migrations = await readMigrations(sources);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations');
    const applied = new Map(rows.map((r) => [r.id, r.checksum]));
    const known = new Set(migrations.map((m) => m.id));
    for (const [id, checksum] of applied) {
      if (!known.has(id)) throw new MigrationError(`the database has migration ${id}, which this version does not know: it was made by a newer version`);
      const m = migrations.find((x) => x.id === id);
      if (m && m.checksum !== checksum) throw new MigrationError(`migration ${id} was changed after it was applied; add a new migration instead`);
    }
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.id)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [m.id, m.checksum]);
      done.push(m.id);
    }
    await client.query('COMMIT');
    if (done.length) log.info({ migrations: done }, 'database migrated');
    return done;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
