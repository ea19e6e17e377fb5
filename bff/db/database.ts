// Opens the database the config names: DATABASE_URL's server, or the embedded PostgreSQL under DATA_DIR.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { Logger } from 'pino';
import { safeDatabaseUrl } from '../log/logger';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded';
import { migrate, type MigrationSource } from './migrate';
import { createPool } from './pool';
import { appMigrationSources } from '../../system-apps/server';

export const PLATFORM_MIGRATIONS: MigrationSource = {
  owner: 'platform',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};

export function allMigrationSources(): MigrationSource[] {
  return [PLATFORM_MIGRATIONS, ...appMigrationSources()];
}

export interface Database {
  pool: pg.Pool;
  /** Present when this process runs the embedded server. */
  embedded?: EmbeddedServer;
  close(): Promise<void>;
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; log: Logger }): Promise<Database> {
  const { log } = opts;
  let embedded: EmbeddedServer | undefined;
  let url = opts.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ clusterDir: path.join(opts.dataDir, 'postgres'), log });
    url = embedded.url;
  } else {
    log.info({ database: safeDatabaseUrl(url) }, 'using the PostgreSQL server from DATABASE_URL');
  }
  const pool = createPool(url, log);
  try {
    await migrate(pool, allMigrationSources(), log);
  } catch (err) {
    await pool.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
  return {
    pool,
    embedded,
    async close() {
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
