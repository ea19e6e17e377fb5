// Why this exists: the refresh half of the Wise bench — 200 feeds served from loopback (the real fixtures), refreshed by Wise's refresher with bounded concurrency, connections counted at the server.
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type pg from 'pg';
import { loadConfig } from '../bff/config';
import { allMigrationSources } from '../bff/db/database';
import { migrate } from '../bff/db/migrate';
import { createPool } from '../bff/db/pool';
import { createLogger } from '../bff/log/logger';
import { EventBus } from '../bff/realtime/bus';
import { createDatabase, REPO_ROOT, type PostgresServer, type TestDatabase } from '../e2e/support/server';
import { WiseSearch } from '../system-apps/wise/server/search/search.service';
import { createWisePlatform, type WisePlatform } from '../system-apps/wise/server/wise.platform';
import { atMost, type BenchPart } from './row';

const FEEDS = 200;
/** Each answer waits this long first, as a distant server would: without it, loopback answers before a second fetch starts. */
const LATENCY_MS = 30;
const FIXTURES = path.join(REPO_ROOT, '..', 'shared', 'fixtures', 'feeds');

interface Fixture {
  body: Buffer;
  type: string;
  etag: string;
}

/** The fixtures, served round-robin at /feed/<n>, with ETags; counts connections and requests open at once. */
async function feedServer(): Promise<{ url: (n: number) => string; stats: { peakConnections: number; peakRequests: number; requests: number; notModified: number }; close(): Promise<void> }> {
  const names = (await fsp.readdir(FIXTURES)).filter((f) => /\.(rss|atom)$/.test(f)).sort();
  const fixtures: Fixture[] = await Promise.all(
    names.map(async (name) => {
      const body = await fsp.readFile(path.join(FIXTURES, name));
      return { body, type: name.endsWith('.atom') ? 'application/atom+xml' : 'application/rss+xml', etag: `"${createHash('sha1').update(body).digest('hex')}"` };
    }),
  );
  const stats = { peakConnections: 0, peakRequests: 0, requests: 0, notModified: 0 };
  let connections = 0;
  let inFlight = 0;
  const server = http.createServer((req, res) => {
    stats.requests++;
    stats.peakRequests = Math.max(stats.peakRequests, ++inFlight);
    res.on('close', () => inFlight--);
    const m = /^\/feed\/(\d+)$/.exec(req.url ?? '');
    const f = m ? fixtures[Number(m[1]) % fixtures.length] : undefined;
    setTimeout(() => {
      if (!f) return res.writeHead(404).end();
      if (req.headers['if-none-match'] === f.etag) {
        stats.notModified++;
        return res.writeHead(304, { etag: f.etag }).end();
      }
      res.writeHead(200, { 'content-type': f.type, etag: f.etag, 'content-length': f.body.length }).end(f.body);
    }, LATENCY_MS);
  });
  server.on('connection', (socket) => {
    stats.peakConnections = Math.max(stats.peakConnections, ++connections);
    socket.on('close', () => connections--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (n) => `http://127.0.0.1:${port}/feed/${n}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function runWiseRefresh(server: PostgresServer, dataDir: string): Promise<BenchPart> {
  let db: TestDatabase | null = null;
  let pool: pg.Pool | null = null;
  let platform: WisePlatform | null = null;
  const feeds = await feedServer();
  try {
    db = await createDatabase(server);
    const log = createLogger('warn');
    pool = createPool(db.url, log);
    await migrate(pool, allMigrationSources(), log);
    const config = loadConfig({ DATA_DIR: dataDir, WISE_ALLOW_PRIVATE_NETWORK: 'true', WISE_REFRESH: 'false' });
    const concurrency = config.wise.fetchConcurrency;
    platform = createWisePlatform({ config, pool, bus: new EventBus(), log, search: (parts) => new WiseSearch(parts) });
    const { rows } = await pool.query<{ id: string }>(`INSERT INTO users (name, role, password_hash) VALUES ('bench-feeds', 'member', 'x') RETURNING id`);
    const user = rows[0]!.id;
    await pool.query(
      `WITH f AS (INSERT INTO wise_feeds (url, next_fetch_at) SELECT unnest($2::text[]), now() RETURNING id)
       INSERT INTO wise_subscriptions (user_id, feed_id) SELECT $1, id FROM f`,
      [user, Array.from({ length: FEEDS }, (_, i) => feeds.url(i))],
    );

    let t0 = performance.now();
    const first = await platform.refresher.refreshDue();
    const firstMs = performance.now() - t0;
    const firstPeak = { ...feeds.stats };
    if (first.fetched !== FEEDS) throw new Error(`the refresher fetched ${first.fetched} of ${FEEDS} feeds`);
    const { rows: errors } = await pool.query<{ error_kind: string; n: string }>('SELECT error_kind, count(*) AS n FROM wise_feeds WHERE error_kind IS NOT NULL GROUP BY 1');

    // Everything due again: this time conditional GETs, answered 304.
    await pool.query('UPDATE wise_feeds SET next_fetch_at = now()');
    t0 = performance.now();
    const second = await platform.refresher.refreshDue();
    const secondMs = performance.now() - t0;

    const notes = [
      `Wise refresh, ${FEEDS} feeds from loopback (${LATENCY_MS} ms answer latency), WISE_FETCH_CONCURRENCY ${concurrency}:`,
      `  first refresh ${(firstMs / 1000).toFixed(2)} s: ${first.fetched} fetched, ${first.failed} failed${errors.length ? ` (${errors.map((e) => `${e.error_kind} ${e.n}`).join(', ')})` : ''}, ${first.added} entries stored and indexed`,
      `  peak simultaneous connections at the server ${firstPeak.peakConnections}, requests in flight ${firstPeak.peakRequests}`,
      `  second refresh (conditional GETs) ${(secondMs / 1000).toFixed(2)} s: ${second.notModified} not modified, ${second.fetched - second.notModified - second.failed} changed, ${second.failed} failed; peak connections overall ${feeds.stats.peakConnections}`,
    ];
    return {
      rows: [
        atMost('wise-refresh-200-feeds-peak-connections', feeds.stats.peakConnections, concurrency, first.failed === 0),
        atMost('wise-refresh-200-feeds-peak-requests', feeds.stats.peakRequests, concurrency, first.failed === 0),
      ],
      notes,
    };
  } finally {
    await platform?.close().catch(() => undefined);
    await feeds.close();
    await pool?.end().catch(() => undefined);
    await db?.drop().catch(() => undefined);
  }
}
