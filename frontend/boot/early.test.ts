// The request public/early.js starts holds the desktop's first queries, and each is answered from it once.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wallpaperUrl } from '../desktop/wallpaper';
import type { Wallpaper } from '../desktop/layout.store';
import { NOTIFICATION_LIST_INPUT } from '../notifications/list';
import { batchProcedures, resetEarly, takeEarly } from './early';
import { createTrpc } from './trpc';

const earlyScript = fs.readFileSync(path.resolve(__dirname, '../../public/early.js'), 'utf8');
const earlyUrl = /var url = '([^']+)'/.exec(earlyScript)![1]!;
type W = { __olaresEarly?: unknown };
const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

beforeEach(() => resetEarly());
afterEach(() => delete (globalThis as unknown as W).__olaresEarly);

/** A tRPC client whose network is a list of the URLs asked for, each answered with `answer`. */
function client(answer: (url: string) => unknown = () => []) {
  const urls: string[] = [];
  const trpc = createTrpc(async (input) => {
    urls.push(String(input));
    return json(answer(String(input)));
  });
  return { trpc, urls };
}

const layoutData = { layout: { wallpaper: { kind: 'builtin', id: 'dusk' } }, version: 3 };
const early = (answer: Promise<Response>, at = Date.now()) => ((globalThis as unknown as W).__olaresEarly = { url: earlyUrl, response: answer, at });

describe('the early request', () => {
  it('is the batch of the layout, the sign-in status and the notification centre\'s list, with the centre\'s input', () => {
    expect(batchProcedures(earlyUrl)).toEqual([
      { path: 'desktop.layout.get', input: undefined },
      { path: 'auth.status', input: undefined },
      { path: 'notifications.list', input: NOTIFICATION_LIST_INPUT },
    ]);
    // What the tRPC client itself would send for the same three queries.
    expect(earlyUrl).toBe(`/trpc/desktop.layout.get,auth.status,notifications.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 2: NOTIFICATION_LIST_INPUT }))}`);
  });

  it('answers each of its queries once, without the network; later ones and others ask the server', async () => {
    early(Promise.resolve(json([{ result: { data: layoutData } }, { result: { data: { user: { name: 'ada' } } } }, { result: { data: { items: [], unread: 2 } } }])));
    const { trpc, urls } = client((url) => (url.includes('auth.status') ? [{ result: { data: { user: null } } }] : [{ result: { data: 'network' } }]));
    // The router guard's order: the layout, then the status; the centre's list once the desktop renders.
    const [layout, status] = await Promise.all([trpc.desktop.layout.get.query(), trpc.auth.status.query()]);
    expect(layout).toEqual(layoutData);
    expect(status).toEqual({ user: { name: 'ada' } });
    expect(await trpc.notifications.list.query(NOTIFICATION_LIST_INPUT)).toEqual({ items: [], unread: 2 });
    expect(urls).toEqual([]);
    expect(await trpc.auth.status.query()).toEqual({ user: null }); // taken already: asked again
    expect(urls).toEqual(['/trpc/auth.status?batch=1&input=%7B%7D']);
  });

  it('only answers a query with the same input', async () => {
    early(Promise.resolve(json([{ result: { data: layoutData } }, { result: { data: {} } }, { result: { data: { items: [], unread: 0 } } }])));
    const { trpc, urls } = client(() => [{ result: { data: { items: [], unread: 7 } } }]);
    expect(await trpc.notifications.list.query({ limit: 10 })).toEqual({ items: [], unread: 7 });
    expect(urls).toHaveLength(1);
  });

  it('asks again where the server answered an error (signing in changes it) and after any mutation', async () => {
    const refused = { error: { message: 'Sign in first', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } } };
    early(Promise.resolve(json([refused, { result: { data: { user: null } } }, refused])));
    const { trpc, urls } = client((url) => (url.includes('auth.login') ? [{ result: { data: { status: 'ok' } } }] : [{ result: { data: { items: [], unread: 1 } } }]));
    expect(await trpc.auth.status.query()).toEqual({ user: null });
    expect(urls).toEqual([]);
    await expect(trpc.desktop.layout.get.query()).resolves.toEqual({ items: [], unread: 1 });
    expect(urls).toEqual(['/trpc/desktop.layout.get?batch=1&input=%7B%7D']);
    // Signed in since: the list the page started with (refused, or another user's) is not used.
    await trpc.auth.login.mutate({ name: 'ada', password: 'x' });
    expect(await trpc.notifications.list.query(NOTIFICATION_LIST_INPUT)).toEqual({ items: [], unread: 1 });
    expect(urls.at(-1)).toMatch(/^\/trpc\/notifications\.list\?/);
  });

  it('drops what was not taken once the page changes something', async () => {
    early(Promise.resolve(json([{ result: { data: layoutData } }, { result: { data: { user: { name: 'ada' } } } }, { result: { data: { items: [], unread: 2 } } }])));
    const { trpc, urls } = client((url) => (url.includes('markRead') ? [{ result: { data: null } }] : [{ result: { data: { items: [], unread: 0 } } }]));
    expect(await trpc.desktop.layout.get.query()).toEqual(layoutData);
    await trpc.notifications.markRead.mutate({ all: true });
    expect(await trpc.notifications.list.query(NOTIFICATION_LIST_INPUT)).toEqual({ items: [], unread: 0 });
    expect(urls).toHaveLength(2);
  });

  it('asks the server when the early answer failed or is not a batch', async () => {
    for (const answer of [Promise.reject(new TypeError('Failed to fetch')), Promise.resolve(new Response('<html>bad gateway</html>', { status: 502 })), Promise.resolve(json({ not: 'a batch' }))]) {
      resetEarly();
      answer.catch(() => undefined);
      early(answer);
      const { trpc, urls } = client(() => [{ result: { data: { user: null } } }]);
      expect(await trpc.auth.status.query()).toEqual({ user: null });
      expect(urls).toEqual(['/trpc/auth.status?batch=1&input=%7B%7D']);
    }
  });

  it('is not used once it is ten seconds old, nor when early.js left nothing or an odd URL', () => {
    const answer = Promise.resolve(json([]));
    early(answer, 1000);
    expect(takeEarly('auth.status', undefined, 11_000)).toBeNull();
    expect(takeEarly('auth.status', undefined, 1001)).toBeNull(); // gone for good once stale
    resetEarly();
    expect(takeEarly('auth.status', undefined)).toBeNull();
    resetEarly();
    (globalThis as unknown as W).__olaresEarly = { url: '/somewhere/else', response: answer, at: Date.now() };
    expect(takeEarly('auth.status', undefined)).toBeNull();
    expect(batchProcedures('/trpc/a,b?batch=1&input=%7Bnot-json')).toBeNull();
  });
});

