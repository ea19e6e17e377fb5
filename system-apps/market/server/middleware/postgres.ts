// Provisions the PostgreSQL an app declares (`middleware.postgres`): its own login role and databases in the shared server, and removes them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PostgresRequest {
  /** The app's release (`<app>` for its user): names are derived from it and the user. */
  app: string;
  user: string;
  databases: Array<{ name: string; extensions?: string[] }>;
  /** Reuse this password (a retry after the secret was written); a new one otherwise. */
  password?: string;
}

export interface PostgresGrant {
  host: string;
  port: number;
  role: string;
  password: string;
  /** The manifest's database name → the real database name. */
  databases: Record<string, string>;
  /** Extensions asked for but not available on this server, per database (the app is told, nothing fails). */
  missingExtensions: Record<string, string[]>;
}

/** A PostgreSQL identifier from parts: lowercase letters, digits and underscores, at most 63 bytes, unique by a hash suffix when cut. */
export function pgName(...parts: string[]): string {
  const raw = parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')).join('_');
  const name = /^[a-z_]/.test(raw) ? raw : `a_${raw}`;
  if (name.length <= 63) return name;
  let h = 0;
  for (const c of raw) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 54)}_${h.toString(36).padStart(7, '0').slice(0, 8)}`;
}

/** The role an app of a user logs in as. */
export const roleName = (app: string, user: string) => pgName('app', app, user);
/** The database an app's manifest names `db`, for that app and user. */
export const databaseName = (app: string, user: string, db: string) => pgName(app, user, db);

export class PostgresProvisioner {
  /**
   * @param adminUrl a connection string of a role allowed to create roles and databases (the BFF's own).
   * @param publicHost host and port the app's pods reach the server at (defaults: those of adminUrl).
   */
  constructor(
    private readonly adminUrl: string,
    private readonly publicHost?: { host: string; port: number },
  ) {}

  private async admin<T>(fn: (c: pg.Client) => Promise<T>, database?: string): Promise<T> {
    const url = new URL(this.adminUrl);
    if (database) url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Creates (or brings up to date) the role and databases; safe to run again with the same password. */
  async provision(req: PostgresRequest): Promise<PostgresGrant> {
    const role = roleName(req.app, req.user);
    const password = req.password ?? randomBytes(24).toString('base64url');
    const databases: Record<string, string> = {};
    const missingExtensions: Record<string, string[]> = {};
    await this.admin(async (c) => {
      const exists = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount;
      const ident = pg.escapeIdentifier(role);
      // The password is a literal here: CREATE/ALTER ROLE take no parameters. It is random base64url (no quotes).
      await c.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${ident} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${pg.escapeLiteral(password)}`);
      for (const db of req.databases) {
        const name = databaseName(req.app, req.user, db.name);
        databases[db.name] = name;
        const dbIdent = pg.escapeIdentifier(name);
        const has = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
        if (!has) {
          try {
            await c.query(`CREATE DATABASE ${dbIdent} OWNER ${ident}`);
          } catch (err) {
            // Two installs racing: the other one created it.
            if ((err as { code?: string }).code !== '42P04') throw err;
          }
        }
        // Only the app's own role may connect: no other app (nor PUBLIC) can reach its data.
        await c.query(`REVOKE ALL ON DATABASE ${dbIdent} FROM PUBLIC`);
        await c.query(`GRANT ALL ON DATABASE ${dbIdent} TO ${ident}`);
      }
    });
    for (const db of req.databases) {
      const wanted = db.extensions ?? [];
      if (!wanted.length) continue;
      const name = databases[db.name]!;
      await this.admin(async (c) => {
        const available = new Set((await c.query<{ name: string }>('SELECT name FROM pg_available_extensions')).rows.map((r) => r.name));
        for (const ext of wanted) {
          if (!available.has(ext)) {
            (missingExtensions[db.name] ??= []).push(ext);
            continue;
          }
          await c.query(`CREATE EXTENSION IF NOT EXISTS ${pg.escapeIdentifier(ext)}`);
        }
      }, name);
    }
    const url = new URL(this.adminUrl);
    return {
      host: this.publicHost?.host ?? url.hostname,
      port: this.publicHost?.port ?? Number(url.port || 5432),
      role,
      password,
      databases,
      missingExtensions,
    };
  }

  /** Drops the app's databases (when its data is to go) and its role; nothing left is not an error. */
  async remove(req: { app: string; user: string; databases: string[]; dropData: boolean }): Promise<void> {
    const role = roleName(req.app, req.user);
    await this.admin(async (c) => {
      if (!req.dropData) {
        // The data stays for a later install: the role stays too (it owns the databases), without login.
        const exists = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount;
        if (exists) await c.query(`ALTER ROLE ${pg.escapeIdentifier(role)} NOLOGIN`);
        return;
      }
      for (const db of req.databases) await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseName(req.app, req.user, db))} WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
    });
  }
}
