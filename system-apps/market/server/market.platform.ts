// The Market's parts the platform wires up: the catalogue built from the configuration, and the route that serves images from charts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../../bff/config';
import { SESSION_COOKIE } from '../../../bff/auth/session-cookie';
import { CatalogService } from './catalog';
import type { CatalogSourceConfig } from './catalog/types';
import type { Catalog } from './market.service';

export type MarketCatalog = Catalog & {
  start?(): Promise<void>;
  stop?(): void;
  asset?(name: string, relPath: string, version?: string): Promise<{ body: Buffer; contentType: string } | null>;
};

/** The catalogue that ships with the desktop: a few small apps written here, so a fresh install has something to install. */
export const DEMO_CATALOG = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'demo-catalog');
export const ASSET_ROUTE = '/api/market/assets';

const idOf = (location: string, i: number) =>
  (/^https?:/.test(location) ? new URL(location).host : path.basename(location))
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || `source-${i}`;

export function catalogSources(config: Pick<Config, 'marketSources'>): CatalogSourceConfig[] {
  const locations = config.marketSources ?? [DEMO_CATALOG];
  const seen = new Set<string>();
  return locations.map((location, i) => {
    let id = location === DEMO_CATALOG ? 'demo' : idOf(location, i);
    while (seen.has(id)) id = `${id}-${i}`;
    seen.add(id);
    return { id, kind: /^https?:\/\//.test(location) ? 'url' : 'folder', location };
  });
}

export function assetUrl(app: { name: string; version: string }, relPath: string): string {
  return `${ASSET_ROUTE}/${encodeURIComponent(app.name)}/${encodeURIComponent(app.version)}/${relPath.split('/').map(encodeURIComponent).join('/')}`;
}

export function createCatalog(config: Pick<Config, 'marketSources' | 'marketSyncMs' | 'dataDir'>, log: Logger): CatalogService {
  return new CatalogService({
    sources: catalogSources(config),
    cacheDir: path.join(config.dataDir, 'market', 'cache'),
    syncIntervalMs: config.marketSyncMs,
    log: { info: (o, m) => log.info(o, m), warn: (o, m) => log.warn(o, m) },
    assetUrl,
  });
}

/** GET /api/market/assets/<app>/<version>/<path>: an image inside a chart (icons, screenshots), for signed-in users. */
export function registerMarketRoutes(app: FastifyInstance, catalog: MarketCatalog): void {
  app.get<{ Params: { name: string; version: string; '*': string } }>(`${ASSET_ROUTE}/:name/:version/*`, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const auth = token ? await app.services.sessions.resolve(token) : null;
    if (!auth) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'Sign in to see the catalogue.' });
    const found = catalog.asset ? await catalog.asset(req.params.name, req.params['*'], req.params.version) : null;
    if (!found) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such image in this app.' });
    return reply.header('content-type', found.contentType).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff')
      // An SVG can carry scripts: opened on its own it runs nothing.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox").send(found.body);
  });
}
