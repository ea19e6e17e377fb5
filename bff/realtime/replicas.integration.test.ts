// Two BFF replicas on one database: events and sign-outs on one reach the sockets held by the other.
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../log/logger';
import { createUser, data, mutate, ORIGIN, query, signIn, type TestApp } from '../testing/app';
import { createTestDatabase, testServers, type TestDatabase } from '../testing/databases';

describe.each(testServers())('replicas on the $name server', (server) => {
  let db: TestDatabase;
  let a: Awaited<ReturnType<typeof buildApp>>;
  let b: Awaited<ReturnType<typeof buildApp>>;
  let urlA: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(server);
    const make = () => buildApp({ config: loadConfig({ PUBLIC_ORIGIN: ORIGIN, STATIC_DIR: '/nonexistent' }), pool: db.pool, log: createLogger('silent'), databaseUrl: db.url });
    a = await make();
    b = await make();
    await a.listen({ port: 0, host: '127.0.0.1' });
    urlA = `http://127.0.0.1:${(a.server.address() as AddressInfo).port}`;
    await createUser({ db } as TestApp, 'alice', 'alice-password', 'member');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a.close();
    await b.close();
    await db.drop();
  });

  async function connectToA(cookie: string): Promise<Socket> {
    const socket = io(urlA, { path: '/socket.io/', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin: ORIGIN, cookie } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  it('delivers an event emitted on replica B to the user’s socket on replica A', async () => {
    const cookie = await signIn(a, 'alice', 'alice-password');
    const socket = await connectToA(cookie);
    const userId = data<{ user: { id: string } }>(await query(a, 'auth.me', undefined, cookie)).user.id;
    const received = new Promise((resolve) => socket.once('greeting', resolve));
    b.bus.emit('user.event', { userId, event: 'greeting', payload: { from: 'replica B' } });
    expect(await received).toEqual({ from: 'replica B' });
  });

  it('disconnects the socket on replica A when the session signs out through replica B', async () => {
    const cookie = await signIn(a, 'alice', 'alice-password');
    const socket = await connectToA(cookie);
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    expect((await mutate(b, 'auth.logout', undefined, cookie)).statusCode).toBe(200);
    expect(await closed).toBe('io server disconnect');
  });
});
