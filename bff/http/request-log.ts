// One log line per request (method, path, status, time) instead of Fastify's two; probes only when they fail.
import type { FastifyInstance } from 'fastify';

export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode < 400 && (req.url === '/healthz' || req.url === '/readyz')) return;
    req.log.info({ method: req.method, url: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
}
