// Wallpaper uploads end to end over HTTP on every test server: real images in, only to their owner out, everything else refused.
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, data, error, mutate, ORIGIN, query, signIn, startTestApp, type TestApp } from '../testing/app';
import { testServers } from '../testing/databases';
import type { WallpaperList } from './wallpapers.service';

/** A real PNG of one pixel of the given colour, made from its chunks. */
function tinyPng(rgb: [number, number, number]): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([len, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

describe.each(testServers())('wallpapers on the $name server', (server) => {
  let t: TestApp;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    t = await startTestApp(server);
    await createUser(t, 'alice', 'alice-password', 'member');
    await createUser(t, 'bob', 'bob-password', 'member');
    alice = await signIn(t.app, 'alice', 'alice-password');
    bob = await signIn(t.app, 'bob', 'bob-password');
  });
  afterAll(() => t.close());

  const upload = (cookie: string | undefined, bytes: Buffer, type = 'image/png', extra: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/wallpapers',
      headers: { origin: ORIGIN, 'x-olares-request': '1', 'content-type': type, ...(cookie ? { cookie } : {}), ...extra },
      payload: bytes,
    });
  const fetchImage = (id: string, cookie?: string) => t.app.inject({ method: 'GET', url: `/api/wallpapers/${id}`, headers: cookie ? { cookie } : {} });
  const list = async (cookie: string) => data<WallpaperList>(await query(t.app, 'desktop.wallpapers.list', undefined, cookie));

  it('lists the built-in wallpapers, the limits, and no uploads at first', async () => {
    const got = await list(alice);
    expect(got.builtin.map((w) => w.id)).toEqual(['aurora', 'dusk', 'forest', 'paper']);
    expect(got.builtin[0]).toEqual({ id: 'aurora', url: '/wallpapers/aurora.jpg', tone: 'dark' });
    expect(got.uploads).toEqual([]);
    expect(got.limits).toEqual({ maxBytes: 5 * 1024 * 1024, maxCount: 10, types: ['image/jpeg', 'image/png', 'image/webp'] });
  });

  it('stores a real PNG and serves it to its owner only, with private, immutable caching', async () => {
    const png = tinyPng([79, 124, 255]);
    const res = await upload(alice, png);
    expect(res.statusCode, res.body).toBe(201);
    const saved = res.json<{ id: string; url: string; size: number; createdAt: string }>();
    expect(saved).toEqual({ id: expect.any(String), url: `/api/wallpapers/${saved.id}`, size: png.length, createdAt: expect.any(String) });

    const own = await fetchImage(saved.id, alice);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.rawPayload.equals(png)).toBe(true);

    expect((await fetchImage(saved.id, bob)).statusCode).toBe(404);
    expect((await fetchImage(saved.id)).statusCode).toBe(401);
    expect((await fetchImage('not-a-uuid', alice)).statusCode).toBe(404);
    expect((await list(alice)).uploads).toEqual([saved]);
    expect((await list(bob)).uploads).toEqual([]);
  });

  it('refuses a type other than JPEG, PNG or WebP with 415', async () => {
    for (const type of ['image/gif', 'image/svg+xml', 'application/octet-stream', 'text/plain']) {
      const res = await upload(alice, Buffer.from('GIF89a....'), type);
      expect(res.statusCode, type).toBe(415);
      expect(res.json(), type).toEqual({ statusCode: 415, error: 'Unsupported Media Type', message: 'Upload a JPEG, PNG or WebP image.' });
    }
    const json = await t.app.inject({ method: 'POST', url: '/api/wallpapers', headers: { origin: ORIGIN, 'x-olares-request': '1', 'content-type': 'application/json', cookie: alice }, payload: '{}' });
    expect(json.statusCode).toBe(415);
  });

  it('refuses bytes that are not what the upload claims with 415', async () => {
    const svg = await upload(alice, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png');
    expect(svg.statusCode).toBe(415);
    expect(svg.json().message).toBe("The file's contents are not a PNG image.");
    const swapped = await upload(alice, JPEG, 'image/png');
    expect(swapped.statusCode).toBe(415);
    expect(swapped.json().message).toBe("The file's contents are not a PNG image (they look like JPEG).");
    expect((await upload(alice, Buffer.alloc(0), 'image/png')).statusCode).toBe(415);
    expect((await upload(alice, JPEG, 'image/jpeg')).statusCode).toBe(201);
  });

  it('refuses an image over 5 MB with 413, while larger than the app-wide body limit is fine below it', async () => {
    const big = Buffer.concat([tinyPng([0, 0, 0]), Buffer.alloc(5 * 1024 * 1024)]);
    const res = await upload(alice, big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'The image is larger than 5 MB; choose a smaller one.' });

    const fine = await upload(bob, Buffer.concat([tinyPng([0, 0, 0]), Buffer.alloc(2 * 1024 * 1024)]));
    expect(fine.statusCode, fine.body).toBe(201);
    expect((await mutate(t.app, 'desktop.wallpapers.remove', { id: fine.json<{ id: string }>().id }, bob)).statusCode).toBe(200);
  });

  it('refuses uploads from the signed-out and from other sites', async () => {
    const anonymous = await upload(undefined, tinyPng([1, 2, 3]));
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().message).toMatch(/Sign in/);
    expect((await upload(alice, tinyPng([1, 2, 3]), 'image/png', { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await upload(alice, tinyPng([1, 2, 3]), 'image/png', { 'x-olares-request': '0' })).statusCode).toBe(403);
  });

  it('keeps at most 10 uploads per user (409 past that) and removes only your own', async () => {
    const have = (await list(alice)).uploads.length;
    for (let i = have; i < 10; i++) expect((await upload(alice, tinyPng([i, i, i]))).statusCode).toBe(201);
    const full = await upload(alice, tinyPng([9, 9, 9]));
    expect(full.statusCode).toBe(409);
    expect(full.json()).toEqual({ statusCode: 409, error: 'Conflict', message: 'You already have 10 wallpapers; remove one before uploading another.' });
    expect((await upload(bob, tinyPng([9, 9, 9]))).statusCode).toBe(201);

    const [first] = (await list(alice)).uploads;
    const byBob = await mutate(t.app, 'desktop.wallpapers.remove', { id: first!.id }, bob);
    expect(byBob.statusCode).toBe(404);
    expect(error(byBob).data.reason).toBe('desktop.wallpaperNotFound');
    expect((await fetchImage(first!.id, alice)).statusCode).toBe(200);

    expect((await mutate(t.app, 'desktop.wallpapers.remove', { id: first!.id }, alice)).statusCode).toBe(200);
    expect((await fetchImage(first!.id, alice)).statusCode).toBe(404);
    expect((await list(alice)).uploads.map((u) => u.id)).not.toContain(first!.id);
    expect((await mutate(t.app, 'desktop.wallpapers.remove', { id: first!.id }, alice)).statusCode).toBe(404);
    expect((await upload(alice, tinyPng([7, 7, 7]))).statusCode).toBe(201);
  });

  it('lets only as many of several uploads at once through as places are left', async () => {
    await createUser(t, 'carol', 'carol-password', 'member');
    const carol = await signIn(t.app, 'carol', 'carol-password');
    for (let i = 0; i < 8; i++) expect((await upload(carol, tinyPng([i, 0, 0]))).statusCode).toBe(201);
    const racing = await Promise.all([1, 2, 3, 4].map((i) => upload(carol, tinyPng([0, i, 0]))));
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 201, 409, 409]);
    expect((await list(carol)).uploads).toHaveLength(10);
  });

  it('tells the user’s other browsers when the uploads change', async () => {
    const seen: string[] = [];
    const off = t.app.bus.on('user.event', (e) => void seen.push(e.event));
    try {
      const res = await upload(bob, tinyPng([5, 5, 5]));
      await mutate(t.app, 'desktop.wallpapers.remove', { id: res.json<{ id: string }>().id }, bob);
      expect(seen).toEqual(['desktop.wallpapers', 'desktop.wallpapers']);
    } finally {
      off();
    }
  });
});
