// Why this exists: the Dashboard part of `npm run bench` — its queries through the BFF (tRPC over HTTP with a session) beside the same PromQL sent straight to Prometheus, in one run, warm (the shared result cache) and cold (cache off).
import type { AddressInfo } from 'node:net';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { buildApp } from '../bff/app';
import { UsersService } from '../bff/auth/users.service';
import { loadConfig } from '../bff/config';
import { allMigrationSources } from '../bff/db/database';
import { migrate } from '../bff/db/migrate';
import { createPool } from '../bff/db/pool';
import { CSRF_HEADER } from '../bff/http/security';
import { createLogger } from '../bff/log/logger';
import { overviewQueries, panelQueries, podPhases, rangeSpec } from '../bff/adapters/prometheus/queries';
import { startPrometheus } from '../bff/adapters/prometheus/testing/prometheus-server';
import { createDatabase, startPostgres } from '../e2e/support/server';
import { atMost, median, type BenchPart } from './row';

const ORIGIN = 'http://localhost:3000';
const USER = { name: 'bench-dash', password: 'correct horse battery staple' };
const WARMUP = 10;
const ROUNDS = 60;
const TARGET = 1.3;

/** The browser's side and Prometheus's side both get a warm keep-alive connection pool. */
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 16 });

async function get(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await request(url, { headers, dispatcher: agent });
  const body = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`${url.slice(0, 80)} answered ${res.statusCode}: ${body.slice(0, 200)}`);
  return body;
}

/** Median ms of `f` over ROUNDS, alternating with its pair so both see the same machine load. */
async function pair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < WARMUP; i++) await Promise.all([a(), b()].map((p) => p.catch((e: unknown) => Promise.reject(e))));
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (const [f, out] of (i % 2 ? [[a, ta], [b, tb]] : [[b, tb], [a, ta]]) as Array<[() => Promise<unknown>, number[]]>) {
      const t0 = performance.now();
      await f();
      out.push(performance.now() - t0);
    }
  }
  return [median(ta), median(tb)];
}

