// The request public/early.js starts is exactly the desktop's first tRPC batch, and is handed over once.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { wallpaperUrl } from '../desktop/wallpaper';
import type { Wallpaper } from '../desktop/layout.store';
import { takeEarlyResponse } from './early';
import { createTrpc } from './trpc';

const earlyScript = fs.readFileSync(path.resolve(__dirname, '../../public/early.js'), 'utf8');
const earlyUrl = /var url = '([^']+)'/.exec(earlyScript)![1]!;
type W = { __olaresEarly?: unknown };

afterEach(() => delete (globalThis as unknown as W).__olaresEarly);

describe('the early request', () => {
  it('is the batch the desktop route asks for first: the layout, then the sign-in status', async () => {
    const urls: string[] = [];
    const trpc = createTrpc(async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify([{ result: { data: null } }, { result: { data: null } }]), { headers: { 'content-type': 'application/json' } });
    });
    // The order of the router guard (frontend/router.ts): layout prefetch, then the status.
    await Promise.all([trpc.desktop.layout.get.query(), trpc.auth.status.query()]);
    expect(urls).toEqual([earlyUrl]);
  });

  it('is taken once, only for its URL, only while fresh', () => {
    const response = Promise.resolve(new Response('[]'));
    (globalThis as unknown as W).__olaresEarly = { url: earlyUrl, response, at: 1000 };
    expect(takeEarlyResponse('/trpc/other?batch=1&input=%7B%7D', 1001)).toBeNull();
    expect(takeEarlyResponse(earlyUrl, 1001)).toBeNull(); // the first request decided
    (globalThis as unknown as W).__olaresEarly = { url: earlyUrl, response, at: 1000 };
    expect(takeEarlyResponse(earlyUrl, 20_000)).toBeNull();
    (globalThis as unknown as W).__olaresEarly = { url: earlyUrl, response, at: 1000 };
    expect(takeEarlyResponse(earlyUrl, 1500)).toBe(response);
    expect(takeEarlyResponse(earlyUrl, 1500)).toBeNull();
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
