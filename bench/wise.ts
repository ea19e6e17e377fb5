// Why this exists: the Wise part of `npm run bench` — a search over 100,000 articles through the BFF against the bare SQL query, and 200 loopback feeds refreshed with bounded concurrency.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../bff/app';
import { UsersService } from '../bff/auth/users.service';
import { loadConfig } from '../bff/config';
import { allMigrationSources } from '../bff/db/database';
import { migrate } from '../bff/db/migrate';
import { createPool } from '../bff/db/pool';
import { CSRF_HEADER } from '../bff/http/security';
import { createLogger } from '../bff/log/logger';
import { createDatabase, startPostgres, type PostgresServer, type TestDatabase } from '../e2e/support/server';
import { ImageSigner } from '../system-apps/wise/server/image-proxy';
import { BODY_HEADLINE, probeWord, queryCjkRuns, searchText, TITLE_HEADLINE } from '../system-apps/wise/server/search/highlight';
import { SearchStore } from '../system-apps/wise/server/search/search.store';
import { WiseSearch } from '../system-apps/wise/server/search/search.service';
import { atMost, median, type BenchPart, type Row } from './row';
import { articles, insertArticles } from './wise-data';
import { runWiseRefresh } from './wise-refresh';

const ARTICLES = 100_000;
/** Of them, the bench user's own saved articles; the rest are spread over FEEDS feeds, SUBSCRIBED of which the user follows. */
const OWN = 1_000;
const FEEDS = 400;
const SUBSCRIBED = 350;
const LIMIT = 30;
/** Indexing runs this many batches at once, each of INDEX_CHUNK entries. */
const INDEXERS = 3;
const INDEX_CHUNK = 5_000;
const WARMUP = 3;
const ROUNDS = 15;
/** A rare word, a two-word AND, a phrase, a word in a fifth of the articles, and Chinese. */
const QUERIES = ['kubernetes', 'database performance', '"open source"', 'performance', '数据库'];

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The index alone: matches ranked, the best LIMIT ids (no access check, titles or snippets) — for the record. */
const RANKED_SQL = `SELECT entry_id, ts_rank(tsv, q, 1) AS rank FROM wise_search, websearch_to_tsquery('simple', $1) AS q
  WHERE tsv @@ q ORDER BY rank DESC LIMIT $2`;

const ORIGIN = 'http://localhost:3000';
const USER = { name: 'bench-wise', password: 'correct horse battery staple' };

async function seed(pool: pg.Pool): Promise<{ user: string; ids: string[] }> {
  const user = (await new UsersService(pool).create({ ...USER, displayName: USER.name, role: 'member' }, null)).id;
  const { rows: others } = await pool.query<{ id: string }>(`INSERT INTO users (name, role, password_hash) VALUES ('bench-other', 'member', 'x') RETURNING id`);
  const other = others[0]!.id;
  const { rows: feeds } = await pool.query<{ id: string }>(
    `INSERT INTO wise_feeds (url, title) SELECT 'https://bench.test/feed/' || g, 'Feed ' || g FROM generate_series(1, $1) AS g RETURNING id`,
    [FEEDS],
  );
  const feedIds = feeds.map((f) => f.id);
  await pool.query('INSERT INTO wise_subscriptions (user_id, feed_id) SELECT $1, unnest($2::uuid[])', [user, feedIds.slice(0, SUBSCRIBED)]);
  await pool.query('INSERT INTO wise_subscriptions (user_id, feed_id) SELECT $1, unnest($2::uuid[])', [other, feedIds.slice(SUBSCRIBED - 50)]);
  const ids = await insertArticles(pool, articles(20_241_126), ARTICLES, feedIds, user, OWN);
  return { user, ids };
}