export async function runDashboard(): Promise<BenchPart> {
  const pgServer = await startPostgres();
  // A Prometheus with a day of history for a node of 8 CPUs (besides this machine's live node exporter), as a
  // Prometheus that has run for a while holds: range queries then scan real samples, not seconds of them.
  const prom = await startPrometheus({ synthetic: { nodeCpus: 8 } });
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'olares-bench-dashboard-'));
  const db = await createDatabase(pgServer);
  const log = createLogger('warn');
  const pool = createPool(db.url, log);
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let coldApp: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    await migrate(pool, allMigrationSources(), log);
    await new UsersService(pool).create({ ...USER, displayName: USER.name, role: 'member' }, null);
    const config = loadConfig({
      PUBLIC_ORIGIN: ORIGIN, STATIC_DIR: '/nonexistent-olares-static', DATA_DIR: dataDir, WISE_REFRESH: 'false', FILES_WATCH: 'false', LOG_LEVEL: 'warn',
      PROMETHEUS_URL: prom.url, GPU_SOURCE: 'none',
    });
    app = await buildApp({ config, pool, log });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const bff = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // A second replica with the Dashboard's result cache off: every request asks Prometheus (the cold path, and a first viewer's).
    coldApp = await buildApp({ config: { ...config, dataDir: path.join(dataDir, 'cold'), metrics: { ...config.metrics, cache: false } }, pool, log });
    await coldApp.listen({ port: 0, host: '127.0.0.1' });
    const cold = `http://127.0.0.1:${(coldApp.server.address() as AddressInfo).port}`;
    const login = await app.inject({ method: 'POST', url: '/trpc/auth.login', headers: { origin: ORIGIN, [CSRF_HEADER]: '1', 'content-type': 'application/json' }, payload: JSON.stringify(USER) });
    const session = login.cookies.find((c) => c.name === 'olares_session');
    if (login.statusCode !== 200 || !session) throw new Error(`signing in answered ${login.statusCode}`);
    const cookie = `olares_session=${session.value}`;

    const trpcAt = (base: string) => (p: string, input?: unknown) => () => get(`${base}/trpc/${p}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { cookie });
    const trpc = trpcAt(bff);
    const trpcCold = trpcAt(cold);
    const instant = (q: string) => get(`${prom.url}/api/v1/query?query=${encodeURIComponent(q)}`);
    const range = (q: string, seconds: number, step: number) => {
      const end = Math.floor(Date.now() / 1000);
      return get(`${prom.url}/api/v1/query_range?query=${encodeURIComponent(q)}&start=${end - seconds}&end=${end}&step=${step}`);
    };
    // Straight: the same PromQL the BFF sends, sent the same way (at once), as a client of Prometheus would.
    const overviewStraight = () => Promise.all([...Object.values(overviewQueries), podPhases].map(instant));
    const day = rangeSpec('24h');
    const cpuStraight = () => Promise.all(Object.values(panelQueries('cpu', '24h')).map((q) => range(q, day.seconds, day.stepSeconds)));
    const netStraight = () => Promise.all(Object.values(panelQueries('network', '24h')).map((q) => range(q, day.seconds, day.stepSeconds)));

    process.stderr.write('dashboard: overview, cpu 24 h and network 24 h through the BFF vs straight to Prometheus…\n');
    const [ovBff, ovProm] = await pair(trpc('dashboard.overview'), overviewStraight);
    const [cpuBff, cpuProm] = await pair(trpc('dashboard.panel', { panel: 'cpu', range: '24h' }), cpuStraight);
    const [netBff, netProm] = await pair(trpc('dashboard.panel', { panel: 'network', range: '24h' }), netStraight);
    // What any signed-in procedure costs here (session lookup in PostgreSQL, tRPC, HTTP): the floor under the ratios.
    const [me] = await pair(trpc('auth.me'), async () => undefined);
    process.stderr.write('dashboard: the same, cold (a replica with the result cache off)…\n');
    const [ovCold, ovProm2] = await pair(trpcCold('dashboard.overview'), overviewStraight);
    const [cpuCold, cpuProm2] = await pair(trpcCold('dashboard.panel', { panel: 'cpu', range: '24h' }), cpuStraight);
    const [netCold, netProm2] = await pair(trpcCold('dashboard.panel', { panel: 'network', range: '24h' }), netStraight);
    // Bytes of each answer: node exporter's series here have only seconds of history, so Prometheus's 24 h answers are
    // nearly empty while the BFF's Panel lays every series on the full grid (nulls where there is no data).
    const bytes = async (f: () => Promise<unknown>) => {
      const got = await f();
      return (Array.isArray(got) ? got : [got]).reduce((a: number, b) => a + String(b).length, 0);
    };
    const [cpuBytes, cpuStraightBytes] = [await bytes(trpc('dashboard.panel', { panel: 'cpu', range: '24h' })), await bytes(cpuStraight)];
    const ms = (x: number) => `${x.toFixed(2)} ms`;
    const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    return {
      rows: [
        atMost('dashboard-overview-bff-vs-prometheus', ovBff / ovProm, TARGET),
        atMost('dashboard-panel-cpu-24h-bff-vs-prometheus', cpuBff / cpuProm, TARGET),
        atMost('dashboard-panel-network-24h-bff-vs-prometheus', netBff / netProm, TARGET),
      ],
      notes: [
        'dashboard: Prometheus holds 26 h of backfilled history (60 s resolution) for a synthetic 8-CPU node, cAdvisor, kube-state-metrics and DCGM series, beside the live node exporter of this machine',
        `dashboard: the rows are WARM — answers from the BFF's step-aligned result cache, as every viewer after the first within a step (2 s overview, 300 s for 24 h) gets them`,
        `dashboard: overview (8 instant queries at once) ${ms(ovBff)} through the BFF, ${ms(ovProm)} straight (${x(ovBff, ovProm)}); medians of ${ROUNDS}`,
        `dashboard: cpu panel 24 h (1 range query, 289 steps) ${ms(cpuBff)} through the BFF, ${ms(cpuProm)} straight (${x(cpuBff, cpuProm)})`,
        `dashboard: network panel 24 h (2 range queries) ${ms(netBff)} through the BFF, ${ms(netProm)} straight (${x(netBff, netProm)})`,
        `dashboard: COLD (cache off, every request asks Prometheus — a first viewer's cost): overview ${ms(ovCold)} vs ${ms(ovProm2)} straight (${x(ovCold, ovProm2)})`,
        `dashboard: COLD cpu panel 24 h ${ms(cpuCold)} vs ${ms(cpuProm2)} straight (${x(cpuCold, cpuProm2)}); network panel 24 h ${ms(netCold)} vs ${ms(netProm2)} straight (${x(netCold, netProm2)})`,
        `dashboard: cpu panel 24 h answer ${cpuBytes} bytes through the BFF (4 series × 289 grid points, shaped for the chart), ${cpuStraightBytes} bytes straight`,
        `dashboard: auth.me (no Prometheus at all) ${ms(me)} through the BFF — the fixed cost of a signed-in procedure on this machine`,
      ],
    };
  } finally {
    await app?.close();
    await coldApp?.close();
    await pool.end();
    await db.drop();
    await prom.stop();
    await pgServer.stop();
    await agent.close();
    await fsp.rm(dataDir, { recursive: true, force: true });
  }
}
