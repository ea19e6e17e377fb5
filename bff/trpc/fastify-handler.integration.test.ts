// The lean tRPC handler speaks tRPC's wire format exactly: the stock client works, and answers match the stock adapter's.
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appError } from './app-error';
import { publicProcedure, router } from './init';
import { registerTrpc } from './fastify-handler';
import { createContext, type Context, type Services } from './context';

// A router with every shape of answer: plain data, undefined, typed errors, input errors, thrown bugs.
const testRouter = router({
  echo: publicProcedure.input(z.object({ text: z.string().min(1, 'say something') })).query(({ input }) => ({ text: input.text, at: 'q' })),
  nothing: publicProcedure.query(() => undefined),
  nested: router({ deep: router({ value: publicProcedure.query(() => [1, 2, 3]) }) }),
  refuse: publicProcedure.query(() => {
    throw appError('FORBIDDEN', 'demo.refused', 'No, thank you.');
  }),
  crash: publicProcedure.query(() => {
    throw new Error('SELECT * FROM secret_table at /srv/olares/bff/x.ts:12');
  }),
  save: publicProcedure.input(z.object({ n: z.number().int() })).mutation(({ input }) => ({ saved: input.n })),
  touch: publicProcedure.mutation(() => 'touched'),
  big: router({ take: publicProcedure.input(z.object({ text: z.string() })).mutation(({ input }) => input.text.length) }),
});

const ctx = (): Context =>
  createContext({
    client: { ip: '127.0.0.1', userAgent: 'test' },
    requestId: 'r',
    log: Fastify().log,
    services: {} as Services,
    cookies: { sessionToken: undefined, setSession: () => undefined, clearSession: () => undefined },
  });

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = Fastify({ routerOptions: { maxParamLength: 5000 } });
  registerTrpc(app, { router: testRouter, prefix: '/lean', createContext: ctx });
  await app.register(fastifyTRPCPlugin, { prefix: '/stock', trpcOptions: { router: testRouter, createContext: ctx } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(() => app.close());

const client = (prefix: string, batch = true) =>
  createTRPCClient<typeof testRouter>({ links: [batch ? httpBatchLink({ url: `${base}${prefix}` }) : httpLink({ url: `${base}${prefix}` })] });

describe('the stock tRPC client against the lean handler', () => {
  for (const batch of [true, false]) {
    it(`gets data, undefined, nested paths and mutations (${batch ? 'batched' : 'unbatched'})`, async () => {
      const c = client('/lean', batch);
      const [a, b, d, e, f] = await Promise.all([c.echo.query({ text: 'hi' }), c.nothing.query(), c.nested.deep.value.query(), c.save.mutate({ n: 7 }), c.touch.mutate()]);
      expect(a).toEqual({ text: 'hi', at: 'q' });
      expect(b).toBeUndefined();
      expect(d).toEqual([1, 2, 3]);
      expect(e).toEqual({ saved: 7 });
      expect(f).toBe('touched');
    });
  }

  it('gets typed errors with their code, reason and field messages', async () => {
    const c = client('/lean');
    const refused = await c.refuse.query().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<typeof testRouter>).data).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403, reason: 'demo.refused' });
    const invalid = (await c.echo.query({ text: '' }).catch((e: unknown) => e)) as TRPCClientError<typeof testRouter>;
    expect(invalid.message).toBe('text: say something');
    expect(invalid.data?.fields).toEqual({ text: 'say something' });
  });

  it('never sends the message or stack of an unexpected error', async () => {
    const crashed = (await client('/lean').crash.query().catch((e: unknown) => e)) as TRPCClientError<typeof testRouter>;
    expect(crashed.data?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(crashed.shape)).not.toMatch(/secret_table|\/srv\/olares|stack/);
  });
});

