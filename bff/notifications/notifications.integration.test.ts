// Why this file exists: notifications reach people through three doors (the bus, socket.io, the centre's procedures); each must keep to its user, its limits and the mutes.
import type { AddressInfo } from 'node:net';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusEvents } from '../realtime/bus';
import { createUser, data, error, mutate, ORIGIN, query, signIn, startTestApp, type TestApp } from '../testing/app';
import { testServers } from '../testing/databases';
import type { Page } from './notifications.service';
import type { NotificationView } from './notifications.store';

const PASSWORD = 'correct horse battery staple';
type UserEvent = BusEvents['user.event'];

/** Settles with the first value `subscribe` hands over, or fails naming `what` after 5 s. */
function within<T>(subscribe: (resolve: (value: T) => void) => void, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 5_000);
    subscribe((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

for (const server of testServers()) {
  describe(`notifications, on the ${server.name} PostgreSQL`, () => {
    let t: TestApp;
    let alice: { id: string; cookie: string };
    let bob: { id: string; cookie: string };
    let events: UserEvent[];
    let offBus: () => void;
    let sockets: Socket[] = [];

    beforeEach(async () => {
      t = await startTestApp(server, { LOGIN_RATE_PER_MINUTE: '10000' });
      await createUser(t, 'alice', PASSWORD, 'member');
      await createUser(t, 'bob', PASSWORD, 'member');
      const users = await t.app.services.users.list();
      const idOf = (name: string) => users.find((u) => u.name === name)!.id;
      alice = { id: idOf('alice'), cookie: await signIn(t.app, 'alice', PASSWORD) };
      bob = { id: idOf('bob'), cookie: await signIn(t.app, 'bob', PASSWORD) };
      events = [];
      offBus = t.app.bus.on('user.event', (e) => events.push(e));
    });

    afterEach(async () => {
      offBus?.();
      for (const socket of sockets) socket.close();
      sockets = [];
      await t?.close();
    });

    const notify = (userId: string, input: Parameters<TestApp['app']['services']['notifications']['notify']>[1]) => t.app.services.notifications.notify(userId, input);

    async function list(cookie: string, input?: unknown): Promise<Page> {
      const res = await query(t.app, 'notifications.list', input, cookie);
      expect(res.statusCode, res.body).toBe(200);
      return data<Page>(res);
    }

    async function call<T>(path: string, input: unknown, cookie: string): Promise<T> {
      const res = await mutate(t.app, path, input, cookie);
      expect(res.statusCode, res.body).toBe(200);
      return data<T>(res);
    }

    it('stores a notification and pushes it to its user only, after the insert committed', async () => {
      let seenInDb: number | undefined;
      const offCheck = t.app.bus.on('user.event', (e) => {
        if (e.event === 'notification') void t.db.pool.query('SELECT 1 FROM notifications WHERE id = $1', [(e.payload as NotificationView).id]).then((r) => (seenInDb = r.rowCount ?? 0));
      });
      const { notification, pushed } = await notify(alice.id, {
        appId: 'files',
        title: 'Upload finished',
        body: 'report.pdf',
        level: 'success',
        actions: [{ id: 'open', label: 'Open' }],
      });
      offCheck();
      expect(pushed).toBe(true);
      expect(notification).toMatchObject({ appId: 'files', title: 'Upload finished', body: 'report.pdf', level: 'success', actions: [{ id: 'open', label: 'Open' }], readAt: null });
      expect(events).toEqual([{ userId: alice.id, event: 'notification', payload: notification }]);
      await expect.poll(() => seenInDb).toBe(1);

      const page = await list(alice.cookie);
      expect(page).toEqual({ items: [notification], nextCursor: null, unread: 1 });
      expect(await list(bob.cookie)).toEqual({ items: [], nextCursor: null, unread: 0 });
    });

    it("keeps a muted app's notifications in the centre without pushing them", async () => {
      expect(await call('notifications.mutes.set', { appId: 'market', muted: true }, alice.cookie)).toEqual({ appId: 'market', muted: true });
      const mutes = data<{ appId: string }[]>(await query(t.app, 'notifications.mutes.list', undefined, alice.cookie));
      expect(mutes.map((m) => m.appId)).toEqual(['market']);
      expect(data<unknown[]>(await query(t.app, 'notifications.mutes.list', undefined, bob.cookie))).toEqual([]);

      const muted = await notify(alice.id, { appId: 'market', title: 'Update available' });
      expect(muted.pushed).toBe(false);
      expect(events).toEqual([]);
      // Bob did not mute Market: his are pushed.
      expect((await notify(bob.id, { appId: 'market', title: 'Update available' })).pushed).toBe(true);
      expect(events.map((e) => e.userId)).toEqual([bob.id]);

      const page = await list(alice.cookie);
      expect(page.items.map((n) => n.title)).toEqual(['Update available']);
      expect(page.unread).toBe(1);

      await call('notifications.mutes.set', { appId: 'market', muted: false }, alice.cookie);
      expect((await notify(alice.id, { appId: 'market', title: 'Another update' })).pushed).toBe(true);
      expect(data<unknown[]>(await query(t.app, 'notifications.mutes.list', undefined, alice.cookie))).toEqual([]);
    });

    it('pages newest first with a cursor, across rows that share a timestamp', async () => {
      // Seven rows, three of them in one statement (the same created_at), to exercise the id tie-break.
      await t.db.pool.query(
        `INSERT INTO notifications (user_id, app_id, title, created_at)
         SELECT $1, 'files', 'n' || i, CASE WHEN i <= 3 THEN now() - interval '1 hour' ELSE now() - make_interval(secs => i) END
           FROM generate_series(1, 7) AS i`,
        [alice.id],
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Page = await list(alice.cookie, { limit: 3, cursor });
        expect(page.items.length).toBeLessThanOrEqual(3);
        expect(page.unread).toBe(7);
        seen.push(...page.items.map((n) => n.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC', [alice.id]);
      expect(seen).toEqual(rows.map((r) => r.id));

      const bad = await query(t.app, 'notifications.list', { cursor: 'nonsense' }, alice.cookie);
      expect(bad.statusCode).toBe(400);
      expect(error(bad).data.fields).toHaveProperty('cursor');
      expect((await query(t.app, 'notifications.list', { limit: 101 }, alice.cookie)).statusCode).toBe(400);
    });

    it("marks read and clears the caller's notifications only, and tells the caller's other desktops", async () => {
      const mine = await Promise.all(['a', 'b', 'c'].map((title) => notify(alice.id, { appId: 'files', title })));
      const bobs = (await notify(bob.id, { appId: 'files', title: "bob's" })).notification;
      const [a, b] = mine.map((m) => m.notification.id);
      events = [];

      // Bob's id is silently not affected.
      expect(await call('notifications.markRead', { ids: [a, bobs.id] }, alice.cookie)).toEqual({ marked: 1, unread: 2 });
      expect(events).toEqual([{ userId: alice.id, event: 'notification.sync', payload: { unread: 2 } }]);
      expect((await list(alice.cookie)).items.find((n) => n.id === a)?.readAt).toEqual(expect.any(String));
      expect(await list(bob.cookie)).toMatchObject({ unread: 1, items: [{ id: bobs.id, readAt: null }] });

      // Marking again changes nothing and says nothing.
      events = [];
      expect(await call('notifications.markRead', { ids: [a] }, alice.cookie)).toEqual({ marked: 0, unread: 2 });
      expect(events).toEqual([]);

      expect(await call('notifications.markRead', { all: true }, alice.cookie)).toEqual({ marked: 2, unread: 0 });
      expect((await list(bob.cookie)).unread).toBe(1);

      expect(await call('notifications.clear', { ids: [b, bobs.id] }, alice.cookie)).toEqual({ cleared: 1, unread: 0 });
      expect((await list(alice.cookie)).items).toHaveLength(2);
      expect((await list(bob.cookie)).items).toHaveLength(1);

      events = [];
      await notify(alice.id, { appId: 'files', title: 'd' });
      events = [];
      expect(await call('notifications.clear', { all: true }, alice.cookie)).toEqual({ cleared: 3, unread: 0 });
      expect(events).toEqual([{ userId: alice.id, event: 'notification.sync', payload: { unread: 0 } }]);
      expect(await list(alice.cookie)).toEqual({ items: [], nextCursor: null, unread: 0 });
      expect((await list(bob.cookie)).items.map((n) => n.id)).toEqual([bobs.id]);

      // Neither ids nor all, or both: refused.
      for (const input of [{}, { ids: [] }, { all: false }, { ids: [a], all: true }, { ids: ['not-a-uuid'] }]) {
        expect((await mutate(t.app, 'notifications.clear', input, alice.cookie)).statusCode, JSON.stringify(input)).toBe(400);
      }
    });

    it('refuses notifications beyond their limits, naming the field', async () => {
      const long = await mutate(t.app, 'notifications.test', { title: 'x'.repeat(121) }, alice.cookie);
      expect(long.statusCode).toBe(400);
      expect(error(long).data).toMatchObject({ reason: 'input.invalid', fields: { title: 'use at most 120 characters' } });

      const refused = async (input: Parameters<typeof notify>[1]) => {
        const err = await notify(alice.id, input).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(TRPCError);
        expect(getHTTPStatusCodeFromError(err as TRPCError)).toBe(400);
        return ((err as TRPCError).cause as unknown as { issues: { path: PropertyKey[] }[] }).issues.map((i) => i.path.join('.'));
      };
      const action = (id: string) => ({ id, label: id });
      expect(await refused({ appId: 'files', title: 'x', actions: ['a', 'b', 'c', 'd'].map(action) })).toEqual(['actions']);
      expect(await refused({ appId: 'files', title: 'x'.repeat(121) })).toEqual(['title']);
      expect(await refused({ appId: 'files', title: 'x', body: 'y'.repeat(1001) })).toEqual(['body']);
      expect(await refused({ appId: 'Files!', title: 'x' })).toEqual(['appId']);
      expect(await refused({ appId: 'files', title: 'x', body: 'nul \u0000 byte' })).toEqual(['body']);
      expect(await refused({ appId: 'files', title: 'x', level: 'fatal' as 'error' })).toEqual(['level']);
      expect(await refused({ appId: 'files', title: 'x', actions: [action('a'), action('a')] })).toEqual(['actions']);
      expect(await refused({ appId: 'files', title: '   ' })).toEqual(['title']);

      // At the limits exactly: accepted.
      const ok = await notify(alice.id, { appId: 'a'.repeat(64), title: 'x'.repeat(120), body: 'line\n\ttab'.padEnd(1000, 'y'), actions: ['a', 'b', 'c'].map(action) });
      expect(ok.notification.actions).toHaveLength(3);
      expect(events).toHaveLength(1);
      expect((await list(alice.cookie)).items).toHaveLength(1);
    });

    it('keeps the newest 500 per user', async () => {
      await t.db.pool.query(
        `INSERT INTO notifications (user_id, app_id, title, created_at)
         SELECT $1, 'files', 'old ' || i, now() - make_interval(secs => i) FROM generate_series(1, 504) AS i`,
        [alice.id],
      );
      await notify(bob.id, { appId: 'files', title: "bob's" });
      const { notification } = await notify(alice.id, { appId: 'files', title: 'newest' });
      const { rows } = await t.db.pool.query<{ title: string }>('SELECT title FROM notifications WHERE user_id = $1 ORDER BY created_at DESC', [alice.id]);
      expect(rows).toHaveLength(500);
      expect(rows[0]?.title).toBe('newest');
      // The oldest five (seconds 500…504 ago) went.
      expect(rows.at(-1)?.title).toBe('old 499');
      expect((await list(alice.cookie, { limit: 1 })).items[0]?.id).toBe(notification.id);
      expect((await list(bob.cookie)).items).toHaveLength(1);
    });

    it("delivers notifications.test to the caller's socket as a 'notification' event", async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const connect = (cookie: string) => {
        const socket = io(url, { path: '/socket.io/', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin: ORIGIN, cookie } });
        sockets.push(socket);
        return within<void>((done) => socket.once('connect', () => done()), 'the socket to connect').then(() => socket);
      };
      const [aliceSocket, bobSocket] = await Promise.all([connect(alice.cookie), connect(bob.cookie)]);
      const bobGot: unknown[] = [];
      bobSocket.on('notification', (n: unknown) => bobGot.push(n));

      const arrived = within<NotificationView>((done) => aliceSocket.once('notification', done), "alice's notification");
      const sent = await call<{ notification: NotificationView; pushed: boolean }>('notifications.test', {}, alice.cookie);
      expect(sent.pushed).toBe(true);
      expect(await arrived).toEqual(sent.notification);
      expect(sent.notification).toMatchObject({ appId: 'settings', title: 'Test notification', level: 'info' });

      // A badge update after mark-read reaches the socket too.
      const synced = within<unknown>((done) => aliceSocket.once('notification.sync', done), 'notification.sync');
      await call('notifications.markRead', { all: true }, alice.cookie);
      expect(await synced).toEqual({ unread: 0 });

      // Bob's own test comes after Alice's on the same server; once it arrived, Alice's would have too.
      const bobsArrived = within<NotificationView>((done) => bobSocket.once('notification', done), "bob's notification");
      await call('notifications.test', { title: 'Hello Bob' }, bob.cookie);
      expect((await bobsArrived).title).toBe('Hello Bob');
      expect(bobGot).toHaveLength(1);
    });
  });
}
