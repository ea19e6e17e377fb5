// The request public/early.js starts is exactly the desktop's first tRPC batch, and is handed over once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