describe('byte-for-byte agreement with the stock adapter', () => {
  const requests: { method: 'GET' | 'POST'; url: string; body?: string }[] = [
    { method: 'GET', url: '/echo?input=' + encodeURIComponent(JSON.stringify({ text: 'x' })) },
    { method: 'GET', url: '/echo,nothing,nested.deep.value?batch=1&input=' + encodeURIComponent(JSON.stringify({ 0: { text: 'x' } })) },
    { method: 'GET', url: '/refuse' },
    { method: 'GET', url: '/echo,refuse?batch=1&input=' + encodeURIComponent(JSON.stringify({ 0: { text: 'ok' } })) },
    { method: 'GET', url: '/echo?input=' + encodeURIComponent(JSON.stringify({ text: 5 })) },
    { method: 'GET', url: '/nope' },
    { method: 'GET', url: '/save' },
    { method: 'POST', url: '/echo', body: '{"text":"x"}' },
    { method: 'POST', url: '/save?batch=1', body: '{"0":{"n":1}}' },
    { method: 'POST', url: '/save,touch?batch=1', body: '{"0":{"n":2}}' },
  ];
  for (const r of requests) {
    it(`${r.method} ${decodeURIComponent(r.url)}`, async () => {
      const send = (prefix: string) => app.inject({ method: r.method, url: prefix + r.url, headers: { 'content-type': 'application/json' }, ...(r.body ? { payload: r.body } : {}) });
      const [lean, stock] = await Promise.all([send('/lean'), send('/stock')]);
      expect(lean.statusCode).toBe(stock.statusCode);
      expect(lean.json()).toEqual(stock.json());
    });
  }
});

describe('batches of realistic size', () => {
  it('serves a GET batch of ten procedure names without a 414', async () => {
    const paths = Array.from({ length: 10 }, (_, i) => (i % 2 ? 'nested.deep.value' : 'echo'));
    const input = Object.fromEntries(paths.map((p, i) => [i, p === 'echo' ? { text: `call number ${i}` } : undefined]));
    const res = await app.inject(`/lean/${paths.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(10);
  });

  it('refuses an oversized batch with a clear error', async () => {
    const res = await app.inject(`/lean/${Array(51).fill('nothing').join(',')}?batch=1`);
    expect(res.statusCode).toBe(413);
    expect(res.json()[0].error.message).toMatch(/at most 50 calls/);
  });

  it('refuses malformed input JSON as a parse error', async () => {
    const res = await app.inject('/lean/echo?input=%7Bnot-json');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.data.code).toBe('PARSE_ERROR');
  });
});

describe('large bodies for some procedures only', () => {
  let small: FastifyInstance;
  beforeAll(async () => {
    small = Fastify({ bodyLimit: 1000 });
    registerTrpc(small, { router: testRouter, prefix: '/t', createContext: ctx, largeBodies: { prefixes: ['big.'], limitBytes: 10_000 } });
    await small.ready();
  });
  afterAll(() => small.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    small.inject({ method: 'POST', url: `/t/${path}`, headers: { 'content-type': 'application/json', ...headers }, payload: body });
  const text = (n: number) => JSON.stringify({ text: 'x'.repeat(n) });

  it('lets a call under an allowed prefix send more than the server’s limit, up to its own', async () => {
    const res = await post('big.take', text(5000));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ result: { data: 5000 } });
    expect((await post('big.take', text(20_000))).statusCode).toBe(413);
  });

  it('holds every other call to the server’s limit, with a clear message', async () => {
    const res = await post('echo', text(5000));
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/too large: more than 1000 bytes \(only calls to big\. may be larger\)/);
    expect((await post('save', JSON.stringify({ n: 1 }))).statusCode).toBe(200);
  });

  it('lets a batch through only when every call in it may be large', async () => {
    const batch = JSON.stringify({ 0: { text: 'x'.repeat(3000) }, 1: { text: 'y'.repeat(3000) } });
    expect((await post('big.take,big.take?batch=1', batch)).statusCode).toBe(200);
    expect((await post('big.take,save?batch=1', batch)).statusCode).toBe(413);
  });

  it('counts a body sent without a length', async () => {
    const res = await small.inject({ method: 'POST', url: '/t/echo', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, payload: Readable.from([text(600), ' '.repeat(600)]) });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/only calls to big\. may be larger/);
  });
});
