// SQL for the Market: users' apps and their states, entrance hosts, the operation log and entrance grants.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../../bff/db/pool';
import type { AppState, Operation } from './market.types';

export interface StoredEntrance {
  name: string;
  title: string;
  /** The Service (host) and port inside the app's namespace. */
  host: string;
  port: number;
  openMethod: 'iframe' | 'window';
  authLevel: 'public' | 'private';
  invisible: boolean;
  icon?: string;
  /** The entrance's id: its own origin is ENTRANCE_ORIGIN with `{id}` replaced by it. */
  id: string;
}

export interface StoredApp {
  id: string;
  userId: string;
  userName: string;
  /** The instance: the catalogue name, or `<name>-<n>` for further instances of apps that allow several. */
  name: string;
  /** The catalogue app it was installed from. */
  chart: string;
  source: string;
  version: string;
  targetVersion: string | null;
  title: string;
  icon: string;
  state: AppState;
  message: string | null;
  progress: number | null;
  namespace: string;
  entrances: StoredEntrance[];
  middleware: { postgres?: { databases: string[] } };
  removeData: boolean;
  updatedAt: Date;
}

const APP_COLUMNS = `a.id, a.user_id AS "userId", u.name AS "userName", a.name, a.chart, a.source, a.version, a.target_version AS "targetVersion",
  a.title, a.icon, a.state, a.message, a.progress, a.namespace, a.entrances, a.middleware, a.remove_data AS "removeData", a.updated_at AS "updatedAt"`;

export type AppPatch = Partial<Pick<StoredApp, 'state' | 'message' | 'progress' | 'version' | 'targetVersion' | 'title' | 'icon' | 'entrances' | 'middleware' | 'removeData' | 'source'>>;

