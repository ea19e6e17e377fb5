// The HTTP surface: CSRF, security headers, body limits, unknown routes, request ids and the SPA fallback.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../testing/databases';
import { ORIGIN, startTestApp, type TestApp } from '../testing/app';
import { EARLY_REQUEST_URL } from './early-request';

const [server] = testServers();
/** The built page's inline start-up script (vite.config.ts inlines public/early.js). */
const INLINE = 'window.early = 1;';

describe('HTTP surface', () => {
  let t: TestApp;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-static-'));
    await fs.mkdir(path.join(staticDir, 'assets'));
    await fs.writeFile(
      path.join(staticDir, 'index.html'),
      `<!doctype html><title>Olares Desktop</title><script>${INLINE}</script><script type="module" crossorigin src="/assets/app-1234.js"></script><link rel="stylesheet" crossorigin href="/assets/app-1234.css"><link rel="manifest" href="/manifest.webmanifest">`,
    );
    await fs.writeFile(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
    t = await startTestApp(server!, { STATIC_DIR: staticDir, BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(async () => {
    await t.close();
    await fs.rm(staticDir, { recursive: true, force: true });
  });

  const post = (headers: Record<string, string>, payload = '{"name":"a","password":"b"}') =>
    t.app.inject({ method: 'POST', url: '/trpc/auth.login', headers: { 'content-type': 'application/json', ...headers }, payload });

  describe('CSRF', () => {
    it('refuses a mutation without an Origin', async () => {
      const res = await post({ 'x-olares-request': '1' });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/Origin header is missing or not this desktop/);
    });
    it('refuses a mutation from another origin', async () => {
      expect((await post({ origin: 'https://evil.example', 'x-olares-request': '1' })).statusCode).toBe(403);
    });
    it('refuses a mutation without the request header a form cannot send', async () => {
      const res = await post({ origin: ORIGIN });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/x-olares-request/);
    });
    it('accepts the same origin by Host even behind another public name', async () => {
      const res = await post({ origin: 'http://desktop.local:8080', host: 'desktop.local:8080', 'x-olares-request': '1' });
      expect(res.statusCode).toBe(401); // reached the procedure: wrong credentials
    });
  });

  it('sends security headers with a real Content-Security-Policy', async () => {
    const res = await t.app.inject('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    // The page's own inline script by its hash, and no inline script else.
    expect(csp).toContain(`'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`);
    expect(/script-src [^;]*unsafe-inline/.test(csp)).toBe(false);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined(); // plain http on localhost
  });

  it('refuses an oversized body with 413 and a clear message, and keeps serving', async () => {
    const res = await post({ origin: ORIGIN, 'x-olares-request': '1' }, JSON.stringify({ name: 'a', password: 'x'.repeat(5000) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/too large/i);
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  });

  it('answers malformed JSON with 400 and no internals', async () => {
    const res = await post({ origin: ORIGIN, 'x-olares-request': '1' }, '{"name":');
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/node_modules|at .*\.ts:\d+/);
  });

  it('answers unknown API routes with a JSON 404 and unknown procedures with a tRPC 404', async () => {
    const api = await t.app.inject('/api/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ statusCode: 404, message: 'No route for GET /api/nothing' });
    const proc = await t.app.inject('/trpc/nothing.here');
    expect(proc.statusCode).toBe(404);
    expect(proc.json().error.data.code).toBe('NOT_FOUND');
  });

  it('serves the SPA: pages fall back to index.html, hashed assets are cached for good', async () => {
    const page = await t.app.inject('/some/desktop/route');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Olares Desktop</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    // Every page preloads its scripts and styles with its headers; the desktop's own also its first request,
    // exactly the one public/early.js makes.
    const assets = '</assets/app-1234.js>; rel=modulepreload; crossorigin, </assets/app-1234.css>; rel=preload; as=style; crossorigin';
    expect(page.headers.link).toBe(assets);
    const desktop = await t.app.inject('/');
    expect(desktop.headers.link).toBe(`${assets}, <${EARLY_REQUEST_URL}>; rel=preload; as=fetch; crossorigin`);
    const earlyScript = await fs.readFile(path.resolve(__dirname, '../../public/early.js'), 'utf8');
    expect(/var url = '([^']+)'/.exec(earlyScript)?.[1]).toBe(EARLY_REQUEST_URL);
    const asset = await t.app.inject('/assets/app-1234.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await t.app.inject('/assets/missing.js')).statusCode).toBe(404);
  });

  it('gives every response a request id, keeping a sane one from the caller', async () => {
    const own = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(own.headers['x-request-id']).toBe('abc-123');
    const bad = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'no spaces <allowed>' } });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves GET batches of ten realistic procedure names (no 414)', async () => {
    const names = ['system.info', 'auth.status', 'auth.me', 'auth.sessions.list', 'security.overview', 'users.list', 'system.info', 'auth.status', 'auth.me', 'security.overview'];
    const res = await t.app.inject(`/trpc/${names.join(',')}?batch=1&input=${encodeURIComponent('{}')}`);
    expect(res.statusCode).toBe(207); // public ones answer, the rest need a session
    const items = res.json() as { result?: unknown; error?: { data: { code: string } } }[];
    expect(items).toHaveLength(10);
    expect(items[0]).toHaveProperty('result');
    expect(items[2]!.error!.data.code).toBe('UNAUTHORIZED');
  });
});
