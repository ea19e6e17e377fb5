// Starts and stops the real desktop (npx tsx bff/main.ts) and the PostgreSQL databases it runs on, for the browser suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../../bff/db/embedded';
import { createLogger } from '../../bff/log/logger';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built frontend the desktops serve; E2E_DIST picks another folder (parallel builds on one checkout). */
export const STATIC_DIR = process.env.E2E_DIST ? path.resolve(REPO_ROOT, process.env.E2E_DIST) : path.join(REPO_ROOT, 'dist');
const CREATE_USER_CLI = path.join(REPO_ROOT, 'bff', 'cli', 'create-user.ts');

/** How long the desktop may take to answer /readyz (an embedded PostgreSQL's initdb included). */
const READY_TIMEOUT_MS = 90_000;
/** How long a SIGTERM'd desktop may take to close the server and stop its database. */
const STOP_TIMEOUT_MS = 20_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function randomId(bytes = 4): string {
  return randomBytes(bytes).toString('hex');
}

/** A unique, valid account name (`^[a-z][a-z0-9-]{1,31}$`). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomId()}`.slice(0, 32);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL server the suite may create databases on. */
export interface PostgresServer {
  kind: 'embedded' | 'external';
  adminUrl: string;
  stop(): Promise<void>;
}

/** DATABASE_URL's server when set; otherwise one embedded PostgreSQL (per worker) in a temp folder. */
export async function startPostgres(): Promise<PostgresServer> {
  const external = process.env.DATABASE_URL;
  if (external) return { kind: 'external', adminUrl: external, stop: async () => undefined };
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'olares-e2e-pg-'));
  // As root, PostgreSQL runs as the postgres user, which must be able to enter the folder.
  await fsp.chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'cluster'), log: createLogger('warn') });
  return {
    kind: 'embedded',
    adminUrl: server.adminUrl,
    async stop() {
      await server.stop();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createDatabase(server: PostgresServer): Promise<TestDatabase> {
  const name = `olares_e2e_${randomId(6)}`;
  await withClient(server.adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: withDatabase(server.adminUrl, name),
    async drop() {
      await withClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export interface Account {
  name: string;
  password: string;
  role: 'owner' | 'admin' | 'member';
}

export interface LaunchOptions {
  /**
   * The database to use. `null` leaves DATABASE_URL unset, so that the desktop starts its own
   * embedded PostgreSQL in DATA_DIR (the default deployment).
   */
  databaseUrl: string | null;
  /** Extra environment, e.g. LOGIN_MAX_FAILURES. */
  env?: Record<string, string>;
}

/** One running desktop process. */
export class DesktopServer {
  /** What the browser uses; it is also PUBLIC_ORIGIN. */
  readonly origin: string;
  private output = '';
  private exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly databaseUrl: string | null,
    private readonly child: ChildProcess,
  ) {
    this.origin = `http://localhost:${port}`;
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? 128 : null);
        resolve(this.exitCode);
      });
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
      if (process.env.E2E_SERVER_LOGS === '1') process.stderr.write(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** The last lines the process wrote (LOG_LEVEL=warn keeps this short). */
  get log(): string {
    return this.output;
  }

  static async launch(opts: LaunchOptions): Promise<DesktopServer> {
    const port = await freePort();
    const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'olares-e2e-data-'));
    await fsp.chmod(dataDir, 0o755);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      STATIC_DIR,
      // Several tests sign in from the same address within a minute; regulation is tested on its own server.
      LOGIN_RATE_PER_MINUTE: '1000',
      ...opts.env,
    };
    delete env.DATABASE_URL;
    if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
    // Its own process group, so that nothing it starts outlives the test run.
    const child = spawn('npx', ['tsx', 'bff/main.ts'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new DesktopServer(port, dataDir, opts.databaseUrl, child);
    try {
      await server.waitReady();
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined) throw new Error(`the desktop exited with ${this.exitCode} before it was ready:\n${this.output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/readyz`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(150);
    }
    throw new Error(`the desktop was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${this.output}`);
  }

  private groupAlive(): boolean {
    try {
      process.kill(-this.child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * SIGTERM (the desktop closes and stops its embedded PostgreSQL), wait; SIGKILL whatever is left.
   * `graceful`: the whole process group was gone without the SIGKILL.
   */
  async stop(): Promise<{ graceful: boolean }> {
    const pid = this.child.pid;
    let graceful = true;
    if (pid !== undefined && this.exitCode === undefined) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([this.exited, sleep(STOP_TIMEOUT_MS)]);
    }
    if (pid !== undefined) {
      for (let i = 0; i < 50 && this.groupAlive(); i++) await sleep(100);
      if (this.groupAlive()) {
        graceful = false;
        console.warn(`[e2e] the desktop on port ${this.port} did not stop on SIGTERM; killing its process group`);
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
    await fsp.rm(this.dataDir, { recursive: true, force: true }).catch(() => undefined);
    return { graceful };
  }

  /** The pid in the desktop's own embedded PostgreSQL's postmaster.pid, if there is one. */
  embeddedPostgresPid(): number | null {
    try {
      const content = fs.readFileSync(path.join(this.dataDir, 'postgres', 'postmaster.pid'), 'utf8');
      const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }

  /** Runs SQL on the desktop's database (only when the suite gave it one). */
  async sql<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    if (!this.databaseUrl) throw new Error('this desktop runs its own embedded database; the suite has no URL for it');
    return withClient(this.databaseUrl, (c) => c.query<R>(text, params));
  }

  /** Calls a tRPC procedure over HTTP like the desktop's own client does; returns the data and any new session cookie. */
  async trpc<T>(procedure: string, input: unknown, cookie?: string): Promise<{ data: T; cookie: string | undefined }> {
    const res = await fetch(`http://127.0.0.1:${this.port}/trpc/${procedure}`, {
      method: 'POST',
      headers: {
        origin: this.origin,
        'x-olares-request': '1',
        'content-type': 'application/json',
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { result?: { data: T }; error?: unknown };
    if (!res.ok || !body.result) throw new Error(`${procedure} failed with ${res.status}: ${JSON.stringify(body.error ?? body)}`);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('olares_session='));
    return { data: body.result.data, cookie: setCookie?.split(';')[0] };
  }
}

/** Runs the lead's create-user command line tool, feeding the password on stdin. */
async function createUserWithCli(server: DesktopServer, account: Account): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' };
  if (server.databaseUrl) env.DATABASE_URL = server.databaseUrl;
  const child = spawn('npx', ['tsx', CREATE_USER_CLI, '--role', account.role, '--name', account.name, '--password-stdin'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stdin.end(`${account.password}\n`);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`bff/cli/create-user.ts exited with ${code}:\n${output}`);
}

/** Whether the owner is made by bff/cli/create-user.ts (when it exists, and E2E_OWNER_VIA is not "api") or by auth.setup. */
export function ownerViaCli(): boolean {
  return process.env.E2E_OWNER_VIA !== 'api' && fs.existsSync(CREATE_USER_CLI);
}

/** Creates the owner on a desktop whose database is empty, and returns it with a signed-in cookie. */
export async function createOwner(server: DesktopServer, name = uniqueName('owner')): Promise<{ owner: Account; cookie: string }> {
  const owner: Account = { name, password: `pw-${randomId(8)}`, role: 'owner' };
  let cookie: string | undefined;
  if (ownerViaCli() && server.databaseUrl) {
    await createUserWithCli(server, owner);
    cookie = (await server.trpc<{ status: string }>('auth.login', { name: owner.name, password: owner.password })).cookie;
  } else {
    cookie = (await server.trpc<{ name: string }>('auth.setup', { name: owner.name, password: owner.password })).cookie;
  }
  if (!cookie) throw new Error('creating the owner set no session cookie');
  return { owner, cookie };
}

/** Creates a member or admin through users.create, as the owner. */
export async function createAccount(server: DesktopServer, ownerCookie: string, prefix: string, role: 'member' | 'admin' = 'member'): Promise<Account> {
  const account: Account = { name: uniqueName(prefix), password: `pw-${randomId(8)}`, role };
  await server.trpc('users.create', { ...account, displayName: '' }, ownerCookie);
  return account;
}
