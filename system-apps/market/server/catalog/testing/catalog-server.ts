// Test helper: a remote catalogue on a loopback port (index.json with ETag, .tgz charts), with switches to make it misbehave.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCatalog {
  base: string;
  port: number;
  /** The index served; change it between syncs. */
  index: { apiVersion: number; apps: Array<{ name: string; version: string; chart: string; digest?: string }> } | string;
  /** Path (after /cat/) → bytes. */
  files: Map<string, Buffer>;
  etag: string;
  /** Every request, as "METHOD path if-none-match". */
  requests: Array<{ path: string; ifNoneMatch?: string; authorization?: string }>;
  /** Answer index.json with this status instead. */
  indexStatus?: number;
  close(): Promise<void>;
}

export const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export async function startFakeCatalog(): Promise<FakeCatalog> {
  const cat: Omit<FakeCatalog, 'base' | 'port' | 'close'> = { index: { apiVersion: 1, apps: [] }, files: new Map(), etag: '"v1"', requests: [] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    cat.requests.push({
      path: url.pathname,
      ...(req.headers['if-none-match'] ? { ifNoneMatch: String(req.headers['if-none-match']) } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    if (url.pathname === '/cat/index.json') {
      if (cat.indexStatus) return res.writeHead(cat.indexStatus).end('oops');
      if (req.headers['if-none-match'] === cat.etag) return res.writeHead(304, { etag: cat.etag }).end();
      const body = typeof cat.index === 'string' ? cat.index : JSON.stringify(cat.index);
      return res.writeHead(200, { 'content-type': 'application/json', etag: cat.etag }).end(body);
    }
    const file = cat.files.get(url.pathname.replace(/^\/cat\//, ''));
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/gzip' }).end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(cat as FakeCatalog, {
    port,
    base: `http://127.0.0.1:${port}/cat`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
