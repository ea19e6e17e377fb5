// Serves the built frontend, with the SPA fallback to index.html and JSON 404s for API paths.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { EARLY_REQUEST_LINK } from './early-request';
import { builtPagePreloads } from './page-preloads';

const API_PREFIXES = ['/trpc/', '/socket.io/', '/api/', '/healthz', '/readyz'];

export async function registerStatic(app: FastifyInstance, staticDir: string): Promise<void> {
  const hasBuild = fs.existsSync(path.join(staticDir, 'index.html'));
  const preloads = builtPagePreloads(staticDir);
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders(res, file) {
        // Hashed build assets never change; everything else is checked on each load.
        res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0]!;
    const wantsPage = (req.method === 'GET' || req.method === 'HEAD') && !API_PREFIXES.some((p) => url.startsWith(p)) && !path.extname(url);
    if (wantsPage && hasBuild) {
      // The page's scripts and styles start loading with its headers; the desktop's first data too.
      const links = url === '/' ? [...preloads, EARLY_REQUEST_LINK] : preloads;
      if (links.length) reply.header('link', links.join(', '));
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html', { cacheControl: false });
    }
    if (wantsPage) {
      return reply.code(503).type('text/plain').send('The desktop is not built yet: run `npm run build` (npm start does it for you).');
    }
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `No route for ${req.method} ${url}` });
  });
}
