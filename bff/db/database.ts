// Opens the database the config names: DATABASE_URL's server, or the embedded PostgreSQL under DATA_DIR.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { Logger } from 'pino';
import { safeDatabaseUrl } from '../log/logger';
import { embeddedUrl, liveOwner, startEmbeddedPostgres, type EmbeddedServer } from './embedded';
import { migrate, type MigrationSource } from './migrate';
import { createPool } from './pool';
import { appMigrationSources } from '../../system-apps/server';
import { DESKTOP_MIGRATIONS } from '../desktop/desktop.migrations';
import { NOTIFICATIONS_MIGRATIONS } from '../notifications/notifications.store';

export const PLATFORM_MIGRATIONS: MigrationSource = {
  owner: 'platform',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};

export function allMigrationSources(): MigrationSource[] {
  return [PLATFORM_MIGRATIONS, DESKTOP_MIGRATIONS, NOTIFICATIONS_MIGRATIONS, ...appMigrationSources()];
}

export interface Database {
  pool: pg.Pool;
  /** The URL the pool connects to (the embedded server's when no DATABASE_URL is set). */
  url: string;
  /** Present when this process runs the embedded server. */
  embedded?: EmbeddedServer;
  close(): Promise<void>;
}

/**
 * `shareRunning`: when a running desktop already serves this data folder's embedded server (the
 * command-line tools run beside `npm start`), connect to it instead of refusing to start.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; log: Logger; shareRunning?: boolean }): Promise<Database> {
  const { log } = opts;
  let embedded: EmbeddedServer | undefined;
  let url = opts.databaseUrl;
  const clusterDir = path.join(opts.dataDir, 'postgres');
  const owner = !url && opts.shareRunning ? await liveOwner(clusterDir) : null;
  if (owner) {
    url = embeddedUrl(owner.port, 'olares');
  } else if (!url) {
    embedded = await startEmbeddedPostgres({ clusterDir, log });
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
    url,
    embedded,
    async close() {
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
