// What tus uploads refuse: no caller, quota, bad lengths, paths that leave the roots, another user's upload; and expiry of partial uploads.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAW_CSP } from './raw';
import { refusal, startTestServer, tusUpload, USER_HEADER, type TestServer } from './testing';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ uploads: { maxSize: 1_000_000 } });
  await fs.mkdir(path.join(t.home.alice, 'Documents'));
  await fs.writeFile(path.join(t.home.alice, 'file.txt'), 'x');
  await fs.mkdir(path.join(t.base, 'outside'));
  await fs.symlink(path.join(t.base, 'outside'), path.join(t.home.alice, 'out'));
});
afterAll(() => t.close());

const b64 = (s: string) => Buffer.from(s).toString('base64');
const staged = async () => fs.readdir(path.join(t.dataDir, 'files-uploads'));
const tusHeaders = (user: string | null, extra: Record<string, string> = {}) => ({ 'tus-resumable': '1.0.0', ...(user ? { [USER_HEADER]: user } : {}), ...extra });

/** Creates an upload with a raw POST; returns the response. */
function create(user: string | null, length: number | null, meta: Record<string, string>) {
  const metadata = Object.entries(meta)
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');
  return fetch(`${t.url}/api/files/uploads`, {
    method: 'POST',
    headers: tusHeaders(user, { 'upload-metadata': metadata, ...(length === null ? { 'upload-defer-length': '1' } : { 'upload-length': String(length) }) }),
  });
}

describe('tus upload refusals', () => {
  it('needs a signed-in caller', async () => {
    const res = await create(null, 10, { target: '/Home', relativePath: 'a.txt' });
    expect(res.status).toBe(401);
    expect((await res.json()).reason).toBe('files.upload.signedOut');
  });

  it('refuses what would not fit, before any byte is stored', async () => {
    t.space.limit = 1000;
    try {
      const before = await staged();
      const err = await tusUpload(t, 'alice', randomBytes(5000), { target: '/Home', relativePath: 'big.bin' }).catch((e: unknown) => e);
      expect(refusal(err)).toEqual({ status: 413, reason: 'files.quota.exceeded' });
      expect(await staged()).toEqual(before);
      await expect(fs.stat(path.join(t.home.alice, 'big.bin'))).rejects.toThrow();

      // Space promised to an upload in progress counts: a second one that would not fit beside it is refused.
      const first = await create('alice', 600, { target: '/Home', relativePath: 'one.bin' });
      expect(first.status).toBe(201);
      const second = await create('alice', 600, { target: '/Home', relativePath: 'two.bin' });
      expect(second.status).toBe(413);
      // Ended by its client: the space is free again.
      await fetch(new URL(first.headers.get('location')!, t.url), { method: 'DELETE', headers: tusHeaders('alice') });
      const third = await create('alice', 600, { target: '/Home', relativePath: 'three.bin' });
      expect(third.status).toBe(201);
      await fetch(new URL(third.headers.get('location')!, t.url), { method: 'DELETE', headers: tusHeaders('alice') });
    } finally {
      t.space.limit = Number.MAX_SAFE_INTEGER;
    }
  });

  it('wants the length up front and refuses more than the largest upload', async () => {
    const deferred = await create('alice', null, { target: '/Home', relativePath: 'a.txt' });
    expect(deferred.status).toBe(400);
    expect((await deferred.json()).reason).toBe('files.upload.invalid');
    const huge = await create('alice', 2_000_000, { target: '/Home', relativePath: 'a.txt' });
    expect(huge.status).toBe(413);
    expect((await huge.json()).reason).toBe('files.upload.tooLarge');
  });

  it('refuses targets outside the caller’s writable folders', async () => {
    const cases: [string, number, string][] = [
      ['/Home/../x', 400, 'files.path.traversal'],
      ['/Home/%2e%2e', 400, 'files.path.encoded'],
      ['/Home/%252e%252e', 400, 'files.path.encoded'],
      ['/Home\\Documents', 400, 'files.path.backslash'],
      ['/Home/a\0b', 400, 'files.path.nul'],
      ['/Home2', 404, 'files.path.unknownRoot'],
      [t.home.bob, 404, 'files.path.unknownRoot'],
      [path.join(t.home.alice, 'Documents'), 400, 'files.path.absolute'],
      ['/Home/out', 403, 'files.path.escapes'],
      ['/Archive', 403, 'files.path.readOnly'],
      ['/Home/file.txt', 400, 'files.notFolder'],
      ['/Home/missing', 404, 'files.notFound'],
    ];
    for (const [target, status, reason] of cases) {
      const res = await create('alice', 10, { target, relativePath: 'a.txt' });
      const body = (await res.json()) as { reason: string; message: string };
      expect({ target, status: res.status, reason: body.reason }).toEqual({ target, status, reason });
      expect(body.message).not.toContain(t.base);
    }
  });

  it('refuses relative paths that are not plain names', async () => {
    const cases: [string, string][] = [
      ['../x.txt', 'files.path.traversal'],
      ['a/../../x.txt', 'files.path.traversal'],
      ['./x.txt', 'files.path.traversal'],
      ['%2e%2e/x.txt', 'files.path.encoded'],
      ['a%2fb.txt', 'files.path.encoded'],
      ['a\\b.txt', 'files.path.backslash'],
      ['..\\x.txt', 'files.path.backslash'],
      ['a\0.txt', 'files.path.nul'],
      ['/etc/passwd', 'files.path.absolute'],
      ['a//b.txt', 'files.path.invalid'],
      ['dir/', 'files.path.invalid'],
      ['out/x.txt', 'files.path.escapes'],
    ];
    for (const [relativePath, reason] of cases) {
      const res = await create('alice', 10, { target: '/Home', relativePath });
      expect({ relativePath, reason: ((await res.json()) as { reason: string }).reason }).toEqual({ relativePath, reason });
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    const none = await create('alice', 10, { target: '/Home' });
    expect((await none.json()).reason).toBe('files.upload.invalid');
    expect(await fs.readdir(path.join(t.base, 'outside'))).toEqual([]);
  });

  it('refuses, once the bytes are in, a folder upload whose folder is a file', async () => {
    const err = await tusUpload(t, 'alice', Buffer.from('x'), { target: '/Home', relativePath: 'file.txt/inside.txt' }).catch((e: unknown) => e);
    expect(refusal(err)).toEqual({ status: 422, reason: 'files.notFolder' });
    expect(await fs.readFile(path.join(t.home.alice, 'file.txt'), 'utf8')).toBe('x');
  });

  it('hides one user’s uploads from another (404 for HEAD, PATCH and DELETE)', async () => {
    const res = await create('alice', 100, { target: '/Home', relativePath: 'mine.bin' });
    const url = new URL(res.headers.get('location')!, t.url).href;
    const head = await fetch(url, { method: 'HEAD', headers: tusHeaders('bob') });
    expect(head.status).toBe(404);
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: tusHeaders('bob', { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }),
      body: Buffer.alloc(100),
    });
    expect(patch.status).toBe(404);
    expect((await patch.json()).reason).toBe('files.upload.gone');
    const del = await fetch(url, { method: 'DELETE', headers: tusHeaders('bob') });
    expect(del.status).toBe(404);
    // Still alice's, untouched.
    const mine = await fetch(url, { method: 'HEAD', headers: tusHeaders('alice') });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('upload-offset')).toBe('0');
    // Ids that are not upload ids, or reach elsewhere, are not found either; reading an upload back is not offered.
    for (const p of ['/x', '/..%2f..%2fetc', `/${url.split('/').pop()}/x`]) {
      expect((await fetch(`${t.url}/api/files/uploads${p}`, { method: 'HEAD', headers: tusHeaders('alice') })).status).toBe(404);
    }
    expect((await fetch(url, { headers: tusHeaders('alice') })).status).toBe(405);
  });

  it('answers tus’s own refusals as JSON too (wrong offset)', async () => {
    const res = await create('alice', 100, { target: '/Home', relativePath: 'offset.bin' });
    const url = new URL(res.headers.get('location')!, t.url).href;
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: tusHeaders('alice', { 'upload-offset': '50', 'content-type': 'application/offset+octet-stream' }),
      body: Buffer.alloc(10),
    });
    expect(patch.status).toBe(409);
    expect((await patch.json()).reason).toBe('files.upload.failed');
  });
});

