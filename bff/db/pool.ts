// The pg pool every store shares; a lost server is logged and retried, never a crash.
import pg from 'pg';
import type { Logger } from 'pino';

export type Db = pg.Pool;

export function createPool(connectionString: string, log: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
    application_name: 'olares-desktop',
  });
  // An idle client whose server went away emits 'error' on the pool; without a
  // listener Node would crash the process. The pool drops the client by itself.
  pool.on('error', (err) => log.warn({ err: { message: err.message } }, 'database connection lost'));
  return pool;
}

/** Runs `fn` inside one transaction on one client: commit on success, rollback on any error. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;
