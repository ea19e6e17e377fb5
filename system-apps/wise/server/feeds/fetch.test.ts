// fetchUrl against a loopback server: redirects (permanent, temporary, loops, too many), conditional GET, limits, errors and the SSRF guard.
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, parseRetryAfter } from './fetch';
import { startServer, serve, type TestServer } from './test-server';
import { FeedError } from './types';

let srv: TestServer;
const allow = { allowPrivateNetwork: true } as const;
const big = 'x'.repeat(300_000);

beforeAll(async () => {
  srv = await startServer({
    '/feed': serve('<rss/>', 'application/rss+xml', { etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' }),
    '/moved': (_req, res) => res.writeHead(301, { location: '/feed' }).end(),
    '/moved-again': (_req, res) => res.writeHead(308, { location: '/moved' }).end(),
    '/temp-then-moved': (_req, res) => res.writeHead(302, { location: '/moved' }).end(),
    '/moved-then-temp': (_req, res) => res.writeHead(301, { location: '/temp' }).end(),
    '/temp': (_req, res) => res.writeHead(307, { location: '/feed' }).end(),
    '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_req, res) => res.writeHead(302, { location: '/loop-a' }).end(),
    '/chain': (req, res) => {
      const n = Number(new URL(req.url!, 'http://x').searchParams.get('n') ?? 0);
      res.writeHead(302, { location: n > 0 ? `/chain?n=${n - 1}` : '/feed' }).end();
    },
    '/no-location': (_req, res) => res.writeHead(302).end(),
    '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/to-private': (_req, res) => res.writeHead(302, { location: 'http://10.0.0.1/feed' }).end(),
    '/conditional': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Wed, 01 Jan 2025 00:00:00 GMT') return res.writeHead(304).end();
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT', 'content-type': 'application/atom+xml' }).end('<feed/>');
    },
    '/gzip': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/xml' }).end(gzipSync('<rss>gzipped</rss>')),
    '/br': (_req, res) => res.writeHead(200, { 'content-encoding': 'br', 'content-type': 'text/xml' }).end(brotliCompressSync('<rss>brotli</rss>')),
    '/big': serve(big, 'text/xml'),
    '/big-chunked': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      for (let i = 0; i < 30; i++) res.write('y'.repeat(10_000));
      res.end();
    },
    '/bomb': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/xml' }).end(gzipSync(Buffer.alloc(5_000_000, 0x20))),
    '/slow': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.write('<rss>');
      // Never finishes: the client's timeout ends it.
    },
    '/hang': () => undefined,
    '/gone': (_req, res) => res.writeHead(410, 'Gone').end(),
    '/busy': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end(),
    '/down': (_req, res) => res.writeHead(503, { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' }).end(),
    '/headers': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.headers)),
  });
});
afterAll(() => srv.close());

const kindOf = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(FeedError);
  return err as FeedError;
};

