// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers too).
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';

const READY_TIMEOUT_MS = 2000;

export async function databaseReachable(pool: pg.Pool): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
    });
    await Promise.race([pool.query('SELECT 1'), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function registerHealth(app: FastifyInstance, pool: pg.Pool): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (await databaseReachable(pool)) return { status: 'ready' };
    return reply.code(503).send({ status: 'unavailable', reason: 'database' });
  });
}