/** Runs public/early.js as the page would, with the layout answer given; the addresses of the images it started. */
async function earlyImages(answer: Response, pathname = '/'): Promise<string[]> {
  const images: string[] = [];
  const context = {
    location: { pathname },
    fetch: async () => answer,
    Image: class {
      set src(value: string) {
        images.push(value);
      }
    },
    localStorage: { getItem: () => null },
    Intl,
    Date,
    window: {} as Record<string, unknown>,
  };
  context.window = context as unknown as Record<string, unknown>;
  vm.runInNewContext(earlyScript, context);
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  return images;
}
const layoutAnswer = (wallpaper: unknown, status = 200) =>
  new Response(JSON.stringify([{ result: { data: { layout: { wallpaper }, version: 3 } } }, { result: { data: { user: null } } }]), { status, headers: { 'content-type': 'application/json' } });

describe('the early wallpaper', () => {
  it('is the one the desktop shows, built in or uploaded', async () => {
    const builtin: Wallpaper = { kind: 'builtin', id: 'dusk' };
    const upload: Wallpaper = { kind: 'upload', id: '0b6f2b1e-54c4-4c0e-9d2f-1f1f7a1f4e11' };
    expect(await earlyImages(layoutAnswer(builtin))).toEqual([wallpaperUrl(builtin)]);
    expect(await earlyImages(layoutAnswer(upload))).toEqual([wallpaperUrl(upload)]);
  });

  it('is not fetched for a failed answer, an odd id or a page other than the desktop', async () => {
    expect(await earlyImages(layoutAnswer({ kind: 'builtin', id: 'aurora' }, 401))).toEqual([]);
    expect(await earlyImages(layoutAnswer({ kind: 'builtin', id: '../../etc' }))).toEqual([]);
    expect(await earlyImages(new Response('not json'))).toEqual([]);
    expect(await earlyImages(layoutAnswer({ kind: 'builtin', id: 'aurora' }), '/login')).toEqual([]);
  });
});
