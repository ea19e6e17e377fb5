// Downloads through /api/files/raw: whole files, ranges, validators, names, and the paths it refuses.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAW_CSP } from './raw';
import { as, startTestServer, type TestServer } from './testing';

let t: TestServer;
const data = randomBytes(300_000);
const raw = (p: string, extra = '') => `${t.url}/api/files/raw?path=${encodeURIComponent(p)}${extra}`;

beforeAll(async () => {
  t = await startTestServer();
  await fs.mkdir(path.join(t.home.alice, 'Documents'), { recursive: true });
  await fs.writeFile(path.join(t.home.alice, 'Documents/blob.bin'), data);
  await fs.writeFile(path.join(t.home.alice, 'Documents/page.html'), '<script>alert(1)</script>');
  await fs.writeFile(path.join(t.home.alice, 'Documents/doc.pdf'), '%PDF-1.4\n');
  await fs.writeFile(path.join(t.home.alice, 'Documents/empty.txt'), '');
  await fs.writeFile(path.join(t.home.alice, 'Documents/Ünïcode 😀 “quoted”.txt'), 'hello');
  await fs.writeFile(path.join(t.home.bob, 'secret.txt'), 'bob only');
  await fs.writeFile(path.join(t.base, 'outside.txt'), 'outside');
  await fs.symlink(path.join(t.base, 'outside.txt'), path.join(t.home.alice, 'link-out.txt'));
});
afterAll(() => t.close());

const sha = (b: ArrayBuffer | Buffer) => createHash('sha256').update(Buffer.from(b as ArrayBuffer)).digest('hex');

describe('GET /api/files/raw', () => {
  it('streams a whole file with validators and safe headers', async () => {
    const res = await fetch(raw('/Home/Documents/blob.bin'), as('alice'));
    expect(res.status).toBe(200);
    expect(sha(await res.arrayBuffer())).toBe(sha(data));
    expect(res.headers.get('content-length')).toBe(String(data.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+-[0-9a-f]+"$/);
    expect(res.headers.get('last-modified')).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; /);
  });

  it('serves HTML inert, as text/html with a sandboxing policy, and PDFs under the same policy', async () => {
    const html = await fetch(raw('/Home/Documents/page.html'), as('alice'));
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toBe(RAW_CSP);
    expect(RAW_CSP).toContain('sandbox');
    expect(RAW_CSP).toContain("default-src 'none'");
    const pdf = await fetch(raw('/Home/Documents/doc.pdf'), as('alice'));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-security-policy')).toBe(RAW_CSP);
  });

  it('answers a HEAD with headers only', async () => {
    const res = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(data.length));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('sends an empty file', async () => {
    const res = await fetch(raw('/Home/Documents/empty.txt'), as('alice'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('serves byte ranges: first bytes, middle, suffix; 416 past the end', async () => {
    const first = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { headers: { range: 'bytes=0-99' } }));
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-99/${data.length}`);
    expect(Buffer.from(await first.arrayBuffer()).equals(data.subarray(0, 100))).toBe(true);

    const open = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { headers: { range: 'bytes=299000-' } }));
    expect(open.status).toBe(206);
    expect(Buffer.from(await open.arrayBuffer()).equals(data.subarray(299_000))).toBe(true);

    const suffix = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { headers: { range: 'bytes=-500' } }));
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe(`bytes ${data.length - 500}-${data.length - 1}/${data.length}`);
    expect(Buffer.from(await suffix.arrayBuffer()).equals(data.subarray(-500))).toBe(true);

    const past = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { headers: { range: `bytes=${data.length}-` } }));
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${data.length}`);
    expect((await past.json()).reason).toBe('files.range.unsatisfiable');

    // Several ranges: the whole file.
    const multi = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { headers: { range: 'bytes=0-1,5-6' } }));
    expect(multi.status).toBe(200);
    expect((await multi.arrayBuffer()).byteLength).toBe(data.length);
  });

  it('answers 304 for a current ETag or date, and ignores a stale If-Range', async () => {
    const first = await fetch(raw('/Home/Documents/blob.bin'), as('alice'));
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    const again = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { headers: { 'if-none-match': etag } }));
    expect(again.status).toBe(304);
    const byDate = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { headers: { 'if-modified-since': first.headers.get('last-modified')! } }));
    expect(byDate.status).toBe(304);
    const other = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { headers: { 'if-none-match': '"nope"' } }));
    expect(other.status).toBe(200);
    await other.arrayBuffer();
    const stale = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { headers: { range: 'bytes=0-9', 'if-range': '"old"' } }));
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
    const fresh = await fetch(raw('/Home/Documents/blob.bin'), as('alice', { headers: { range: 'bytes=0-9', 'if-range': etag } }));
    expect(fresh.status).toBe(206);
    await fresh.arrayBuffer();
  });

  it('names a download as an attachment with its unicode name (RFC 5987)', async () => {
    const res = await fetch(raw('/Home/Documents/Ünïcode 😀 “quoted”.txt', '&download=1'), as('alice'));
    expect(res.status).toBe(200);
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const star = /filename\*=UTF-8''(.+)$/.exec(cd)![1]!;
    expect(decodeURIComponent(star)).toBe('Ünïcode 😀 “quoted”.txt');
    expect(await res.text()).toBe('hello');
  });

  it('refuses folders, missing files, other users and paths that escape', async () => {
    const cases: [string, number, string][] = [
      ['/Home/Documents', 400, 'files.isFolder'],
      ['/Home/nope.txt', 404, 'files.notFound'],
      ['/Home/../bob/Home/secret.txt', 400, 'files.path.traversal'],
      ['/Home/%2e%2e/x', 400, 'files.path.encoded'],
      ['/Home\\..\\x', 400, 'files.path.backslash'],
      ['/Home/a\0b', 400, 'files.path.nul'],
      [path.join(t.home.alice, 'Documents/blob.bin'), 400, 'files.path.absolute'],
      ['/Home/link-out.txt', 403, 'files.path.escapes'],
      ['/Home2/x', 404, 'files.path.unknownRoot'],
    ];
    for (const [p, status, reason] of cases) {
      const res = await fetch(raw(p), as('alice'));
      const body = (await res.json()) as { statusCode: number; reason: string; message: string };
      expect({ p, status: res.status, reason: body.reason }).toEqual({ p, status, reason });
      expect(body.statusCode).toBe(status);
      expect(JSON.stringify(body)).not.toContain(t.base);
    }
    // bob's Home is bob's: alice's /Home/secret.txt does not exist, and bob sees his.
    expect((await fetch(raw('/Home/secret.txt'), as('alice'))).status).toBe(404);
    expect(await (await fetch(raw('/Home/secret.txt'), as('bob'))).text()).toBe('bob only');
  });

  it('needs a signed-in caller and a path', async () => {
    const anon = await fetch(raw('/Home/Documents/blob.bin'), as(null));
    expect(anon.status).toBe(401);
    expect((await anon.json()).reason).toBe('auth.required');
    const none = await fetch(`${t.url}/api/files/raw`, as('alice'));
    expect(none.status).toBe(400);
    expect((await none.json()).reason).toBe('files.path.invalid');
  });
});
