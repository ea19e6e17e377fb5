// Migrations: numbered, forward-only, all-or-nothing, applied once even when two processes start together.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger';
import { createTestDatabase, testServers, type TestDatabase } from '../testing/databases';
import { migrate, MigrationError, readMigrations, type MigrationSource } from './migrate';
import { createPool } from './pool';

const log = createLogger('silent');

async function sourceWith(files: Record<string, string>, owner = 'demo'): Promise<MigrationSource> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-mig-'));
  for (const [name, sql] of Object.entries(files)) await fs.writeFile(path.join(dir, name), sql);
  return { owner, dir };
}

describe('reading migration folders', () => {
  it('refuses badly named or misnumbered files', async () => {
    await expect(readMigrations([await sourceWith({ '1_a.sql': '' })])).rejects.toThrow(/must look like 0001_name.sql/);
    await expect(readMigrations([await sourceWith({ '0001_a.sql': '', '0003_c.sql': '' })])).rejects.toThrow(/breaks the numbering \(expected 0002\)/);
  });

  it('orders by number and names each migration by its owner', async () => {
    const m = await readMigrations([await sourceWith({ '0002_b.sql': 'SELECT 2', '0001_a.sql': 'SELECT 1' }, 'files')]);
    expect(m.map((x) => x.id)).toEqual(['files/0001_a', 'files/0002_b']);
  });
});

describe.each(testServers())('migrating on the $name server', (server) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('applies pending migrations once, in order', async () => {
    db = await createTestDatabase(server, { migrated: false });
    const src = await sourceWith({ '0001_t.sql': 'CREATE TABLE t (x int)', '0002_t.sql': 'INSERT INTO t VALUES (1)' });
    expect(await migrate(db.pool, [src], log)).toEqual(['demo/0001_t', 'demo/0002_t']);
    expect(await migrate(db.pool, [src], log)).toEqual([]);
    await fs.writeFile(path.join(src.dir, '0003_t.sql'), 'INSERT INTO t VALUES (3)');
    expect(await migrate(db.pool, [src], log)).toEqual(['demo/0003_t']);
    const { rows } = await db.pool.query('SELECT x FROM t ORDER BY x');
    expect(rows.map((r) => r.x)).toEqual([1, 3]);
  });

  it('rolls everything back when one migration fails', async () => {
    db = await createTestDatabase(server, { migrated: false });
    const src = await sourceWith({ '0001_ok.sql': 'CREATE TABLE ok (x int)', '0002_bad.sql': 'CREATE TABLE broken (x nosuchtype)' });
    await expect(migrate(db.pool, [src], log)).rejects.toThrow(/nosuchtype/);
    const { rows } = await db.pool.query(`SELECT to_regclass('ok') AS ok, to_regclass('schema_migrations') AS sm`);
    expect(rows[0]).toEqual({ ok: null, sm: null });
  });

  it('refuses an applied migration that was edited, and one this version does not know', async () => {
    db = await createTestDatabase(server, { migrated: false });
    const src = await sourceWith({ '0001_a.sql': 'CREATE TABLE a (x int)' });
    await migrate(db.pool, [src], log);
    await fs.writeFile(path.join(src.dir, '0001_a.sql'), 'CREATE TABLE a (x bigint)');
    await expect(migrate(db.pool, [src], log)).rejects.toThrow(MigrationError);
    await expect(migrate(db.pool, [src], log)).rejects.toThrow(/was changed after it was applied/);
    await expect(migrate(db.pool, [await sourceWith({})], log)).rejects.toThrow(/made by a newer version/);
  });

  it('lets two processes start at once: each migration runs exactly once', async () => {
    db = await createTestDatabase(server, { migrated: false });
    const src = await sourceWith({ '0001_slow.sql': 'SELECT pg_sleep(0.3); CREATE TABLE once (x int); INSERT INTO once VALUES (1);' });
    const other = createPool(db.url, log);
    try {
      const [a, b] = await Promise.all([migrate(db.pool, [src], log), migrate(other, [src], log)]);
      expect([...a, ...b]).toEqual(['demo/0001_slow']);
      const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM once');
      expect(rows[0].n).toBe(1);
    } finally {
      await other.end();
    }
  });

  it('applies the platform migrations to an empty database', async () => {
    db = await createTestDatabase(server);
    const { rows } = await db.pool.query(`SELECT id FROM schema_migrations ORDER BY id`);
    expect(rows.map((r) => r.id)).toContain('platform/0001_accounts');
  });
});
