// Builds the real app on a fresh test database, with helpers to call procedures as a browser would.
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../app';
import { hashPassword } from '../auth/passwords';
import { UsersService } from '../auth/users.service';
import type { Role } from '../auth/types';
import { loadConfig, type Config } from '../config';
import { CSRF_HEADER } from '../http/security';
import { createLogger } from '../log/logger';
import { createTestDatabase, type TestDatabase, type TestServer } from './databases';

export const ORIGIN = 'http://localhost:3000';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  config: Config;
  /** Every log line the app wrote, as text. */
  logs: string[];
  close(): Promise<void>;
  /** Closes the app and leaves its database, as a restart would. */
  stopKeepingData(): Promise<void>;
}

export async function startTestApp(
  server: TestServer,
  env: Record<string, string> = {},
  opts: { socketRecheckMs?: number; db?: TestDatabase } & Pick<AppDeps, 'cluster' | 'catalog' | 'chartAnnotations'> = {},
): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase(server));
  const config = loadConfig({ PUBLIC_ORIGIN: ORIGIN, STATIC_DIR: '/nonexistent-olares-static', LOG_LEVEL: 'info', ...env });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = await buildApp({
    config,
    pool: db.pool,
    log: createLogger('info', sink),
    socketRecheckMs: opts.socketRecheckMs,
    databaseUrl: db.url,
    ...(opts.cluster !== undefined ? { cluster: opts.cluster } : {}),
    ...(opts.catalog ? { catalog: opts.catalog } : {}),
    ...(opts.chartAnnotations ? { chartAnnotations: opts.chartAnnotations } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    config,
    logs,
    async close() {
      await app.close();
      await db.drop();
    },
    async stopKeepingData() {
      await app.close();
    },
  };
}

const browserHeaders = (cookie?: string) => ({
  origin: ORIGIN,
  [CSRF_HEADER]: '1',
  'content-type': 'application/json',
  ...(cookie ? { cookie } : {}),
});

export function mutate(app: FastifyInstance, path: string, input?: unknown, cookie?: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: `/trpc/${path}`, headers: browserHeaders(cookie), payload: input === undefined ? '' : JSON.stringify(input) });
}

export function query(app: FastifyInstance, path: string, input?: unknown, cookie?: string): Promise<LightMyRequestResponse> {
  const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return app.inject({ method: 'GET', url: `/trpc/${path}${qs}`, headers: cookie ? { cookie } : {} });
}

/** The `name=value` of the session cookie a response set, or undefined. */
export function sessionCookie(res: LightMyRequestResponse): string | undefined {
  const c = res.cookies.find((x) => x.name === 'olares_session');
  return c && c.value ? `olares_session=${c.value}` : undefined;
}

export function data<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return (res.json() as { result: { data: T } }).result.data;
}

export interface WireError {
  message: string;
  code: number;
  data: { code: string; reason?: string; fields?: Record<string, string>; httpStatus: number; path?: string };
}

export function error(res: LightMyRequestResponse): WireError {
  return (res.json() as { error: WireError }).error;
}

export async function createUser(t: TestApp, name: string, password: string, role: Role): Promise<void> {
  const users = new UsersService(t.db.pool);
  if (role === 'owner') {
    await t.db.pool.query(`INSERT INTO users (name, display_name, role, password_hash) VALUES ($1, $1, 'owner', $2)`, [name, await hashPassword(password)]);
  } else {
    await users.create({ name, displayName: name, password, role }, null);
  }
}

/** Logs in (no second factor) and returns the session cookie. */
export async function signIn(app: FastifyInstance, name: string, password: string): Promise<string> {
  const res = await mutate(app, 'auth.login', { name, password });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return sessionCookie(res)!;
}