const PATCH_COLUMNS: Record<keyof AppPatch, string> = {
  state: 'state',
  message: 'message',
  progress: 'progress',
  version: 'version',
  targetVersion: 'target_version',
  title: 'title',
  icon: 'icon',
  entrances: 'entrances',
  middleware: 'middleware',
  removeData: 'remove_data',
  source: 'source',
};

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class MarketStore {
  constructor(private readonly db: Queryable) {}

  async find(userId: string, name: string): Promise<StoredApp | null> {
    const { rows } = await this.db.query<StoredApp>(`SELECT ${APP_COLUMNS} FROM market_apps a JOIN users u ON u.id = a.user_id WHERE a.user_id = $1 AND a.name = $2`, [userId, name]);
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<StoredApp | null> {
    const { rows } = await this.db.query<StoredApp>(`SELECT ${APP_COLUMNS} FROM market_apps a JOIN users u ON u.id = a.user_id WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The user's apps that are not uninstalled, by title. */
  async list(userId: string): Promise<StoredApp[]> {
    const { rows } = await this.db.query<StoredApp>(
      `SELECT ${APP_COLUMNS} FROM market_apps a JOIN users u ON u.id = a.user_id WHERE a.user_id = $1 AND a.state NOT IN ('uninstalled', 'canceled') ORDER BY lower(a.title), a.name`,
      [userId],
    );
    return rows;
  }

  /** Every app of every user that is not uninstalled: what the tracker keeps an eye on. */
  async listAll(): Promise<StoredApp[]> {
    const { rows } = await this.db.query<StoredApp>(`SELECT ${APP_COLUMNS} FROM market_apps a JOIN users u ON u.id = a.user_id WHERE a.state NOT IN ('uninstalled', 'canceled')`);
    return rows;
  }

  /** Apps installed by anyone, by name: for dependency checks. */
  async installedNames(userId: string): Promise<Map<string, string>> {
    const { rows } = await this.db.query<{ name: string; version: string }>(`SELECT DISTINCT ON (chart) chart AS name, version FROM market_apps WHERE user_id = $1 AND state IN ('running', 'stopped', 'upgrading', 'resuming', 'stopping', 'initializing', 'installing', 'pending', 'downloading')`, [userId]);
    return new Map(rows.map((r) => [r.name, r.version]));
  }

  /**
   * Starts an install: a new row, or the old row of an app that was uninstalled, canceled or failed to
   * install, reset to `pending`. Returns null when the app is there in another state (installed, or busy).
   */
  async begin(app: Omit<StoredApp, 'id' | 'userName' | 'updatedAt' | 'targetVersion' | 'message' | 'progress' | 'removeData'>): Promise<StoredApp | null> {
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO market_apps AS m (user_id, name, source, version, title, icon, state, namespace, entrances, middleware, chart)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)
       ON CONFLICT (user_id, name) DO UPDATE SET chart = EXCLUDED.chart, source = EXCLUDED.source, version = EXCLUDED.version, title = EXCLUDED.title, icon = EXCLUDED.icon,
         state = EXCLUDED.state, namespace = EXCLUDED.namespace, entrances = EXCLUDED.entrances, middleware = EXCLUDED.middleware,
         message = NULL, progress = NULL, target_version = NULL, remove_data = false, updated_at = now(), created_at = now()
         WHERE m.state IN ('uninstalled', 'canceled', 'installFailed')
       RETURNING id`,
      [app.userId, app.name, app.source, app.version, app.title, app.icon, app.state, app.namespace, JSON.stringify(app.entrances), JSON.stringify(app.middleware), app.chart],
    );
    return rows[0] ? this.findById(rows[0].id) : null;
  }

  /** Changes an app's row; `onlyIn` makes it conditional on the current state (a compare-and-set). Returns the new row, or null when not changed. */
  async update(id: string, patch: AppPatch, onlyIn?: readonly AppState[]): Promise<StoredApp | null> {
    const sets: string[] = [];
    const values: unknown[] = [id];
    for (const [key, value] of Object.entries(patch) as Array<[keyof AppPatch, unknown]>) {
      values.push(key === 'entrances' || key === 'middleware' ? JSON.stringify(value) : value);
      sets.push(`${PATCH_COLUMNS[key]} = $${values.length}${key === 'entrances' || key === 'middleware' ? '::jsonb' : ''}`);
    }
    let where = 'id = $1';
    if (onlyIn) {
      values.push(onlyIn);
      where += ` AND state = ANY($${values.length})`;
    }
    const { rowCount } = await this.db.query(`UPDATE market_apps SET ${sets.join(', ')}, updated_at = now() WHERE ${where}`, values);
    return rowCount ? this.findById(id) : null;
  }

  async claimEntranceHosts(appId: string, hosts: Array<{ host: string; entrance: string }>): Promise<void> {
    await this.db.query('DELETE FROM market_entrances WHERE app_id = $1', [appId]);
    for (const h of hosts) await this.db.query('INSERT INTO market_entrances (host, app_id, entrance) VALUES ($1, $2, $3)', [h.host, appId, h.entrance]);
  }

  async hostTaken(host: string, appId: string): Promise<boolean> {
    const { rowCount } = await this.db.query('SELECT 1 FROM market_entrances WHERE host = $1 AND app_id <> $2', [host, appId]);
    return (rowCount ?? 0) > 0;
  }

  async releaseEntranceHosts(appId: string): Promise<void> {
    await this.db.query('DELETE FROM market_entrances WHERE app_id = $1', [appId]);
  }

  async byEntranceHost(host: string): Promise<{ app: StoredApp; entrance: string } | null> {
    const { rows } = await this.db.query<{ app_id: string; entrance: string }>('SELECT app_id, entrance FROM market_entrances WHERE host = $1', [host]);
    const row = rows[0];
    if (!row) return null;
    const app = await this.findById(row.app_id);
    return app ? { app, entrance: row.entrance } : null;
  }

  /** The user's instance names taken (in any state but gone) among `candidates`. */
  async takenNames(userId: string, candidates: string[]): Promise<Set<string>> {
    const { rows } = await this.db.query<{ name: string }>(`SELECT name FROM market_apps WHERE user_id = $1 AND name = ANY($2) AND state NOT IN ('uninstalled', 'canceled', 'installFailed')`, [userId, candidates]);
    return new Set(rows.map((r) => r.name));
  }

  // --- the operation log ---

  async findOperation(userId: string, requestId: string): Promise<{ id: string; app: string; op: string } | null> {
    const { rows } = await this.db.query<{ id: string; app: string; op: string }>('SELECT id, app, op FROM market_operations WHERE user_id = $1 AND request_id = $2', [userId, requestId]);
    return rows[0] ?? null;
  }

  /** Records an operation; with a request id already used, returns null (the caller answers as for the first). */
  async startOperation(op: { userId: string; app: string; op: Operation['op']; fromVersion?: string | null; toVersion?: string | null; requestId?: string | null }): Promise<string | null> {
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO market_operations (user_id, app, op, from_version, to_version, request_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, request_id) DO NOTHING RETURNING id`,
      [op.userId, op.app, op.op, op.fromVersion ?? null, op.toVersion ?? null, op.requestId ?? null],
    );
    return rows[0]?.id ?? null;
  }

  /** Ends the running operations of an app (all of them, or those of one kind). */
  async finishOperations(userId: string, app: string, outcome: Exclude<Operation['outcome'], 'running'>, message?: string | null, ops?: Operation['op'][]): Promise<void> {
    await this.db.query(
      `UPDATE market_operations SET outcome = $3, message = $4, finished_at = now()
        WHERE user_id = $1 AND app = $2 AND outcome = 'running' AND ($5::text[] IS NULL OR op = ANY($5))`,
      [userId, app, outcome, message ?? null, ops ?? null],
    );
  }

  async operations(userId: string, app: string | undefined, limit: number): Promise<Operation[]> {
    const { rows } = await this.db.query<Operation & { at: Date; finishedAt: Date | null; fromVersion: string | null; toVersion: string | null; message: string | null }>(
      `SELECT id, app, op, from_version AS "fromVersion", to_version AS "toVersion", outcome, message, created_at AS at, finished_at AS "finishedAt"
         FROM market_operations WHERE user_id = $1 AND ($2::text IS NULL OR app = $2) ORDER BY created_at DESC, id LIMIT $3`,
      [userId, app ?? null, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      app: r.app,
      op: r.op,
      outcome: r.outcome,
      ...(r.fromVersion ? { fromVersion: r.fromVersion } : {}),
      ...(r.toVersion ? { toVersion: r.toVersion } : {}),
      ...(r.message ? { message: r.message } : {}),
      at: new Date(r.at).toISOString(),
      ...(r.finishedAt ? { finishedAt: new Date(r.finishedAt).toISOString() } : {}),
    }));
  }

  // --- entrance grants (tickets and cookies), stored hashed ---

  async addGrant(token: string, userId: string, host: string, kind: 'ticket' | 'cookie', ttlMs: number): Promise<void> {
    await this.db.query(`INSERT INTO market_entrance_grants (token_hash, user_id, host, kind, expires_at) VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')`, [hashToken(token), userId, host, kind, ttlMs]);
  }

  /** A ticket is used up by the lookup; a cookie stays until it expires. */
  async useGrant(token: string, host: string, kind: 'ticket' | 'cookie'): Promise<{ userId: string } | null> {
    const sql =
      kind === 'ticket'
        ? `DELETE FROM market_entrance_grants WHERE token_hash = $1 AND host = $2 AND kind = 'ticket' AND expires_at > now() RETURNING user_id AS "userId"`
        : `SELECT user_id AS "userId" FROM market_entrance_grants WHERE token_hash = $1 AND host = $2 AND kind = 'cookie' AND expires_at > now()`;
    const { rows } = await this.db.query<{ userId: string }>(sql, [hashToken(token), host]);
    return rows[0] ?? null;
  }

  async pruneGrants(): Promise<void> {
    await this.db.query('DELETE FROM market_entrance_grants WHERE expires_at < now()');
  }
}
