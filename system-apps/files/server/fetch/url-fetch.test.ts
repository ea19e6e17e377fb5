// Downloads from a loopback server: whole files, resumed ranges after a drop, redirects, names, limits, refusals and cancel.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, nameFromDisposition, type UrlFetchOptions } from './url-fetch';

const body = randomBytes(1024 * 1024 + 17);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let server: http.Server;
let base: string;
let dir: string;
const ranges: string[] = [];
let dropped = 0;

function serveRange(req: http.IncomingMessage, res: http.ServerResponse, data: Buffer): void {
  res.setHeader('etag', '"v1"');
  res.setHeader('accept-ranges', 'bytes');
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (m && (!req.headers['if-range'] || req.headers['if-range'] === '"v1"')) {
    const from = Number(m[1]);
    ranges.push(req.headers.range!);
    res.writeHead(206, { 'content-length': data.length - from, 'content-range': `bytes ${from}-${data.length - 1}/${data.length}` });
    res.end(data.subarray(from));
    return;
  }
  res.writeHead(200, { 'content-length': data.length, 'content-type': 'application/octet-stream' });
  res.end(data);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-fetch-'));
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/file.bin') return serveRange(req, res, body);
    if (url === '/drop.bin') {
      if (!req.headers.range && dropped++ === 0) {
        res.writeHead(200, { 'content-length': body.length, etag: '"v1"', 'accept-ranges': 'bytes' });
        res.write(body.subarray(0, 300_000), () => setTimeout(() => res.socket?.destroy(), 50));
        return;
      }
      return serveRange(req, res, body);
    }
    if (url === '/redirect') return res.writeHead(302, { location: '/file.bin' }).end();
    if (url === '/to-file') return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (url === '/named') return res.writeHead(200, { 'content-disposition': "attachment; filename=\"plain.txt\"; filename*=UTF-8''na%C3%AFve%20%F0%9F%90%A6.txt" }).end('hi');
    if (url === '/big') {
      res.writeHead(200, { 'content-length': 50_000_000 });
      return res.end();
    }
    if (url === '/endless') {
      res.writeHead(200);
      const timer = setInterval(() => res.write(Buffer.alloc(64 * 1024)), 1);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (url === '/slow') {
      res.writeHead(200, { 'content-length': 10_000_000 });
      res.write(Buffer.alloc(1000));
      return;
    }
    res.writeHead(404).end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

function opts(url: string, extra: Partial<UrlFetchOptions> = {}): UrlFetchOptions {
  return { url, dest: path.join(dir, `${Math.random()}.part`), maxBytes: 5_000_000, signal: new AbortController().signal, allowPrivate: true, retryDelayMs: 10, ...extra };
}

describe('fetchUrl', () => {
  it('downloads a whole file with its name and progress', async () => {
    const seen: number[] = [];
    const o = opts(`${base}/file.bin`, { progress: (d) => seen.push(d) });
    const r = await fetchUrl(o);
    expect(r).toMatchObject({ suggestedName: 'file.bin', bytes: body.length });
    expect(sha(fs.readFileSync(o.dest))).toBe(sha(body));
    expect(seen.at(-1)).toBe(body.length);
  });

  it('resumes with a range request after the connection drops, and the bytes are the same', async () => {
    const o = opts(`${base}/drop.bin`);
    const r = await fetchUrl(o);
    expect(r.bytes).toBe(body.length);
    expect(sha(fs.readFileSync(o.dest))).toBe(sha(body));
    expect(ranges.some((x) => /^bytes=[1-9]\d*-$/.test(x))).toBe(true);
  });

  it('follows redirects, but only to http and https', async () => {
    expect((await fetchUrl(opts(`${base}/redirect`))).suggestedName).toBe('file.bin');
    await expect(fetchUrl(opts(`${base}/to-file`))).rejects.toMatchObject({ reason: 'files.fetch.scheme' });
    await expect(fetchUrl(opts('ftp://example.com/x'))).rejects.toMatchObject({ reason: 'files.fetch.scheme' });
    await expect(fetchUrl(opts('not a url'))).rejects.toMatchObject({ reason: 'files.fetch.badUrl' });
  });

  it('takes the name from Content-Disposition, Unicode included', async () => {
    expect((await fetchUrl(opts(`${base}/named`))).suggestedName).toBe('naïve 🐦.txt');
    expect(nameFromDisposition('attachment; filename="a \\"b\\".txt"')).toBe('a "b".txt');
    expect(nameFromDisposition(undefined)).toBeNull();
  });

  it('stops at the size limit, announced or not', async () => {
    await expect(fetchUrl(opts(`${base}/big`))).rejects.toMatchObject({ reason: 'files.fetch.tooLarge' });
    await expect(fetchUrl(opts(`${base}/endless`, { maxBytes: 1_000_000 }))).rejects.toMatchObject({ reason: 'files.fetch.tooLarge' });
  });

  it('reports an error status and refuses private addresses unless allowed', async () => {
    await expect(fetchUrl(opts(`${base}/missing`))).rejects.toMatchObject({ reason: 'files.fetch.status' });
    await expect(fetchUrl(opts(`${base}/file.bin`, { allowPrivate: false }))).rejects.toMatchObject({ reason: 'files.fetch.private' });
    await expect(fetchUrl(opts(`${base.replace('127.0.0.1', 'localhost')}/file.bin`, { allowPrivate: false }))).rejects.toMatchObject({ reason: 'files.fetch.private' });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const p = fetchUrl(opts(`${base}/slow`, { signal: controller.signal, maxBytes: 20_000_000 }));
    setTimeout(() => controller.abort(), 100);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});
