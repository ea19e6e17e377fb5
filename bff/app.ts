// buildApp(): the whole BFF as a Fastify instance — plugins, tRPC, socket.io, health, static frontend — without listening.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Server as SocketServer } from 'socket.io';
import { AuthService } from './auth/auth.service';
import { RegulationService } from './auth/regulation.service';
import { SecurityService } from './auth/security.service';
import { SESSION_COOKIE, sessionCookieOptions } from './auth/session-cookie';
import { SessionsService } from './auth/sessions.service';
import { UsersService } from './auth/users.service';
import type { Config } from './config';
import { DesktopService } from './desktop/desktop.service';
import { registerWallpaperRoutes } from './desktop/wallpaper.routes';
import { WallpapersService } from './desktop/wallpapers.service';
import type { KubernetesAdapter } from './adapters/kubernetes';
import { registerEntranceProxy } from './http/entrance-proxy';
import { registerHealth } from './http/health';
import { registerRequestLog } from './http/request-log';
import { builtInlineScriptSources } from './http/inline-scripts';
import { registerSecurity } from './http/security';
import { registerStatic } from './http/static';
import { NotificationsService } from './notifications/notifications.service';
import { EventBus } from './realtime/bus';
import { PgBusBridge } from './realtime/pg-bridge';
import { attachRealtime } from './realtime/socket';
import { appRouter } from './trpc/app-router';
import { createContext, type Services } from './trpc/context';
import { mapUnavailable } from './trpc/init';
import { registerTrpc } from './trpc/fastify-handler';
import { FixedWindowLimiter } from './trpc/rate-limit';
import { createCatalog, registerMarketRoutes, type MarketCatalog } from '../system-apps/market/server/market.platform';
import { MarketService } from '../system-apps/market/server/market.service';
import { PostgresProvisioner } from '../system-apps/market/server/middleware/postgres';
import type { Caller } from '../system-apps/files/server/files.api';
import { createFilesPlatform, type FilesPlatform } from '../system-apps/files/server/files.platform';
import { VaultService } from '../system-apps/vault/server/vault.service';
import { VaultStore } from '../system-apps/vault/server/vault.store';
import { createWisePlatform, type WisePlatform } from '../system-apps/wise/server/wise.platform';
import { createDashboardPlatform, type DashboardPlatform } from '../system-apps/dashboard/server/dashboard.platform';
import { createGpuPlatform, type GpuPlatform } from '../system-apps/settings/server/gpu.platform';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    bus: EventBus;
    io: SocketServer;
  }
}

export interface AppDeps {
  config: Config;
  pool: pg.Pool;
  log: Logger;
  bus?: EventBus;
  /** How often sockets are checked against their sessions (tests shorten it). */
  socketRecheckMs?: number;
  /**
   * The database's URL, for the LISTEN connection that fans events out to other replicas.
   * Without it events stay on this replica (one process, or tests that do not need it).
   */
  databaseUrl?: string;
  /** The Kubernetes cluster apps are installed on (real, or the simulator); none: the Market says so. */
  cluster?: KubernetesAdapter | null;
  /** The app catalogue; built from MARKET_SOURCES (the demo catalogue by default) when not given. */
  catalog?: MarketCatalog;
  /** Extra annotations for apps' HelmCharts (tests ask the simulator to fail installs). */
  chartAnnotations?: (app: string) => Record<string, string> | undefined;
}

/** The most a `vault.*` call may send (the server's bodyLimit holds for every other call). */
const VAULT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function buildServices(deps: Required<Pick<AppDeps, 'config' | 'pool' | 'bus'>> & { market: MarketService; files: FilesPlatform; wise: WisePlatform; dashboard: DashboardPlatform; gpu: GpuPlatform }): Services {
  const { config, pool, bus, market, files, wise, dashboard, gpu } = deps;
  const sessions = new SessionsService(pool, { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs }, bus);
  const regulation = new RegulationService(pool, { maxFailures: config.loginMaxFailures, banMs: config.loginBanMs });
  return {
    sessions,
    auth: new AuthService(pool, sessions, regulation),
    security: new SecurityService(pool, sessions),
    users: new UsersService(pool),
    desktop: new DesktopService(pool, bus),
    wallpapers: new WallpapersService(pool, bus),
    notifications: new NotificationsService(pool, bus),
    market,
    files: files.files,
    filesSearch: files.search,
    filesShares: files.shares,
    filesDownloads: files.downloads,
    filesDrives: files.drives,
    vault: new VaultService({ db: pool, bus, store: new VaultStore() }),
    wise,
    dashboard: dashboard.services,
    gpu: gpu.services,
    loginLimiter: new FixedWindowLimiter(config.loginRatePerMinute, 60_000),
  };
}

