// The PostgreSQL servers tests run against (embedded always, DATABASE_URL's too when set) and fresh databases on them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { allMigrationSources } from '../db/database';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { createLogger } from '../log/logger';

export interface TestServer {
  name: 'embedded' | 'external';
  adminUrl: string;
}

export function testServers(): TestServer[] {
  const servers: TestServer[] = [{ name: 'embedded', adminUrl: inject('embeddedAdminUrl') }];
  if (process.env.DATABASE_URL) servers.push({ name: 'external', adminUrl: process.env.DATABASE_URL });
  return servers;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on `server`, migrated unless `migrated: false`. */
export async function createTestDatabase(server: TestServer, opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `olares_test_${randomBytes(6).toString('hex')}`;
  await admin(server.adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(server.adminUrl, name);
  const log = createLogger('silent');
  const pool = createPool(url, log);
  if (opts.migrated !== false) await migrate(pool, allMigrationSources(), log);
  return {
    url,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      await admin(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
