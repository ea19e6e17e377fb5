// tus uploads end to end with tus-js-client: whole, chunked, interrupted and resumed, folders, conflicts and concurrent writers.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tus from 'tus-js-client';
import { startTestServer, tusUpload, USER_HEADER, type TestServer } from './testing';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await fs.mkdir(path.join(t.home.alice, 'Documents'));
});
afterAll(() => t.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const fileSha = async (p: string) => sha(await fs.readFile(p));
const staged = async () => (await fs.readdir(path.join(t.dataDir, 'files-uploads'))).sort();

describe('tus uploads', () => {
  it('uploads a small file in one request and places it under its name', async () => {
    const data = randomBytes(10_000);
    const lastModified = Date.UTC(2020, 0, 2, 3, 4, 5);
    const before = t.changed.length;
    const r = await tusUpload(t, 'alice', data, { target: '/Home/Documents', relativePath: 'small 😀.bin', lastModified: String(lastModified) });
    const file = path.join(t.home.alice, 'Documents/small 😀.bin');
    expect(await fileSha(file)).toBe(sha(data));
    expect((await fs.stat(file)).mtimeMs).toBe(lastModified);
    expect(r.placed).toBe('/Home/Documents/small 😀.bin');
    expect(r.url).toMatch(/\/api\/files\/uploads\/[0-9a-f]{16}\.[0-9a-f]{32}$/);
    expect(t.changed.slice(before)).toEqual([{ userId: 'u-alice', folders: ['/Home/Documents'] }]);
    // Nothing left in staging: no data file and no .json sidecar.
    expect(await staged()).toEqual([]);
  });

  it('uploads a file in many chunks', async () => {
    const data = randomBytes(1_000_000 + 17);
    await tusUpload(t, 'alice', data, { target: '/Home', relativePath: 'chunked.bin' }, { chunkSize: 64 * 1024 });
    expect(await fileSha(path.join(t.home.alice, 'chunked.bin'))).toBe(sha(data));
  });

  it('uploads an empty file', async () => {
    await tusUpload(t, 'alice', Buffer.alloc(0), { target: '/Home', relativePath: 'empty.txt' });
    expect((await fs.stat(path.join(t.home.alice, 'empty.txt'))).size).toBe(0);
  });

  it('resumes an interrupted upload from the server’s offset with a new client', async () => {
    const data = randomBytes(2_000_000);
    let url = '';
    const interrupted = tusUpload(
      t,
      'alice',
      data,
      { target: '/Home', relativePath: 'resumed.bin' },
      {
        chunkSize: 128 * 1024,
        onUpload: (u) => {
          const upload = u;
          upload.options.onProgress = (sent) => {
            if (sent > 700_000 && !url) {
              url = upload.url!;
              void upload.abort();
            }
          };
        },
      },
    );
    // abort() settles neither onSuccess nor onError: wait until the abort happened.
    await expect.poll(() => url).not.toBe('');
    void interrupted;
    await expect.poll(async () => (await fs.readdir(t.home.alice)).includes('resumed.bin')).toBe(false);

    // The server kept part of it, under the staging name only.
    const head = await fetch(url, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', [USER_HEADER]: 'alice' } });
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(data.length);

    let resumedFrom = -1;
    const r = await tusUpload(
      t,
      'alice',
      data,
      { target: '/Home', relativePath: 'resumed.bin' },
      {
        uploadUrl: url,
        chunkSize: 256 * 1024,
        onChunkComplete: (chunk, accepted) => {
          if (resumedFrom < 0) resumedFrom = accepted - chunk;
        },
      },
    );
    expect(r.url).toBe(url);
    expect(resumedFrom).toBe(offset);
    expect(await fileSha(path.join(t.home.alice, 'resumed.bin'))).toBe(sha(data));
  });

  it('uploads a folder: nested relative paths make the folders', async () => {
    const files = { 'Trip/2024/a.jpg': randomBytes(1000), 'Trip/2024/b c.jpg': randomBytes(2000), 'Trip/notes ✈.md': Buffer.from('# trip') };
    const before = t.changed.length;
    for (const [relativePath, data] of Object.entries(files)) await tusUpload(t, 'alice', data, { target: '/Home/Documents', relativePath });
    for (const [rel, data] of Object.entries(files)) expect(await fileSha(path.join(t.home.alice, 'Documents', rel))).toBe(sha(data));
    const first = t.changed[before]!;
    expect(first.folders.sort()).toEqual(['/Home/Documents', '/Home/Documents/Trip', '/Home/Documents/Trip/2024']);
  });

  it('keeps both by default and replaces when asked', async () => {
    const [one, two, three, four] = [randomBytes(100), randomBytes(200), randomBytes(300), randomBytes(400)];
    const meta = { target: '/Home', relativePath: 'report.pdf' };
    await tusUpload(t, 'alice', one, meta);
    const second = await tusUpload(t, 'alice', two, meta);
    const third = await tusUpload(t, 'alice', three, { ...meta, conflict: 'keepBoth' });
    expect(second.placed).toBe('/Home/report (1).pdf');
    expect(third.placed).toBe('/Home/report (2).pdf');
    expect(await fileSha(path.join(t.home.alice, 'report.pdf'))).toBe(sha(one));
    expect(await fileSha(path.join(t.home.alice, 'report (1).pdf'))).toBe(sha(two));
    expect(await fileSha(path.join(t.home.alice, 'report (2).pdf'))).toBe(sha(three));

    const replaced = await tusUpload(t, 'alice', four, { ...meta, conflict: 'replace' });
    expect(replaced.placed).toBe('/Home/report.pdf');
    expect(await fileSha(path.join(t.home.alice, 'report.pdf'))).toBe(sha(four));
  });

  it('never interleaves two concurrent uploads to one path', async () => {
    const a = randomBytes(600_000);
    const b = randomBytes(600_000);
    const meta = { target: '/Home', relativePath: 'race.bin', conflict: 'replace' };
    await Promise.all([tusUpload(t, 'alice', a, meta, { chunkSize: 32 * 1024 }), tusUpload(t, 'alice', b, meta, { chunkSize: 32 * 1024 })]);
    expect([sha(a), sha(b)]).toContain(await fileSha(path.join(t.home.alice, 'race.bin')));

    const both = await Promise.all([
      tusUpload(t, 'alice', a, { ...meta, relativePath: 'race2.bin', conflict: 'keepBoth' }, { chunkSize: 32 * 1024 }),
      tusUpload(t, 'alice', b, { ...meta, relativePath: 'race2.bin', conflict: 'keepBoth' }, { chunkSize: 32 * 1024 }),
    ]);
    expect(both.map((r) => r.placed).sort()).toEqual(['/Home/race2 (1).bin', '/Home/race2.bin']);
    const hashes = [await fileSha(path.join(t.home.alice, 'race2.bin')), await fileSha(path.join(t.home.alice, 'race2 (1).bin'))];
    expect(hashes.sort()).toEqual([sha(a), sha(b)].sort());
  });

  it('leaves the old file whole when an upload stops half-way and never comes back', async () => {
    const old = randomBytes(5000);
    await fs.writeFile(path.join(t.home.alice, 'keep.bin'), old);
    const data = randomBytes(1_000_000);
    let url = '';
    void tusUpload(
      t,
      'alice',
      data,
      { target: '/Home', relativePath: 'keep.bin', conflict: 'replace' },
      {
        chunkSize: 64 * 1024,
        onUpload: (u) => {
          u.options.onProgress = (sent) => {
            if (sent > 300_000 && !url) {
              url = u.url!;
              void u.abort();
            }
          };
        },
      },
    );
    await expect.poll(() => url).not.toBe('');
    const head = await fetch(url, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', [USER_HEADER]: 'alice' } });
    expect(Number(head.headers.get('upload-offset'))).toBeGreaterThan(0);
    expect(await fileSha(path.join(t.home.alice, 'keep.bin'))).toBe(sha(old));
    expect((await fs.readdir(t.home.alice)).filter((n) => n.startsWith('keep') || n.startsWith('.upload-'))).toEqual(['keep.bin']);
  });

  it('places a complete upload the server never placed when the client looks again (HEAD)', async () => {
    // A crash between the last byte and the rename: simulated by an upload whose staging file is complete.
    const data = randomBytes(3000);
    const create = await fetch(`${t.url}/api/files/uploads`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': String(data.length), 'upload-metadata': `target ${b64('/Home')},relativePath ${b64('recovered.bin')}`, [USER_HEADER]: 'alice' },
    });
    expect(create.status).toBe(201);
    const url = new URL(create.headers.get('location')!, t.url).href;
    const id = url.split('/').pop()!;
    await fs.writeFile(path.join(t.dataDir, 'files-uploads', id), data);
    const head = await fetch(url, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', [USER_HEADER]: 'alice' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(data.length));
    expect(await fileSha(path.join(t.home.alice, 'recovered.bin'))).toBe(sha(data));
    expect(await staged()).not.toContain(id);
  });

  it('keeps to the protocol on PATCH: offsets must match, no more bytes than announced, one writer at a time', async () => {
    const create = await fetch(`${t.url}/api/files/uploads`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': `target ${b64('/Home')},relativePath ${b64('strict.bin')}`, [USER_HEADER]: 'alice' },
    });
    const url = new URL(create.headers.get('location')!, t.url).href;
    const patch = (offset: number, body: Buffer | ReadableStream, extra: Record<string, string> = {}) =>
      fetch(url, { method: 'PATCH', body, duplex: 'half', headers: { 'tus-resumable': '1.0.0', 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), [USER_HEADER]: 'alice', ...extra } } as RequestInit);
    const wrongOffset = await patch(3, Buffer.from('abc'));
    expect([wrongOffset.status, ((await wrongOffset.json()) as { reason: string }).reason]).toEqual([409, 'files.upload.failed']);
    expect((await patch(0, Buffer.from('abc'), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await patch(0, Buffer.from('0123456789AB'))).status).toBe(413);
    // A slow first writer holds the upload: a second PATCH meanwhile is told to come back.
    let push!: (b: Uint8Array | null) => void;
    const slow = new ReadableStream<Uint8Array>({ start: (c) => void (push = (b) => (b ? c.enqueue(b) : c.close())) });
    const first = patch(0, slow as unknown as ReadableStream);
    push(new Uint8Array([48, 49, 50]));
    await new Promise((r) => setTimeout(r, 200));
    expect((await patch(0, Buffer.from('0123456789'))).status).toBe(423);
    push(null);
    const done = await first;
    expect([done.status, done.headers.get('upload-offset')]).toEqual([204, '3']);
    const rest = await patch(3, Buffer.from('3456789'));
    expect([rest.status, rest.headers.get('upload-offset'), decodeURIComponent(rest.headers.get('x-files-path') ?? '')]).toEqual([204, '10', '/Home/strict.bin']);
    expect(await fs.readFile(path.join(t.home.alice, 'strict.bin'), 'utf8')).toBe('0123456789');
    expect(await staged()).not.toContain(url.split('/').pop());
  });

  it('is ended by the client with DELETE (termination)', async () => {
    const create = await fetch(`${t.url}/api/files/uploads`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '100', 'upload-metadata': `target ${b64('/Home')},relativePath ${b64('gone.bin')}`, [USER_HEADER]: 'alice' },
    });
    const url = new URL(create.headers.get('location')!, t.url).href;
    await tus.Upload.terminate(url, { headers: { [USER_HEADER]: 'alice' } });
    expect(await staged()).not.toContain(url.split('/').pop());
  });
});

function b64(s: string): string {
  return Buffer.from(s).toString('base64');
}
