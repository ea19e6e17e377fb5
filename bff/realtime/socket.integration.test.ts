// Why this file exists: the socket.io handshake is a second door into the desktop (DESIGN.md §5), so it must check the session cookie and Origin, keep each user's events to that user, and close when the session ends.
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, data, mutate, ORIGIN, query, signIn, startTestApp, type TestApp } from '../testing/app';
import { testServers } from '../testing/databases';

const PASSWORD = 'correct horse battery staple';
const WAIT_MS = 5_000;

/** Settles with `what` named in the error when `promise` takes longer than WAIT_MS. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** How a connection attempt ended: connected, or the connect_error's message. */
function handshake(socket: Socket): Promise<'connected' | { error: string }> {
  return within(
    new Promise((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (err: Error) => resolve({ error: err.message }));
    }),
    'the handshake to end',
  );
}

function nextEvent(socket: Socket, event: string): Promise<unknown> {
  return within(new Promise((resolve) => socket.once(event, (payload: unknown) => resolve(payload))), `"${event}"`);
}

function disconnection(socket: Socket): Promise<string> {
  return within(new Promise((resolve) => socket.once('disconnect', (reason: string) => resolve(reason))), 'the socket to be disconnected');
}

for (const server of testServers()) {
  describe(`the socket.io endpoint, on the ${server.name} PostgreSQL`, () => {
    let t: TestApp;
    let url: string;
    let clients: Socket[] = [];

    beforeEach(async () => {
      t = await startTestApp(server, { LOGIN_RATE_PER_MINUTE: '10000' }, { socketRecheckMs: 200 });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      await createUser(t, 'alice', PASSWORD, 'member');
      await createUser(t, 'bob', PASSWORD, 'member');
    });

    afterEach(async () => {
      for (const client of clients) client.close();
      clients = [];
      await t?.close();
    });

    function connect(opts: { cookie?: string; origin?: string } = {}): Socket {
      const socket = io(url, {
        path: '/socket.io/',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { origin: opts.origin ?? ORIGIN, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
      });
      clients.push(socket);
      return socket;
    }

    async function userId(cookie: string): Promise<string> {
      const res = await query(t.app, 'auth.me', undefined, cookie);
      expect(res.statusCode, res.body).toBe(200);
      return data<{ user: { id: string } }>(res).user.id;
    }

    async function connectedSockets(): Promise<number> {
      return (await t.app.io.fetchSockets()).length;
    }

    it('refuses a handshake without a session cookie', async () => {
      expect(await handshake(connect())).toEqual({ error: 'unauthorised' });
      expect(await connectedSockets()).toBe(0);
    });

    it('refuses a handshake with a cookie that names no session', async () => {
      expect(await handshake(connect({ cookie: 'olares_session=not-a-real-token' }))).toEqual({ error: 'unauthorised' });
    });

    it('accepts a handshake with a live session', async () => {
      const cookie = await signIn(t.app, 'alice', PASSWORD);
      expect(await handshake(connect({ cookie }))).toBe('connected');
      const [socket] = await t.app.io.fetchSockets();
      expect(socket?.data.auth.user.name).toBe('alice');
    });

    it('refuses a handshake from another origin, even with a live session', async () => {
      const cookie = await signIn(t.app, 'alice', PASSWORD);
      // engine.io answers the upgrade with 403 before socket.io sees it; the client only learns the transport failed.
      expect(await handshake(connect({ cookie, origin: 'https://evil.example' }))).toEqual({ error: 'websocket error' });
      expect(await connectedSockets()).toBe(0);

      // The same refusal, seen as plain HTTP on the polling transport's first request.
      const res = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example', cookie } });
      expect(res.status).toBe(403);
      await res.body?.cancel();
    });

    it('refuses a session that still owes its second factor', async () => {
      const alice = await userId(await signIn(t.app, 'alice', PASSWORD));
      const { token } = await t.app.services.sessions.issue(alice, 'pending', { ip: '127.0.0.1', userAgent: 'socket test' });
      expect(await handshake(connect({ cookie: `olares_session=${token}` }))).toEqual({ error: 'unauthorised' });
      expect(await connectedSockets()).toBe(0);
    });

    it("delivers a user's events to every desktop of that user and to no one else", async () => {
      const aliceCookie = await signIn(t.app, 'alice', PASSWORD);
      const aliceOtherCookie = await signIn(t.app, 'alice', PASSWORD);
      const bobCookie = await signIn(t.app, 'bob', PASSWORD);
      const [alice, bob] = [await userId(aliceCookie), await userId(bobCookie)];
      const aliceSocket = connect({ cookie: aliceCookie });
      const aliceOtherSocket = connect({ cookie: aliceOtherCookie });
      const bobSocket = connect({ cookie: bobCookie });
      expect(await Promise.all([aliceSocket, aliceOtherSocket, bobSocket].map(handshake))).toEqual(['connected', 'connected', 'connected']);

      const bobGot: unknown[] = [];
      bobSocket.on('hello', (payload: unknown) => bobGot.push(payload));
      const toAlice = nextEvent(aliceSocket, 'hello');
      const toAliceElsewhere = nextEvent(aliceOtherSocket, 'hello');
      t.app.bus.emit('user.event', { userId: alice, event: 'hello', payload: { for: 'alice' } });
      expect(await toAlice).toEqual({ for: 'alice' });
      expect(await toAliceElsewhere).toEqual({ for: 'alice' });

      // Bob's own event comes after Alice's on the same server; once it has arrived, Alice's would have too.
      const toBob = nextEvent(bobSocket, 'hello');
      t.app.bus.emit('user.event', { userId: bob, event: 'hello', payload: { for: 'bob' } });
      expect(await toBob).toEqual({ for: 'bob' });
      expect(bobGot).toEqual([{ for: 'bob' }]);
    });

    it("logging out disconnects that session's sockets, and only those", async () => {
      const cookie = await signIn(t.app, 'alice', PASSWORD);
      const otherCookie = await signIn(t.app, 'alice', PASSWORD);
      const alice = await userId(cookie);
      const socket = connect({ cookie });
      const otherSocket = connect({ cookie: otherCookie });
      expect(await Promise.all([socket, otherSocket].map(handshake))).toEqual(['connected', 'connected']);

      const closed = disconnection(socket);
      const res = await mutate(t.app, 'auth.logout', undefined, cookie);
      expect(res.statusCode, res.body).toBe(200);
      expect(await closed).toBe('io server disconnect');

      // Alice's other session is still connected and still gets her events.
      const stillThere = nextEvent(otherSocket, 'hello');
      t.app.bus.emit('user.event', { userId: alice, event: 'hello', payload: 1 });
      expect(await stillThere).toBe(1);
      expect(otherSocket.connected).toBe(true);

      // The ended session cannot open a new socket.
      expect(await handshake(connect({ cookie }))).toEqual({ error: 'unauthorised' });
    });

    it('revoking a session from another one disconnects its sockets', async () => {
      const cookie = await signIn(t.app, 'alice', PASSWORD);
      const otherCookie = await signIn(t.app, 'alice', PASSWORD);
      const socket = connect({ cookie });
      expect(await handshake(socket)).toBe('connected');

      const me = await query(t.app, 'auth.me', undefined, cookie);
      const sessionId = data<{ session: { id: string } }>(me).session.id;
      const closed = disconnection(socket);
      const res = await mutate(t.app, 'auth.sessions.revoke', { id: sessionId }, otherCookie);
      expect(res.statusCode, res.body).toBe(200);
      expect(await closed).toBe('io server disconnect');
    });

    it('disconnects the sockets of a session that expired by time', async () => {
      const cookie = await signIn(t.app, 'alice', PASSWORD);
      const socket = connect({ cookie });
      expect(await handshake(socket)).toBe('connected');
      const closed = disconnection(socket);
      await t.db.pool.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
      expect(await closed).toBe('io server disconnect');
    });

    it('keeps a socket through a step-up rotation, on the new session', async () => {
      const cookie = await signIn(t.app, 'alice', PASSWORD);
      const socket = connect({ cookie });
      expect(await handshake(socket)).toBe('connected');
      let dropped = false;
      socket.on('disconnect', () => (dropped = true));
      // Signing in again from the same browser rotates the session.
      const again = await mutate(t.app, 'auth.login', { name: 'alice', password: PASSWORD }, cookie);
      const rotated = again.cookies.find((c) => c.name === 'olares_session')!;
      await new Promise((r) => setTimeout(r, 500)); // past a socket recheck (200 ms here)
      expect(dropped).toBe(false);
      const closed = disconnection(socket);
      expect((await mutate(t.app, 'auth.logout', undefined, `olares_session=${rotated.value}`)).statusCode).toBe(200);
      expect(await closed).toBe('io server disconnect');
    });
  });
}