describe('fetchUrl', () => {
  it('returns the body, type and validators', async () => {
    const r = await fetchUrl(`${srv.base}/feed`, allow);
    expect(r).toMatchObject({ status: 'ok', finalUrl: `${srv.base}/feed`, permanentUrl: null, contentType: 'application/rss+xml', etag: '"v1"', lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' });
    if (r.status === 'ok') expect(Buffer.from(r.body).toString()).toBe('<rss/>');
  });

  it('sends a user agent and Accept that prefer feeds', async () => {
    const r = await fetchUrl(`${srv.base}/headers`, { ...allow, userAgent: 'Test/1' });
    const headers = JSON.parse(Buffer.from((r as { body: Uint8Array }).body).toString()) as Record<string, string>;
    expect(headers['user-agent']).toBe('Test/1');
    expect(headers.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
  });

  it('reports where permanent redirects lead, and only while every hop from the start is permanent', async () => {
    expect(await fetchUrl(`${srv.base}/moved`, allow)).toMatchObject({ status: 'ok', finalUrl: `${srv.base}/feed`, permanentUrl: `${srv.base}/feed` });
    expect(await fetchUrl(`${srv.base}/moved-again`, allow)).toMatchObject({ finalUrl: `${srv.base}/feed`, permanentUrl: `${srv.base}/feed` });
    expect(await fetchUrl(`${srv.base}/moved-then-temp`, allow)).toMatchObject({ finalUrl: `${srv.base}/feed`, permanentUrl: `${srv.base}/temp` });
    expect(await fetchUrl(`${srv.base}/temp-then-moved`, allow)).toMatchObject({ finalUrl: `${srv.base}/feed`, permanentUrl: null });
    expect(await fetchUrl(`${srv.base}/temp`, allow)).toMatchObject({ finalUrl: `${srv.base}/feed`, permanentUrl: null });
  });

  it('stops redirect loops and long chains', async () => {
    const loop = await kindOf(fetchUrl(`${srv.base}/loop-a`, allow));
    expect(loop.kind).toBe('tooManyRedirects');
    expect(loop.message).toMatch(/loop/);
    expect(await fetchUrl(`${srv.base}/chain?n=2`, { ...allow, maxRedirects: 5 })).toMatchObject({ status: 'ok' });
    expect((await kindOf(fetchUrl(`${srv.base}/chain?n=5`, { ...allow, maxRedirects: 3 }))).kind).toBe('tooManyRedirects');
    expect((await kindOf(fetchUrl(`${srv.base}/no-location`, allow))).kind).toBe('http');
  });

  it('re-checks every hop: other schemes and private targets are refused', async () => {
    expect((await kindOf(fetchUrl(`${srv.base}/to-file`, allow))).kind).toBe('blocked');
    // Private networks allowed for the start (loopback) but the hop to 10.0.0.1 is refused when they are not.
    expect((await kindOf(fetchUrl(`${srv.base}/to-private`, { allowPrivateNetwork: false }))).kind).toBe('blocked');
  });

  it('refuses private addresses, by literal and by name, unless allowed', async () => {
    const literal = await kindOf(fetchUrl(`${srv.base}/feed`));
    expect(literal.kind).toBe('blocked');
    expect(literal.message).toMatch(/private network/);
    expect((await kindOf(fetchUrl(srv.base.replace('127.0.0.1', 'localhost') + '/feed'))).kind).toBe('blocked');
    expect((await kindOf(fetchUrl('http://[::1]:9/feed'))).kind).toBe('blocked');
    expect((await kindOf(fetchUrl('ftp://example.com/feed'))).kind).toBe('blocked');
    expect((await kindOf(fetchUrl('not a url'))).kind).toBe('blocked');
  });

  it('sends validators and reports 304 as notModified', async () => {
    const first = await fetchUrl(`${srv.base}/conditional`, allow);
    expect(first).toMatchObject({ status: 'ok', etag: '"v1"' });
    expect(await fetchUrl(`${srv.base}/conditional`, { ...allow, etag: '"v1"' })).toEqual({ status: 'notModified', finalUrl: `${srv.base}/conditional`, permanentUrl: null });
    expect(await fetchUrl(`${srv.base}/conditional`, { ...allow, lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' })).toMatchObject({ status: 'notModified' });
    expect(await fetchUrl(`${srv.base}/conditional`, { ...allow, etag: '"v0"' })).toMatchObject({ status: 'ok' });
    const sent = srv.requests.filter((r) => r.path === '/conditional').map((r) => r.headers['if-none-match'] ?? null);
    expect(sent).toEqual([null, '"v1"', null, '"v0"']);
  });

  it('decodes gzip and brotli', async () => {
    const gz = await fetchUrl(`${srv.base}/gzip`, allow);
    expect(Buffer.from((gz as { body: Uint8Array }).body).toString()).toBe('<rss>gzipped</rss>');
    const br = await fetchUrl(`${srv.base}/br`, allow);
    expect(Buffer.from((br as { body: Uint8Array }).body).toString()).toBe('<rss>brotli</rss>');
  });

  it('refuses bodies over the size limit: declared, streamed or decompressed', async () => {
    expect((await kindOf(fetchUrl(`${srv.base}/big`, { ...allow, maxBytes: 100_000 }))).kind).toBe('tooLarge');
    expect((await kindOf(fetchUrl(`${srv.base}/big-chunked`, { ...allow, maxBytes: 100_000 }))).kind).toBe('tooLarge');
    expect((await kindOf(fetchUrl(`${srv.base}/bomb`, { ...allow, maxBytes: 1_000_000 }))).kind).toBe('tooLarge');
    expect(await fetchUrl(`${srv.base}/big`, { ...allow, maxBytes: 300_000 })).toMatchObject({ status: 'ok' });
  });

  it('times out a server that stalls before or during the body', async () => {
    expect((await kindOf(fetchUrl(`${srv.base}/slow`, { ...allow, timeoutMs: 300 }))).kind).toBe('timeout');
    expect((await kindOf(fetchUrl(`${srv.base}/hang`, { ...allow, timeoutMs: 300 }))).kind).toBe('timeout');
  });

  it('passes the caller\'s abort through as the abort', async () => {
    const controller = new AbortController();
    const p = fetchUrl(`${srv.base}/hang`, { ...allow, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await expect(p).rejects.toThrow('shutting down');
  });

  it('reports statuses, with Retry-After for 429 and 503', async () => {
    const gone = await kindOf(fetchUrl(`${srv.base}/gone`, allow));
    expect(gone).toMatchObject({ kind: 'http', status: 410, retryAfterMs: undefined });
    expect(gone.message).toBe('The server answered 410 (Gone).');
    expect(await kindOf(fetchUrl(`${srv.base}/busy`, allow))).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 120_000 });
    const down = await kindOf(fetchUrl(`${srv.base}/down`, allow));
    expect(down).toMatchObject({ kind: 'http', status: 503 });
    expect(down.retryAfterMs).toBeGreaterThan(0);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startServer({});
    await closed.close();
    expect(await kindOf(fetchUrl(`${closed.base}/feed`, allow))).toMatchObject({ kind: 'network', message: 'The server refused the connection.' });
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('30')).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
