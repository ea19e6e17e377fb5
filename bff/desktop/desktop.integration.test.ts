// Saved desktops end to end over HTTP on every test server: defaults, saving, conflicts between browsers, validation, isolation, events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvents } from '../realtime/bus';
import { createUser, data, error, mutate, query, signIn, startTestApp, type TestApp } from '../testing/app';
import { testServers } from '../testing/databases';
import { defaultLayout, type DesktopLayout, type DesktopWindow } from './layout.schema';

const win = (over: Partial<DesktopWindow> = {}): DesktopWindow => ({ id: 'w1', appId: 'files', x: 40, y: 60, width: 900, height: 640, state: 'normal', z: 1, ...over });
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

interface Got {
  layout: DesktopLayout;
  version: number;
}

describe.each(testServers())('saved desktops on the $name server', (server) => {
  let t: TestApp;
  let alice: string; // a browser of alice's
  let aliceElsewhere: string; // alice in another browser
  let bob: string;
  let aliceId: string;

  beforeAll(async () => {
    t = await startTestApp(server, { LOGIN_RATE_PER_MINUTE: '1000' });
    await createUser(t, 'alice', 'alice-password', 'member');
    await createUser(t, 'bob', 'bob-password', 'member');
    alice = await signIn(t.app, 'alice', 'alice-password');
    aliceElsewhere = await signIn(t.app, 'alice', 'alice-password');
    bob = await signIn(t.app, 'bob', 'bob-password');
    aliceId = (await t.app.services.users.list()).find((u) => u.name === 'alice')!.id;
  });
  afterAll(() => t.close());

  const get = async (cookie: string): Promise<Got> => {
    const res = await query(t.app, 'desktop.layout.get', undefined, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return data<Got>(res);
  };
  const save = (cookie: string, layout: unknown, baseVersion: number) => mutate(t.app, 'desktop.layout.save', { layout, baseVersion }, cookie);

  it('gives a user who never saved the default desktop as version 0', async () => {
    const got = await get(bob);
    expect(got).toEqual({ layout: defaultLayout(), version: 0 });
    expect(got.layout.dock).toEqual(['files', 'wise', 'vault', 'market', 'settings', 'dashboard', 'control-hub', 'profile', 'devbox']);
    expect(got.layout.wallpaper).toEqual({ kind: 'builtin', id: 'aurora' });
  });

  it('saves a layout, counts versions, and gives it back in another browser', async () => {
    const first: DesktopLayout = { ...defaultLayout(), windows: [win({ props: { path: '/Home/Photos' } })], focusedId: 'w1', theme: 'dark', locale: 'zh-CN' };
    const saved = await save(alice, first, 0);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(data(saved)).toEqual({ version: 1 });
    expect(await get(aliceElsewhere)).toEqual({ layout: first, version: 1 });

    const second: DesktopLayout = {
      ...first,
      windows: [win({ state: 'maximized', restore: { x: 40, y: 60, width: 900, height: 640 } }), win({ id: 'w2', appId: 'settings', z: 2, state: 'snapped-right' })],
      focusedId: 'w2',
      dock: ['settings', 'files'],
      appSizes: { files: { width: 900, height: 640 } },
      wallpaper: { kind: 'builtin', id: 'paper' },
    };
    expect(data(await save(aliceElsewhere, second, 1))).toEqual({ version: 2 });
    expect(await get(alice)).toEqual({ layout: second, version: 2 });
  });

  it('refuses a save from a stale version with CONFLICT desktop.conflict and the current layout, and takes the retry', async () => {
    const { layout, version } = await get(alice);
    const inOne = { ...layout, theme: 'light' as const };
    const inOther = { ...layout, locale: 'en-US' as const, dock: ['files'] };
    expect((await save(alice, inOne, version)).statusCode).toBe(200);

    const stale = await save(aliceElsewhere, inOther, version);
    expect(stale.statusCode).toBe(409);
    const err = error(stale);
    expect(err.data.reason).toBe('desktop.conflict');
    expect(err.message).toMatch(/changed in another browser/);
    expect((err.data as { details?: unknown }).details).toEqual({ layout: inOne, version: version + 1 });

    const retried = await save(aliceElsewhere, { ...inOne, dock: ['files'] }, version + 1);
    expect(data(retried)).toEqual({ version: version + 2 });
    expect((await get(alice)).layout.dock).toEqual(['files']);
  });

  it('lets only one of two first saves racing from version 0 win, and refuses a base version from nowhere', async () => {
    await createUser(t, 'carol', 'carol-password', 'member');
    const carol = await signIn(t.app, 'carol', 'carol-password');
    const ahead = await save(carol, defaultLayout(), 5);
    expect(ahead.statusCode).toBe(409);
    expect((error(ahead).data as { details?: unknown }).details).toEqual({ layout: defaultLayout(), version: 0 });

    const results = await Promise.all([0, 1, 2].map((i) => save(carol, { ...defaultLayout(), dock: [`app-${i}`] }, 0)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect((await get(carol)).version).toBe(1);
  });

  it('refuses an invalid layout with 400 naming the field', async () => {
    const { version } = await get(alice);
    const cases: [unknown, string][] = [
      [{ ...defaultLayout(), windows: Array.from({ length: 60 }, (_, i) => win({ id: `w${i}` })) }, 'layout.windows'],
      [{ ...defaultLayout(), windows: [win({ x: Number.NaN })] }, 'layout.windows.0.x'],
      [{ ...defaultLayout(), windows: [win({ state: 'floating' as never })] }, 'layout.windows.0.state'],
      [{ ...defaultLayout(), windows: [win({ width: 20_000 })] }, 'layout.windows.0.width'],
      [{ ...defaultLayout(), dock: ['files', 'files'] }, 'layout.dock'],
      [{ ...defaultLayout(), theme: 'neon' }, 'layout.theme'],
    ];
    for (const [layout, field] of cases) {
      const res = await save(alice, layout, version);
      expect(res.statusCode, field).toBe(400);
      expect(error(res).data.reason).toBe('input.invalid');
      expect(Object.keys(error(res).data.fields ?? {}), field).toContain(field);
      expect(error(res).message).toContain(field);
    }
    const noBase = await mutate(t.app, 'desktop.layout.save', { layout: defaultLayout() }, alice);
    expect(error(noBase).data.fields).toHaveProperty('baseVersion');
    expect((await get(alice)).version).toBe(version);
  });

  it("keeps each user's desktop their own: another user can neither see nor overwrite it", async () => {
    const before = await get(alice);
    expect(before.version).toBeGreaterThan(0);
    expect(await get(bob)).toEqual({ layout: defaultLayout(), version: 0 });

    // No input names a user: one that tries is refused, and bob's saves land on bob's desktop.
    const sneaky = await mutate(t.app, 'desktop.layout.save', { layout: defaultLayout(), baseVersion: before.version, userId: aliceId }, bob);
    expect(sneaky.statusCode).toBe(400);
    const own = await save(bob, { ...defaultLayout(), theme: 'dark' }, 0);
    expect(data(own)).toEqual({ version: 1 });
    expect(await get(alice)).toEqual(before);
    expect((await get(bob)).layout.theme).toBe('dark');

    const anonymous = await query(t.app, 'desktop.layout.get');
    expect(anonymous.statusCode).toBe(401);
  });

  it("tells the user's other browsers (and only that user's) that a newer layout exists, after it is saved", async () => {
    const seen: BusEvents['user.event'][] = [];
    const off = t.app.bus.on('user.event', (e) => {
      if (e.event === 'desktop.layout') seen.push(e);
    });
    try {
      const { layout, version } = await get(alice);
      await save(alice, layout, version);
      await save(alice, layout, version); // stale: no event
      expect(seen).toEqual([{ userId: aliceId, event: 'desktop.layout', payload: { version: version + 1 } }]);
      expect((await get(aliceElsewhere)).version).toBe(version + 1);
    } finally {
      off();
    }
  });

  it("accepts only the user's own uploads as wallpaper, and falls back to the default once the upload is gone", async () => {
    const upload = (cookie: string) =>
      t.app.inject({ method: 'POST', url: '/api/wallpapers', headers: { origin: 'http://localhost:3000', 'x-olares-request': '1', 'content-type': 'image/png', cookie }, payload: PNG });
    const bobs = (await upload(bob)).json<{ id: string }>();
    const alices = (await upload(alice)).json<{ id: string }>();

    const { layout, version } = await get(alice);
    const foreign = await save(alice, { ...layout, wallpaper: { kind: 'upload', id: bobs.id } }, version);
    expect(foreign.statusCode).toBe(400);
    expect(error(foreign).data.reason).toBe('desktop.wallpaperNotFound');

    const mine = { ...layout, wallpaper: { kind: 'upload' as const, id: alices.id } };
    expect(data(await save(alice, mine, version))).toEqual({ version: version + 1 });
    expect((await get(alice)).layout.wallpaper).toEqual(mine.wallpaper);

    expect((await mutate(t.app, 'desktop.wallpapers.remove', { id: alices.id }, alice)).statusCode).toBe(200);
    expect(await get(alice)).toEqual({ layout: { ...mine, wallpaper: { kind: 'builtin', id: 'aurora' } }, version: version + 1 });
  });
});
