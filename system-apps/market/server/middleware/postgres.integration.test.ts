// An app's PostgreSQL: its role reaches its own databases with the credentials it was given, and nobody else's.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testServers, withDatabase } from '../../../../bff/testing/databases';
import { pgName, PostgresProvisioner, roleName } from './postgres';

async function canConnect(url: string): Promise<true | string> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    await c.query('CREATE TABLE IF NOT EXISTS probe (id int)');
    return true;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const asUrl = (server: string, role: string, password: string, db: string) => {
  const u = new URL(withDatabase(server, db));
  u.username = role;
  u.password = password;
  return u.toString();
};

describe('names', () => {
  it('are valid identifiers of at most 63 bytes, distinct when cut', () => {
    expect(pgName('notes', 'alice', 'main-db')).toBe('notes_alice_main_db');
    expect(pgName('9app', 'x')).toBe('a_9app_x');
    const long1 = pgName('a'.repeat(40), 'b'.repeat(30), 'one');
    const long2 = pgName('a'.repeat(40), 'b'.repeat(30), 'two');
    expect(long1.length).toBeLessThanOrEqual(63);
    expect(long1).not.toBe(long2);
  });
});

for (const server of testServers()) {
  describe(`PostgreSQL middleware (${server.name})`, () => {
    const tag = randomBytes(3).toString('hex');
    const provisioner = new PostgresProvisioner(server.adminUrl);
    const cleanup: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const f of cleanup) await f().catch(() => undefined);
    });

    it('creates a role and databases the app can use, that another app cannot reach', async () => {
      const a = { app: `notes${tag}`, user: 'alice', databases: [{ name: 'main', extensions: ['pg_trgm', 'no_such_extension'] }] };
      const b = { app: `wiki${tag}`, user: 'alice', databases: [{ name: 'main' }] };
      cleanup.push(() => provisioner.remove({ ...a, databases: ['main'], dropData: true }), () => provisioner.remove({ ...b, databases: ['main'], dropData: true }));
      const ga = await provisioner.provision(a);
      const gb = await provisioner.provision(b);
      expect(ga.role).toBe(roleName(a.app, 'alice'));
      expect(ga.missingExtensions).toEqual({ main: ['no_such_extension'] });
      expect(await canConnect(asUrl(server.adminUrl, ga.role, ga.password, ga.databases.main!))).toBe(true);
      expect(await canConnect(asUrl(server.adminUrl, gb.role, gb.password, gb.databases.main!))).toBe(true);
      // b's role, a's database: refused.
      expect(await canConnect(asUrl(server.adminUrl, gb.role, gb.password, ga.databases.main!))).toMatch(/permission denied|not permitted/i);
      const ext = new pg.Client({ connectionString: withDatabase(server.adminUrl, ga.databases.main!) });
      await ext.connect();
      const { rows } = await ext.query("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'");
      await ext.end();
      expect(rows).toHaveLength(1);
    });

    it('is idempotent with the same password, and remove keeps or drops the data as asked', async () => {
      const req = { app: `shop${tag}`, user: 'bob', databases: [{ name: 'orders' }, { name: 'stock' }] };
      cleanup.push(() => provisioner.remove({ ...req, databases: ['orders', 'stock'], dropData: true }));
      const first = await provisioner.provision(req);
      const again = await provisioner.provision({ ...req, password: first.password });
      expect(again).toEqual(first);
      await provisioner.remove({ ...req, databases: ['orders', 'stock'], dropData: false });
      const c = new pg.Client({ connectionString: server.adminUrl });
      await c.connect();
      try {
        const kept = await c.query('SELECT datname FROM pg_database WHERE datname = ANY($1) ORDER BY 1', [Object.values(first.databases)]);
        expect(kept.rows.map((r) => r.datname)).toEqual(Object.values(first.databases).sort());
        const login = await c.query('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [first.role]);
        expect(login.rows[0]?.rolcanlogin).toBe(false);
        await provisioner.remove({ ...req, databases: ['orders', 'stock'], dropData: true });
        const gone = await c.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [Object.values(first.databases)]);
        expect(gone.rows).toEqual([]);
        expect((await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [first.role])).rowCount).toBe(0);
      } finally {
        await c.end();
      }
    });
  });
}
