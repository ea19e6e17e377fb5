// The embedded PostgreSQL: recovered after its owner crashed, guarded against a second owner, and survived by the app when it stops.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../log/logger';
import { allMigrationSources } from './database';
import { EmbeddedInUseError, startEmbeddedPostgres, type EmbeddedServer } from './embedded';
import { migrate } from './migrate';
import { createPool } from './pool';
import { ORIGIN } from '../testing/app';

const log = createLogger('silent');

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-embedded-'));
  await fs.chmod(dir, 0o755);
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL after a crash', () => {
  it('stops the orphaned server of a killed process and starts with the data intact', async () => {
    const dir = await tempDir();
    const clusterDir = path.join(dir, 'postgres');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../testing/embedded-child.ts'), clusterDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
    });
    const orphanPid = Number((await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(alive(orphanPid)).toBe(true); // the crash left postgres running, holding the data folder

    const server = await startEmbeddedPostgres({ clusterDir, log });
    try {
      expect(alive(orphanPid)).toBe(false);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query('SELECT note FROM survived');
      await client.end();
      expect(rows).toEqual([{ note: 'written before the crash' }]);
    } finally {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start a second server on a data folder a live process owns', async () => {
    const dir = await tempDir();
    const clusterDir = path.join(dir, 'postgres');
    const first = await startEmbeddedPostgres({ clusterDir, log });
    try {
      // Pretend the owner file was written by another live process (our parent).
      const owner = JSON.parse(await fs.readFile(`${clusterDir}.owner.json`, 'utf8'));
      await fs.writeFile(`${clusterDir}.owner.json`, JSON.stringify({ ...owner, pid: process.ppid }));
      await expect(startEmbeddedPostgres({ clusterDir, log })).rejects.toThrow(EmbeddedInUseError);
    } finally {
      await first.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the app while its database goes away and comes back', () => {
  let server: EmbeddedServer;
  let dir: string;
  let pool: pg.Pool;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    dir = await tempDir();
    server = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'postgres'), log });
    pool = createPool(server.url, log);
    await migrate(pool, allMigrationSources(), log);
    app = await buildApp({ config: loadConfig({ PUBLIC_ORIGIN: ORIGIN, STATIC_DIR: '/nonexistent' }), pool, log });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('fails readiness and answers 503 while the database is down, then recovers by itself', async () => {
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    expect((await app.inject('/trpc/auth.status')).statusCode).toBe(200);

    await server.stop();
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', reason: 'database' });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    const res = await app.inject('/trpc/auth.status');
    expect(res.statusCode).toBe(503);
    const err = res.json().error;
    expect(err.data).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'service.unavailable' });
    expect(err.message).toMatch(/database cannot be reached/);
    expect(JSON.stringify(err)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);

    await server.start();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await app.inject('/readyz')).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect((await app.inject('/trpc/auth.status')).statusCode).toBe(200);
  });
});