describe('expiry', () => {
  it('removes partial uploads once they expire', async () => {
    const s = await startTestServer({ uploads: { expiryMs: 1, cleanupIntervalMs: 20 } });
    try {
      // An upload that got some bytes and never finished.
      const metadata = `target ${b64('/Home')},relativePath ${b64('stale.bin')}`;
      const res = await fetch(`${s.url}/api/files/uploads`, { method: 'POST', headers: { ...tusHeaders('alice'), 'upload-length': '1000', 'upload-metadata': metadata } });
      expect(res.status).toBe(201);
      const url = new URL(res.headers.get('location')!, s.url).href;
      const id = url.split('/').pop()!;
      const dir = path.join(s.dataDir, 'files-uploads');
      await fs.writeFile(path.join(dir, id), Buffer.alloc(300));
      // An orphan sidecar from an upload placed just before a crash.
      await fs.writeFile(path.join(dir, `${'0'.repeat(16)}.${'1'.repeat(32)}.json`), '{}');
      await expect.poll(async () => fs.readdir(dir), { timeout: 5000 }).toEqual([]);
      const head = await fetch(url, { method: 'HEAD', headers: tusHeaders('alice') });
      expect([404, 410]).toContain(head.status);
      expect(await fs.readdir(s.home.alice)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('behind the desktop’s security headers', () => {
  it('uploads with Origin and x-olares-request, and refuses without them; raw files keep their own policy', async () => {
    const s = await startTestServer({ security: true });
    try {
      const origin = 'http://desktop.test';
      const data = randomBytes(200_000);
      await tusUpload(s, 'alice', data, { target: '/Home', relativePath: 'safe.bin' }, { chunkSize: 64 * 1024, headers: { origin, 'x-olares-request': '1' } });
      expect((await fs.readFile(path.join(s.home.alice, 'safe.bin'))).equals(data)).toBe(true);

      const err = await tusUpload(s, 'alice', data, { target: '/Home', relativePath: 'csrf.bin' }, { headers: { origin } }).catch((e: unknown) => e);
      expect(refusal(err).status).toBe(403);

      const raw = await fetch(`${s.url}/api/files/raw?path=${encodeURIComponent('/Home/safe.bin')}`, { headers: { [USER_HEADER]: 'alice' } });
      expect(raw.status).toBe(200);
      expect(raw.headers.get('content-security-policy')).toBe(RAW_CSP);
      await raw.arrayBuffer();
    } finally {
      await s.close();
    }
  });
});
