// Why this exists: the bench's server, run as a child process so that autocannon never shares its event loop.
import { fastifyTRPCPlugin, type CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import pino from 'pino';
import { registerRequestLog } from '../bff/http/request-log';
import { createLogger } from '../bff/log/logger';
import { appRouter } from '../bff/trpc/app-router';
import { createContext, type Context, type Services } from '../bff/trpc/context';
import { registerTrpc } from '../bff/trpc/fastify-handler';
import { VERSION } from '../bff/trpc/system.router';

// system.info touches no service; any call into these would throw, which the bench would see as non-2xx.
const services = {} as Services;

function context(req: FastifyRequest, _reply: FastifyReply): Context {
  return createContext({
    client: { ip: req.ip, userAgent: req.headers['user-agent'] ?? '' },
    requestId: String(req.id),
    log: req.log,
    services,
    cookies: { sessionToken: undefined, setSession() {}, clearSession() {} },
  });
}

async function build(app: FastifyInstance): Promise<FastifyInstance> {
  // Same bytes as the tRPC answer: the result wrapper around system.info's data.
  app.get('/plain', async () => ({ result: { data: { name: 'Olares Desktop', version: VERSION } } }));
  registerTrpc(app, { router: appRouter, prefix: '/trpc', createContext: context });
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc-stock',
    trpcOptions: { router: appRouter, createContext: ({ req, res }: CreateFastifyContextOptions) => context(req, res) },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

const port = (app: FastifyInstance) => (app.server.address() as { port: number }).port;

// One instance without a logger (what is compared), one logging every request as the real app does (to /dev/null).
const quiet = await build(Fastify({ logger: false, routerOptions: { maxParamLength: 5000 } }) as unknown as FastifyInstance);
const loggedLog = createLogger('info', pino.destination({ dest: '/dev/null', sync: false }));
const loggedApp = Fastify({ loggerInstance: loggedLog, logController: new LogController({ disableRequestLogging: true }), routerOptions: { maxParamLength: 5000 } }) as unknown as FastifyInstance;
registerRequestLog(loggedApp); // the app's own request log: one line per request
const logged = await build(loggedApp);
process.stdout.write(JSON.stringify({ port: port(quiet), loggedPort: port(logged) }) + '\n');
