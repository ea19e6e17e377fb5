/**
 * Why this exists: the stock tRPC Fastify adapter converts every request into a web Request and
 * streams the answer back, which measured at 0.18× a plain Fastify route here. This handler speaks
 * the same HTTP wire format (batching, `?input=`, error shapes, status codes, the transformer) but
 * calls the procedure straight from Fastify's parsed request, so the stock tRPC client works unchanged.
 * Subscriptions and streaming responses are not served here: live data goes over socket.io.
 */
import { pipeline, Transform, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  getErrorShape,
  getHTTPStatusCode,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  TRPCError,
  type AnyProcedure,
  type AnyRouter,
  type ProcedureType,
} from '@trpc/server/unstable-core-do-not-import';

export interface TrpcHandlerOptions<TRouter extends AnyRouter, TContext> {
  router: TRouter;
  prefix: string;
  createContext(req: FastifyRequest, reply: FastifyReply): TContext;
  onError?(info: { error: TRPCError; path: string; req: FastifyRequest }): void;
  /** Rewrites an error before it is shaped (for example "database unreachable" into a 503). */
  mapError?(error: TRPCError): TRPCError;
  maxBatchSize?: number;
  /**
   * Procedures allowed bodies above the server's `bodyLimit` (a vault's re-key or import carries every item):
   * a call, or a batch whose every call, under one of `prefixes` may send up to `limitBytes`; any other gets 413 past the server's limit.
   */
  largeBodies?: { prefixes: readonly string[]; limitBytes: number };
}

type ResponseItem = { result: { data: unknown } } | { error: unknown };

export function registerTrpc<TRouter extends AnyRouter, TContext>(app: FastifyInstance, opts: TrpcHandlerOptions<TRouter, TContext>): void {
  const config = opts.router._def._config;
  const maxBatch = opts.maxBatchSize ?? 50;
  const procedures = opts.router._def.procedures as Record<string, AnyProcedure | undefined>;

  async function handler(req: FastifyRequest<{ Params: { path: string }; Querystring: { batch?: string; input?: string } }>, reply: FastifyReply) {
    const type: ProcedureType = req.method === 'GET' ? 'query' : 'mutation';
    const isBatch = req.query.batch === '1';
    const paths = isBatch ? req.params.path.split(',') : [req.params.path];
    let ctx: TContext | undefined = undefined; // built once the input is known to be readable
    const errors: (TRPCError | undefined)[] = [];

    const fail = (raw: TRPCError, path: string, input: unknown, index: number): ResponseItem => {
      const error = opts.mapError ? opts.mapError(raw) : raw;
      errors[index] = error;
      opts.onError?.({ error, path, req });
      return { error: getErrorShape({ config, error, type, path, input, ctx }) };
    };

    let inputs: unknown[];
    try {
      if (paths.length > maxBatch) throw new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: `A batch may hold at most ${maxBatch} calls.` });
      inputs = readInputs(req, isBatch, paths.length, (raw) => config.transformer.input.deserialize(raw));
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      const item = fail(error, paths.join(','), undefined, 0);
      return send(reply, isBatch ? [item] : item, [error]);
    }

    ctx = opts.createContext(req, reply);
    const items = await Promise.all(
      paths.map(async (path, index): Promise<ResponseItem> => {
        const input = inputs[index];
        try {
          // Look-up without a promise for ordinary routers; lazy ones load through tRPC's helper.
          const proc = procedures[path] ?? (await getProcedureAtPath(opts.router, path));
          if (!proc) throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${path}"` });
          if (proc._def.type !== type) {
            throw new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: `Unsupported ${req.method}-request to ${proc._def.type} procedure at path "${path}"` });
          }
          const data = await proc({ ctx, path, getRawInput: async () => input, type, signal: undefined, batchIndex: index });
          return { result: { data: config.transformer.output.serialize(data) } };
        } catch (cause) {
          return fail(getTRPCErrorFromUnknown(cause), path, input, index);
        }
      }),
    );
    return send(reply, isBatch ? items : items[0]!, errors);
  }

  // Its own plugin scope: the stock client posts mutations without input as an empty JSON body,
  // which means "no input" to tRPC and must not be a parse error.
  const normalLimit = app.initialConfig.bodyLimit ?? 1_048_576;
  const large = opts.largeBodies && opts.largeBodies.limitBytes > normalLimit ? opts.largeBodies : undefined;
  const mayBeLarge = (req: FastifyRequest) => {
    const { path } = req.params as { path?: string };
    return !!large && !!path && path.split(',').every((p) => large.prefixes.some((prefix) => p.startsWith(prefix)));
  };
  const tooLarge = () =>
    Object.assign(new Error(`The request body is too large: more than ${normalLimit} bytes (only calls to ${large?.prefixes.join(', ')} may be larger).`), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
  /** Holds a body to the server's own limit unless every procedure it calls may have a large one. */
  const limitBody = (req: FastifyRequest, _reply: FastifyReply, payload: Readable, done: (err: Error | null, body?: Readable) => void) => {
    if (!large || mayBeLarge(req)) return done(null, payload);
    if (Number(req.headers['content-length']) > normalLimit) return done(tooLarge());
    let seen = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, next) {
        seen += chunk.length;
        next(seen > normalLimit ? tooLarge() : null, chunk);
      },
    });
    done(null, pipeline(payload, counter, () => undefined));
  };

  void app.register(async (scope) => {
    const defaultJson = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      if (body === '') return done(null, undefined);
      defaultJson(req, body as string, done);
    });
    scope.route({
      method: ['GET', 'POST'],
      url: `${opts.prefix}/:path`,
      handler,
      ...(large ? { bodyLimit: large.limitBytes, preParsing: limitBody } : {}),
    });
  });
}

function readInputs(req: FastifyRequest<{ Querystring: { input?: string } }>, isBatch: boolean, count: number, deserialize: (raw: unknown) => unknown): unknown[] {
  let raw: unknown;
  if (req.method === 'GET') {
    const q = req.query.input;
    if (q !== undefined) {
      try {
        raw = JSON.parse(q);
      } catch {
        throw new TRPCError({ code: 'PARSE_ERROR', message: 'The "input" query parameter is not valid JSON.' });
      }
    }
  } else {
    raw = req.body;
  }
  if (!isBatch) return [raw === undefined ? undefined : deserialize(raw)];
  if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
  }
  const record = (raw ?? {}) as Record<string, unknown>;
  return Array.from({ length: count }, (_, i) => (record[i] === undefined ? undefined : deserialize(record[i])));
}

function send(reply: FastifyReply, body: ResponseItem | ResponseItem[], errors: (TRPCError | undefined)[]) {
  const status = getHTTPStatusCode(body as Parameters<typeof getHTTPStatusCode>[0], errors as TRPCError[]);
  return reply.code(status).header('content-type', 'application/json').send(JSON.stringify(body));
}