/** The caller of a plain HTTP route: a fully signed-in, unlocked session, or null. */
async function requestCaller(app: FastifyInstance, token: string | undefined): Promise<Caller | null> {
  const auth = token ? await app.services.sessions.resolve(token) : null;
  if (!auth || auth.session.state !== 'active' || auth.session.locked) return null;
  return { id: auth.user.id, name: auth.user.name, role: auth.user.role };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, pool, log } = deps;
  const bus = deps.bus ?? new EventBus();
  // Typed as the default instance: plugins and helpers take FastifyInstance, not Fastify<…, pino.Logger>.
  const app = Fastify({
    loggerInstance: log,
    // Batched GETs name several procedures in one path segment.
    routerOptions: { maxParamLength: 5000 },
    bodyLimit: config.bodyLimitBytes,
    // One line per request (http/request-log.ts) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }) as unknown as FastifyInstance;
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerRequestLog(app);

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.code(status).send({ statusCode: status, error: 'Internal Server Error', message: 'Something went wrong on the server.' });
    }
    return reply.code(status).send({ statusCode: status, error: err.code ?? 'Bad Request', message: err.message });
  });

  const catalog = deps.catalog ?? createCatalog(config, log);
  const market = new MarketService({
    db: pool,
    bus,
    catalog,
    cluster: deps.cluster ?? null,
    postgres: deps.databaseUrl ? new PostgresProvisioner(deps.databaseUrl, config.appPostgresHost) : null,
    log,
    entranceOrigin: config.entranceOrigin,
    dataDir: config.dataDir,
    ...(deps.chartAnnotations ? { chartAnnotations: deps.chartAnnotations } : {}),
  });
  // Entrances first: a request for an app's own origin never reaches the desktop's routes or headers.
  registerEntranceProxy(app, { entranceOrigin: config.entranceOrigin, publicOrigin: config.publicOrigin, resolver: () => market.entrances() });
  const files = createFilesPlatform({ config, pool, bus, log });
  const wise = createWisePlatform({ config, pool, bus, log });
  const gpu = createGpuPlatform({ config, log, cluster: deps.cluster ?? null });
  const dashboard = createDashboardPlatform({ config, pool, log, cluster: deps.cluster ?? null, gpu: gpu.port });
  app.addHook('onClose', () => dashboard.close());
  const services = buildServices({ config, pool, bus, market, files, wise, dashboard, gpu });
  app.decorate('services', services);
  app.decorate('bus', bus);

  await app.register(cookie);
  await registerSecurity(app, { publicOrigin: config.publicOrigin, https: config.secureCookies, inlineScripts: builtInlineScriptSources(config.staticDir) });
  registerHealth(app, pool);
  await registerWallpaperRoutes(app);
  registerMarketRoutes(app, catalog);
  await files.register(app, {
    authenticate: (req) => requestCaller(app, req.cookies[SESSION_COOKIE]),
    allowAttempt: (ip) => services.loginLimiter.hit(ip),
  });
  app.addHook('onClose', () => files.close());
  await wise.register(app, { authenticate: (req) => requestCaller(app, req.cookies[SESSION_COOKIE]) });
  wise.start();
  app.addHook('onClose', () => wise.close());

  registerTrpc(app, {
    router: appRouter,
    prefix: '/trpc',
    createContext: (req, reply) =>
      createContext({
        client: { ip: req.ip, userAgent: req.headers['user-agent'] ?? '' },
        requestId: req.id,
        log: req.log,
        services,
        cookies: {
          sessionToken: req.cookies[SESSION_COOKIE],
          setSession: (token, expiresAt) => void reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config.secureCookies, expiresAt)),
          clearSession: () => void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config.secureCookies)),
        },
      }),
    mapError: mapUnavailable,
    // A vault's re-key or import carries every item (and attachments up to 10 MiB as base64).
    largeBodies: { prefixes: ['vault.'], limitBytes: VAULT_BODY_LIMIT_BYTES },
    onError: ({ error, path, req }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      else if (error.code === 'SERVICE_UNAVAILABLE') req.log.warn({ path }, 'procedure failed: database unavailable');
    },
  });

  await registerStatic(app, config.staticDir);
  if (deps.databaseUrl) {
    const bridge = new PgBusBridge(deps.databaseUrl, pool, bus, log);
    await bridge.start();
    app.addHook('onClose', () => bridge.stop());
  }
  await catalog.start?.();
  await market.start();
  app.addHook('onClose', async () => {
    market.shutdown();
    catalog.stop?.();
    await market.idle();
  });
  app.decorate('io', attachRealtime(app, { sessions: services.sessions, bus, publicOrigin: config.publicOrigin, log, recheckMs: deps.socketRecheckMs }));
  dashboard.attach(app.io);
  return app;
}
