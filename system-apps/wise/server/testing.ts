// Test helpers for Wise: a loopback HTTP server for feeds, pages and images (counting requests at once), the shared fixtures, and an app with two signed-in users.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { createUser, data, error, mutate, query, signIn, startTestApp, type TestApp } from '../../../bff/testing/app';
import type { TestServer } from '../../../bff/testing/databases';

export interface Route {
  status?: number;
  type?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Answer 304 to a request carrying this ETag. */
  etag?: string;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface FeedServer {
  origin: string;
  url(p: string): string;
  routes: Map<string, Route>;
  /** Requests seen per path (query included), and the conditional ones. */
  hits: Map<string, number>;
  conditional: string[];
  /** The most requests in flight at once since the last reset. */
  peak(): number;
  resetPeak(): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const conditional: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const server = http.createServer((req, res) => {
    const p = req.url ?? '/';
    hits.set(p, (hits.get(p) ?? 0) + 1);
    inFlight++;
    peak = Math.max(peak, inFlight);
    res.on('close', () => inFlight--);
    const route = routes.get(p);
    const answer = () => {
      if (!route) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      if (req.headers['if-none-match'] || req.headers['if-modified-since']) conditional.push(p);
      if (route.etag && req.headers['if-none-match'] === route.etag) return res.writeHead(304, { etag: route.etag }).end();
      res.writeHead(route.status ?? 200, { 'content-type': route.type ?? 'application/rss+xml; charset=utf-8', ...(route.etag ? { etag: route.etag } : {}), ...route.headers });
      res.end(route.body ?? '');
    };
    if (route?.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (p) => `${origin}${p}`,
    routes,
    hits,
    conditional,
    peak: () => peak,
    resetPeak: () => void (peak = inFlight),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export * from './test-files';

/** One of the real feeds in ../shared/fixtures/feeds (read from the repo's sibling folder, never copied). */
export const fixture = (name: string) => fs.readFile(path.resolve(process.cwd(), '..', 'shared', 'fixtures', 'feeds', name));

export interface WiseTestApp {
  t: TestApp;
  dataDir: string;
  /** Session cookies of two members. */
  alice: string;
  bob: string;
  ids: { alice: string; bob: string };
  /** A procedure's data as `who`, or throws with the answer. */
  call<T = unknown>(who: string, kind: 'query' | 'mutate', p: string, input?: unknown): Promise<T>;
  /** The error reason of a call expected to fail. */
  refused(who: string, kind: 'query' | 'mutate', p: string, input?: unknown): Promise<{ status: number; reason: string | undefined }>;
  close(): Promise<void>;
}

export async function startWise(server: TestServer, env: Record<string, string> = {}): Promise<WiseTestApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-wise-'));
  const t = await startTestApp(server, { WISE_ALLOW_PRIVATE_NETWORK: '1', WISE_REFRESH: '0', DATA_DIR: dataDir, FILES_WATCH: 'false', ...env });
  await createUser(t, 'alice', 'correct horse battery', 'member');
  await createUser(t, 'bob', 'correct horse battery', 'member');
  const alice = await signIn(t.app, 'alice', 'correct horse battery');
  const bob = await signIn(t.app, 'bob', 'correct horse battery');
  const users = await t.app.services.users.list();
  const idOf = (name: string) => users.find((u) => u.name === name)!.id;
  const send = (who: string, kind: 'query' | 'mutate', p: string, input?: unknown): Promise<LightMyRequestResponse> =>
    kind === 'query' ? query(t.app, `wise.${p}`, input, who) : mutate(t.app, `wise.${p}`, input, who);
  return {
    t,
    dataDir,
    alice,
    bob,
    ids: { alice: idOf('alice'), bob: idOf('bob') },
    async call<T>(who: string, kind: 'query' | 'mutate', p: string, input?: unknown) {
      const res = await send(who, kind, p, input);
      if (res.statusCode !== 200) throw new Error(`wise.${p} answered ${res.statusCode}: ${res.body}`);
      return data<T>(res);
    },
    async refused(who, kind, p, input) {
      const res = await send(who, kind, p, input);
      if (res.statusCode === 200) throw new Error(`wise.${p} was not refused`);
      return { status: res.statusCode, reason: error(res).data.reason };
    },
    async close() {
      await t.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