async function runWiseSearch(server: PostgresServer, dataDir: string): Promise<BenchPart> {
  let db: TestDatabase | null = null;
  let pool: pg.Pool | null = null;
  let bulk: pg.Pool | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    db = await createDatabase(server);
    const log = createLogger('warn');
    // The app's pool (its statement timeout included) for the service and the bare query; another without the timeout for bulk work.
    pool = createPool(db.url, log);
    bulk = new pg.Pool({ connectionString: db.url, max: INDEXERS });
    await migrate(bulk, allMigrationSources(), log);
    process.stderr.write(`wise: generating and storing ${ARTICLES} articles…\n`);
    let t0 = performance.now();
    const { user, ids } = await seed(bulk);
    const stored = performance.now() - t0;
    const search = new WiseSearch({ pool, images: new ImageSigner(Buffer.alloc(32, 9)), log });
    process.stderr.write(`wise: indexing them through the search service (${INDEXERS} at once, as concurrent refreshes would)…\n`);
    const indexer = new WiseSearch({ pool: bulk, images: new ImageSigner(Buffer.alloc(32, 9)), log });
    t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: INDEXERS }, async () => {
        for (let i = next; i < ids.length; i = next) {
          next += INDEX_CHUNK;
          await indexer.onEntriesAdded(ids.slice(i, i + INDEX_CHUNK));
          process.stderr.write(`  ${Math.min(ids.length, i + INDEX_CHUNK)} `);
        }
      }),
    );
    const indexed = performance.now() - t0;
    process.stderr.write('\n');
    await bulk.query('VACUUM ANALYZE wise_entries, wise_search, wise_vectors, wise_subscriptions');

    // The whole BFF in this process, on the same pool: wise.search.query as a signed-in browser calls it.
    const config = loadConfig({ PUBLIC_ORIGIN: ORIGIN, STATIC_DIR: '/nonexistent-olares-static', DATA_DIR: dataDir, WISE_REFRESH: 'false', FILES_WATCH: 'false', LOG_LEVEL: 'warn' });
    app = await buildApp({ config, pool, log });
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { origin: ORIGIN, [CSRF_HEADER]: '1', 'content-type': 'application/json' },
      payload: JSON.stringify(USER),
    });
    const session = login.cookies.find((c) => c.name === 'olares_session');
    if (login.statusCode !== 200 || !session) throw new Error(`signing in answered ${login.statusCode}`);
    const cookie = `olares_session=${session.value}`;

    // The bare SQL query: the one statement the search sends (the caller's matches ranked, with list columns and
    // headlines), straight through pg — what the BFF adds on top of it is what the ratio measures.
    const store = new SearchStore();
    const bare = async (q: string): Promise<{ ms: number; n: number }> => {
      const t = performance.now();
      const cjk = queryCjkRuns(q);
      const rows = await store.search(pool!, user, { text: searchText(q), limit: LIMIT, titleOptions: TITLE_HEADLINE, bodyOptions: BODY_HEADLINE, cjkRun: cjk[0] ?? null, probe: probeWord(q) });
      return { ms: performance.now() - t, n: rows.length };
    };
    const ranked = async (q: string): Promise<{ ms: number; n: number }> => {
      const t = performance.now();
      const { rows } = await pool!.query(RANKED_SQL, [searchText(q), LIMIT]);
      return { ms: performance.now() - t, n: rows.length };
    };
    const service = async (q: string): Promise<{ ms: number; n: number }> => {
      const t = performance.now();
      const hits = await search.query(user, q, LIMIT);
      const took = performance.now() - t;
      if (hits.some((h) => !h.snippetHtml.includes('<mark>') && !h.titleHtml.includes('<mark>'))) throw new Error(`a hit for ${q} has no mark`);
      return { ms: took, n: hits.length };
    };
    const trpc = async (q: string): Promise<{ ms: number; n: number }> => {
      const t = performance.now();
      const res = await app!.inject({ method: 'GET', url: `/trpc/wise.search.query?input=${encodeURIComponent(JSON.stringify({ q, limit: LIMIT }))}`, headers: { cookie } });
      const hits = (res.json() as { result?: { data: unknown[] } }).result?.data;
      const took = performance.now() - t;
      if (res.statusCode !== 200 || !hits) throw new Error(`wise.search.query answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      return { ms: took, n: hits.length };
    };
    const WAYS = ['bare', 'ranked', 'service', 'trpc'] as const;
    const times = new Map(QUERIES.map((q) => [q, { bare: [] as number[], ranked: [] as number[], service: [] as number[], trpc: [] as number[] }]));
    const totals = { bare: [] as number[], ranked: [] as number[], service: [] as number[], trpc: [] as number[] };
    for (let round = -WARMUP; round < ROUNDS; round++) {
      const sums = { bare: 0, ranked: 0, service: 0, trpc: 0 };
      for (const q of QUERIES) {
        // Interleaved, the order turning each round, so that caches and machine noise favour none.
        const ways = [['bare', bare], ['ranked', ranked], ['service', service], ['trpc', trpc]] as const;
        const got = { bare: 0, ranked: 0, service: 0, trpc: 0 };
        for (let k = 0; k < ways.length; k++) {
          const [name, way] = ways[(k + round + WARMUP) % ways.length]!;
          const r = await way(q);
          if (r.n === 0) throw new Error(`${name} found nothing for ${q}`);
          got[name] = r.ms;
        }
        if (round < 0) continue;
        const t = times.get(q)!;
        for (const k of WAYS) {
          t[k].push(got[k]);
          sums[k] += got[k];
        }
      }
      if (round >= 0) for (const k of WAYS) totals[k].push(sums[k]);
    }
    // For you at this size (no target in the issue, timed for the record): a profile from reads and stars first.
    const { rows: liked } = await pool.query<{ id: string }>(
      `SELECT entry_id AS id FROM wise_search WHERE tsv @@ to_tsquery('simple', 'kubernetes') AND (user_id = $1 OR feed_id IN (SELECT feed_id FROM wise_subscriptions WHERE user_id = $1)) ORDER BY sort_at DESC LIMIT 20`,
      [user],
    );
    const feedback: number[] = [];
    for (const [i, r] of liked.entries()) {
      await pool.query(`INSERT INTO wise_entry_state (user_id, entry_id, read_at, starred_at) VALUES ($1, $2, now(), CASE WHEN $3 THEN now() END)`, [user, r.id, i < 5]);
      const t = performance.now();
      await search.onFeedback(user, r.id, 'read');
      feedback.push(performance.now() - t);
      if (i < 5) await search.onFeedback(user, r.id, 'star');
    }
    const forYou: number[] = [];
    let recommended: Awaited<ReturnType<WiseSearch['forYou']>> = [];
    for (let i = 0; i < 2 + 7; i++) {
      const t = performance.now();
      recommended = await search.forYou(user, LIMIT);
      if (i >= 2) forYou.push(performance.now() - t);
    }

    // Each query on its own must answer within 3× its bare query: the worst one is the row.
    const ratios = (k: 'service' | 'trpc') => QUERIES.map((q) => median(times.get(q)![k]) / median(times.get(q)!.bare));
    const rows: Row[] = [
      atMost('wise-search-100k-trpc-vs-bare-sql-worst-query', Math.max(...ratios('trpc')), 3),
      atMost('wise-search-100k-service-vs-bare-sql-worst-query', Math.max(...ratios('service')), 3),
    ];
    const { rows: counts } = await pool.query<{ q: string; n: string }>(
      `SELECT q, (SELECT count(*) FROM wise_search WHERE tsv @@ websearch_to_tsquery('simple', q)) AS n FROM unnest($1::text[]) AS q`,
      [QUERIES.map(searchText)],
    );
    const notes = [
      `Wise search, ${ARTICLES} articles (stored in ${(stored / 1000).toFixed(1)} s, indexed through the service in ${(indexed / 1000).toFixed(1)} s), ${ROUNDS} rounds, limit ${LIMIT}; medians of`,
      `  wise.search.query through the BFF (tRPC, session), of the search service, of its bare SQL statement through pg, and of the index alone (ranked ids):`,
      ...QUERIES.map((q, i) => {
        const t = times.get(q)!;
        const vsIndex = (k: 'service' | 'trpc') => median(t[k]) / median(t.ranked);
        const r = (k: 'service' | 'trpc') => `${ms(median(t[k]))} (${ratios(k)[i]!.toFixed(2)}× bare SQL, ${vsIndex(k).toFixed(2)}× index alone)`;
        return `  ${q.padEnd(22)} matches ${String(counts[i]?.n ?? '?').padStart(6)}: tRPC ${r('trpc')}, service ${r('service')}, bare SQL ${ms(median(t.bare))}, index alone ${ms(median(t.ranked))}`;
      }),
      `  all five: tRPC ${ms(median(totals.trpc))}, service ${ms(median(totals.service))}, bare SQL ${ms(median(totals.bare))}, index alone ${ms(median(totals.ranked))}`,
      `Wise For you at ${ARTICLES} articles: a read folded into the profile in ${ms(median(feedback))}; ${LIMIT} recommendations in ${ms(median(forYou))} (median of 7), ` +
        `${recommended.filter((r) => r.reasons.some((x) => x.key === 'sharedTerms')).length} of them sharing words with what was read`,
    ];
    return { rows, notes };
  } finally {
    await app?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await bulk?.end().catch(() => undefined);
    await db?.drop().catch(() => undefined);
  }
}

export async function runWise(): Promise<BenchPart> {
  const server = await startPostgres();
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'olares-bench-wise-'));
  try {
    process.stderr.write('wise: refreshing 200 loopback feeds…\n');
    const refreshPart = await runWiseRefresh(server, dataDir);
    process.stderr.write(`${refreshPart.notes.join('\n')}\n`);
    const searchPart = await runWiseSearch(server, dataDir);
    process.stderr.write(`${searchPart.notes.join('\n')}\n`);
    return { rows: [...searchPart.rows, ...refreshPart.rows], notes: [...searchPart.notes, ...refreshPart.notes] };
  } finally {
    await server.stop();
    await fsp.rm(dataDir, { recursive: true, force: true });
  }
}
