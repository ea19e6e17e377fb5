// A cloud drive used like a folder through the real app (PostgreSQL, a temporary DATA_DIR, a local S3 server): roots, listings, the editor, tus uploads, downloads, zips, copies and moves in every direction, deletes.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, data, error, mutate, ORIGIN, query, signIn, startTestApp, type TestApp } from '../../../../bff/testing/app';
import { testServers } from '../../../../bff/testing/databases';
import type { FilesService } from '../files.service';
import type { Conflict, FileEntry, FolderSize, Job, Listing, RootInfo } from '../files.types';
import { RAW_CSP } from '../http/raw';
import type { DriveView } from './drives.service';
import { S3Drive } from './s3-drive';
import { startTestS3, type TestS3 } from './testing/s3';

const PASSWORD = 'correct horse battery staple';
const BUCKET = 'cloud-bucket';
let n = 0;
const rid = () => `d-${++n}-${Date.now()}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe.each(testServers())('cloud drives in Files on the $name server', (server) => {
  let t: TestApp;
  let s3: TestS3;
  let tmp: string;
  let home: string;
  let alice: string;
  let bob: string;
  /** The bucket as the test sees it (alice's prefix), to check what landed there. */
  let bucket: S3Drive;
  let view: DriveView;

  const ok = <T>(res: LightMyRequestResponse): T => {
    expect(res.statusCode, res.body).toBe(200);
    return data<T>(res);
  };
  const refused = (res: LightMyRequestResponse, status: number, reason: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(error(res).data.reason).toBe(reason);
  };
  const files = () => t.app.services.files as FilesService;
  const finished = async (jobId: string): Promise<Job> => {
    await files().waitForJob(jobId);
    return ok<Job[]>(await query(t.app, 'files.jobs.list', undefined, alice)).find((j) => j.id === jobId)!;
  };
  const list = async (p: string, cookie = alice) => ok<Listing>(await query(t.app, 'files.list', { path: p, limit: 500, showHidden: true }, cookie));
  const names = async (p: string) => (await list(p)).entries.map((e) => `${e.kind}:${e.name}`);
  const transfer = (input: { op: 'copy' | 'move'; sources: string[]; target: string; conflict?: string }) => mutate(t.app, 'files.transfer', { conflict: 'ask', requestId: rid(), ...input }, alice);
  const transferDone = async (input: Parameters<typeof transfer>[0]): Promise<Job> => finished(ok<{ jobId: string }>(await transfer(input)).jobId);
  const object = async (rel: string) => {
    const { body } = await bucket.read(rel);
    const chunks: Buffer[] = [];
    for await (const c of body) chunks.push(Buffer.from(c as Buffer));
    return Buffer.concat(chunks);
  };
  const raw = (p: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET', cookie = alice) =>
    t.app.inject({ method, url: `/api/files/raw?path=${encodeURIComponent(p)}`, headers: { cookie, ...headers } });

  /** One tus upload in two PATCHes, as a browser would send it. */
  async function tusUpload(bytes: Buffer, target: string, relativePath: string, conflict?: 'keepBoth' | 'replace'): Promise<LightMyRequestResponse> {
    const headers = { cookie: alice, origin: ORIGIN, 'x-olares-request': '1', 'tus-resumable': '1.0.0' };
    const meta = [`target ${b64(target)}`, `relativePath ${b64(relativePath)}`, ...(conflict ? [`conflict ${b64(conflict)}`] : [])].join(',');
    const created = await t.app.inject({ method: 'POST', url: '/api/files/uploads', headers: { ...headers, 'upload-length': String(bytes.length), 'upload-metadata': meta } });
    if (created.statusCode !== 201) return created;
    const url = String(created.headers.location);
    const half = Math.floor(bytes.length / 2);
    let last = created;
    for (const [from, to] of [[0, half], [half, bytes.length]] as const) {
      last = await t.app.inject({
        method: 'PATCH',
        url,
        headers: { ...headers, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(from) },
        payload: bytes.subarray(from, to),
      });
      if (last.statusCode !== 204) return last;
    }
    return last;
  }

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-files-drives-'));
    s3 = await startTestS3([BUCKET, 'second-bucket']);
    t = await startTestApp(server, { DATA_DIR: path.join(tmp, 'data'), LOGIN_RATE_PER_MINUTE: '1000', FILES_ALLOW_PRIVATE_NETWORK: 'true', FILES_WATCH: 'false' });
    await createUser(t, 'alice', PASSWORD, 'member');
    await createUser(t, 'bob', PASSWORD, 'member');
    alice = await signIn(t.app, 'alice', PASSWORD);
    bob = await signIn(t.app, 'bob', PASSWORD);
    ok(await query(t.app, 'files.roots', undefined, alice));
    home = path.join(tmp, 'data', 'users', 'alice', 'Home');
    bucket = new S3Drive(s3.config(BUCKET, 'alice'));
  });
  afterAll(async () => {
    bucket?.destroy();
    await t?.close();
    await s3?.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('adds a drive, which becomes a root of kind drive after Home for its owner only', async () => {
    view = ok<DriveView>(
      await mutate(t.app, 'files.drives.add', { name: 'Cloud', endpoint: s3.endpoint, bucket: BUCKET, prefix: 'alice', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, alice),
    );
    const roots = ok<RootInfo[]>(await query(t.app, 'files.roots', undefined, alice));
    expect(roots).toEqual([
      { id: 'home', name: 'Home', kind: 'home', path: '/Home', readOnly: false },
      { id: `drive-${view.id}`, name: 'Cloud', kind: 'drive', path: '/Cloud', readOnly: false, driveId: view.id },
    ]);
    expect(ok<RootInfo[]>(await query(t.app, 'files.roots', undefined, bob)).map((r) => r.name)).toEqual(['Home']);
    expect(await names('/Cloud')).toEqual([]);
  });

  it('makes folders, saves and lists files, renames, stats and sizes them', async () => {
    ok<FileEntry>(await mutate(t.app, 'files.mkdir', { parent: '/Cloud', name: 'Docs 📁' }, alice));
    refused(await mutate(t.app, 'files.mkdir', { parent: '/Cloud', name: 'Docs 📁' }, alice), 409, 'files.exists');
    const before = (await list('/Cloud/Docs 📁')).version;
    const saved = ok<{ version: string; entry: FileEntry }>(await mutate(t.app, 'files.writeText', { path: '/Cloud/Docs 📁/notes.md', text: '# Notes\n', expectedVersion: null }, alice));
    expect(saved.entry).toMatchObject({ name: 'notes.md', path: '/Cloud/Docs 📁/notes.md', kind: 'file', size: 8, mime: 'text/markdown' });
    const listing = await list('/Cloud/Docs 📁');
    expect(listing.version).not.toBe(before);
    expect(listing).toMatchObject({ path: '/Cloud/Docs 📁', total: 1, entries: [{ name: 'notes.md', path: '/Cloud/Docs 📁/notes.md', kind: 'file', size: 8 }] });
    expect((await object('Docs 📁/notes.md')).toString()).toBe('# Notes\n');

    const renamed = ok<FileEntry>(await mutate(t.app, 'files.rename', { path: '/Cloud/Docs 📁/notes.md', name: 'read me.md' }, alice));
    expect(renamed.path).toBe('/Cloud/Docs 📁/read me.md');
    expect(await names('/Cloud/Docs 📁')).toEqual(['file:read me.md']);
    expect(ok<FileEntry>(await query(t.app, 'files.stat', { path: '/Cloud/Docs 📁' }, alice))).toMatchObject({ kind: 'dir', name: 'Docs 📁' });
    expect(ok<FolderSize>(await query(t.app, 'files.folderSize', { path: '/Cloud' }, alice))).toEqual({ bytes: 8, files: 1, folders: 1 });
    refused(await query(t.app, 'files.list', { path: '/Cloud/nowhere' }, alice), 404, 'files.notFound');
    refused(await query(t.app, 'files.list', { path: '/Cloud/Docs 📁/read me.md' }, alice), 400, 'files.notFolder');
  });

  it('saves with conflict detection: a stale version is refused with the current one', async () => {
    const opened = ok<{ text: string; version: string }>(await query(t.app, 'files.readText', { path: '/Cloud/Docs 📁/read me.md' }, alice));
    expect(opened.text).toBe('# Notes\n');
    const saved = ok<{ version: string }>(await mutate(t.app, 'files.writeText', { path: '/Cloud/Docs 📁/read me.md', text: '# Notes\nmore\n', expectedVersion: opened.version }, alice));
    expect(saved.version).not.toBe(opened.version);
    const stale = await mutate(t.app, 'files.writeText', { path: '/Cloud/Docs 📁/read me.md', text: 'lost?', expectedVersion: opened.version }, alice);
    refused(stale, 409, 'files.write.conflict');
    expect((error(stale).data as { details?: unknown }).details).toEqual({ version: saved.version });
    refused(await mutate(t.app, 'files.writeText', { path: '/Cloud/Docs 📁/read me.md', text: 'x', expectedVersion: null }, alice), 409, 'files.write.conflict');
    expect((await object('Docs 📁/read me.md')).toString()).toBe('# Notes\nmore\n');
  });

  it('uploads through tus into the drive and downloads the file back whole, by range and as HEAD', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 5);
    const done = await tusUpload(bytes, '/Cloud/Docs 📁', 'Photos/big picture.jpg');
    expect(done.statusCode, done.body).toBe(204);
    expect(decodeURIComponent(String(done.headers['x-files-path']))).toBe('/Cloud/Docs 📁/Photos/big picture.jpg');
    expect(sha(await object('Docs 📁/Photos/big picture.jpg'))).toBe(sha(bytes));
    // Nothing left in staging.
    expect((await fs.readdir(path.join(tmp, 'data', 'files-uploads'))).filter((f) => !f.startsWith('.'))).toEqual([]);

    const whole = await raw('/Cloud/Docs 📁/Photos/big picture.jpg');
    expect(whole.statusCode).toBe(200);
    expect(sha(whole.rawPayload)).toBe(sha(bytes));
    expect(whole.headers).toMatchObject({ 'content-type': 'image/jpeg', 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff', 'content-security-policy': RAW_CSP });
    const part = await raw('/Cloud/Docs 📁/Photos/big picture.jpg', { range: 'bytes=1000000-1999999' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000000-1999999/${bytes.length}`);
    expect(sha(part.rawPayload)).toBe(sha(bytes.subarray(1_000_000, 2_000_000)));
    const beyond = await raw('/Cloud/Docs 📁/Photos/big picture.jpg', { range: `bytes=${bytes.length}-` });
    expect([beyond.statusCode, beyond.headers['content-range']]).toEqual([416, `bytes */${bytes.length}`]);
    const head = await raw('/Cloud/Docs 📁/Photos/big picture.jpg', {}, 'HEAD');
    expect([head.statusCode, head.headers['content-length'], head.rawPayload.length]).toEqual([200, String(bytes.length), 0]);
    expect((await raw('/Cloud/Docs 📁/Photos/big picture.jpg', { 'if-none-match': String(whole.headers.etag) })).statusCode).toBe(304);

    // The same name again: kept both, then replaced.
    const again = await tusUpload(Buffer.from('second'), '/Cloud/Docs 📁/Photos', 'big picture.jpg');
    expect(decodeURIComponent(String(again.headers['x-files-path']))).toBe('/Cloud/Docs 📁/Photos/big picture (1).jpg');
    await tusUpload(Buffer.from('replaced'), '/Cloud/Docs 📁/Photos', 'big picture (1).jpg', 'replace');
    expect((await object('Docs 📁/Photos/big picture (1).jpg')).toString()).toBe('replaced');
    const missing = await tusUpload(Buffer.from('x'), '/Cloud/nowhere', 'x.txt');
    expect([missing.statusCode, JSON.parse(missing.body).reason]).toEqual([404, 'files.notFound']);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/thumb?path=${encodeURIComponent('/Cloud/Docs 📁/Photos/big picture.jpg')}`, headers: { cookie: alice } })).statusCode).toBe(415);
  });

  it('zips a drive folder, streaming each object into the archive', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/files/zip?p=${encodeURIComponent('/Cloud/Docs 📁')}`, headers: { cookie: alice } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = path.join(tmp, 'docs.zip');
    await fs.writeFile(zip, res.rawPayload);
    expect(execFileSync('/usr/bin/unzip', ['-Z1', zip]).toString().trim().split('\n').sort()).toEqual(
      ['Docs 📁/', 'Docs 📁/Photos/', 'Docs 📁/Photos/big picture (1).jpg', 'Docs 📁/Photos/big picture.jpg', 'Docs 📁/read me.md'].sort(),
    );
    expect(execFileSync('/usr/bin/unzip', ['-p', zip, 'Docs 📁/read me.md']).toString()).toBe('# Notes\nmore\n');
    // A drive file and a local file together: named from their roots.
    await fs.writeFile(path.join(home, 'Documents', 'local.txt'), 'local');
    const both = await t.app.inject({ method: 'GET', url: `/api/files/zip?p=${encodeURIComponent('/Cloud/Docs 📁/read me.md')}&p=${encodeURIComponent('/Home/Documents/local.txt')}`, headers: { cookie: alice } });
    await fs.writeFile(zip, both.rawPayload);
    expect(execFileSync('/usr/bin/unzip', ['-Z1', zip]).toString().trim().split('\n')).toEqual(['Cloud/Docs 📁/read me.md', 'Home/Documents/local.txt']);
    expect(execFileSync('/usr/bin/unzip', ['-p', zip, 'Cloud/Docs 📁/read me.md']).toString()).toBe('# Notes\nmore\n');
    const gone = await t.app.inject({ method: 'GET', url: `/api/files/zip?p=${encodeURIComponent('/Cloud/nothing')}`, headers: { cookie: alice } });
    expect([gone.statusCode, JSON.parse(gone.body).reason]).toEqual([404, 'files.notFound']);
  });

  it('copies local → drive, drive → local and drive → drive, asking about clashes', async () => {
    await fs.mkdir(path.join(home, 'Documents', 'Trip', 'day 1'), { recursive: true });
    await fs.writeFile(path.join(home, 'Documents', 'Trip', 'plan.txt'), 'plan');
    await fs.writeFile(path.join(home, 'Documents', 'Trip', 'day 1', 'photo.bin'), randomBytes(100_000));
    await fs.mkdir(path.join(home, 'Documents', 'Trip', 'empty'));

    const up = await transferDone({ op: 'copy', sources: ['/Home/Documents/Trip'], target: '/Cloud' });
    expect(up).toMatchObject({ kind: 'copy', state: 'done', itemsDone: 1, bytesDone: 100_004, bytesTotal: 100_004, touched: ['/Cloud'] });
    expect(await names('/Cloud/Trip')).toEqual(['dir:day 1', 'dir:empty', 'file:plan.txt']);
    expect((await object('Trip/plan.txt')).toString()).toBe('plan');

    const down = await transferDone({ op: 'copy', sources: ['/Cloud/Docs 📁'], target: '/Home' });
    expect(down.state).toBe('done');
    expect(await fs.readFile(path.join(home, 'Docs 📁', 'read me.md'), 'utf8')).toBe('# Notes\nmore\n');
    expect(sha(await fs.readFile(path.join(home, 'Docs 📁', 'Photos', 'big picture.jpg')))).toBe(sha(await object('Docs 📁/Photos/big picture.jpg')));
    expect((await fs.readdir(home)).filter((f) => f.includes('olares-part'))).toEqual([]);

    const within = await transferDone({ op: 'copy', sources: ['/Cloud/Trip'], target: '/Cloud/Docs 📁' });
    expect(within.state).toBe('done');
    expect(await names('/Cloud/Docs 📁/Trip')).toEqual(['dir:day 1', 'dir:empty', 'file:plan.txt']);
    // Beside itself: a numbered copy.
    await transferDone({ op: 'copy', sources: ['/Cloud/Trip/plan.txt'], target: '/Cloud/Trip' });
    expect(await names('/Cloud/Trip')).toEqual(['dir:day 1', 'dir:empty', 'file:plan (1).txt', 'file:plan.txt']);
    refused(await transfer({ op: 'copy', sources: ['/Cloud/Trip'], target: '/Cloud/Trip/day 1' }), 400, 'files.transfer.intoItself');
    refused(await transfer({ op: 'copy', sources: ['/Cloud'], target: '/Home' }), 400, 'files.transfer.root');

    // Clashes: asked first, then kept both, skipped, or replaced.
    await fs.writeFile(path.join(home, 'Documents', 'Trip', 'plan.txt'), 'plan v2');
    const asked = ok<{ conflicts: Conflict[] }>(await transfer({ op: 'copy', sources: ['/Home/Documents/Trip'], target: '/Cloud' }));
    expect(asked.conflicts).toEqual([{ source: '/Home/Documents/Trip', target: '/Cloud/Trip', bothFolders: true }]);
    await transferDone({ op: 'copy', sources: ['/Home/Documents/Trip/plan.txt'], target: '/Cloud/Trip', conflict: 'keepBoth' });
    expect((await object('Trip/plan (2).txt')).toString()).toBe('plan v2');
    await transferDone({ op: 'copy', sources: ['/Home/Documents/Trip'], target: '/Cloud', conflict: 'skip' });
    expect((await object('Trip/plan.txt')).toString()).toBe('plan');
    await transferDone({ op: 'copy', sources: ['/Home/Documents/Trip'], target: '/Cloud', conflict: 'replace' });
    expect((await object('Trip/plan.txt')).toString()).toBe('plan v2');
    expect(await names('/Cloud/Trip')).toEqual(['dir:day 1', 'dir:empty', 'file:plan (1).txt', 'file:plan (2).txt', 'file:plan.txt']);
    const back = ok<{ conflicts: Conflict[] }>(await transfer({ op: 'copy', sources: ['/Cloud/Trip/plan (2).txt', '/Cloud/Trip/plan.txt'], target: '/Home/Documents/Trip' }));
    expect(back.conflicts.map((c) => c.target)).toEqual(['/Home/Documents/Trip/plan.txt']);
    await transferDone({ op: 'copy', sources: ['/Cloud/Trip/day 1'], target: '/Home/Documents/Trip', conflict: 'replace' });
    expect((await fs.stat(path.join(home, 'Documents', 'Trip', 'day 1', 'photo.bin'))).size).toBe(100_000);

    // To another drive (another bucket): the bytes stream through, and a move deletes the source.
    const second = ok<DriveView>(await mutate(t.app, 'files.drives.add', { name: 'Second', endpoint: s3.endpoint, bucket: 'second-bucket', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, alice));
    const across = await transferDone({ op: 'copy', sources: ['/Cloud/Trip'], target: '/Second' });
    expect(across).toMatchObject({ state: 'done', bytesDone: across.bytesTotal });
    expect(await names('/Second/Trip/day 1')).toEqual(['file:photo.bin']);
    await transferDone({ op: 'move', sources: ['/Second/Trip/plan (1).txt'], target: '/Cloud' });
    expect((await object('plan (1).txt')).toString()).toBe('plan');
    expect(await names('/Second/Trip')).not.toContain('file:plan (1).txt');
    ok(await mutate(t.app, 'files.drives.remove', { id: second.id }, alice));
  });

  it('moves to, from and within a drive (a copy, then the source deleted), carrying favourites along', async () => {
    ok(await mutate(t.app, 'files.favorites.add', { path: '/Cloud/Trip/empty' }, alice));
    await transferDone({ op: 'move', sources: ['/Cloud/Trip/empty'], target: '/Cloud/Docs 📁' });
    expect(ok<string[]>(await query(t.app, 'files.favorites.list', undefined, alice))).toContain('/Cloud/Docs 📁/empty');
    expect(await names('/Cloud/Trip')).not.toContain('dir:empty');

    await fs.writeFile(path.join(home, 'Documents', 'to cloud.txt'), 'moving up');
    const up = await transferDone({ op: 'move', sources: ['/Home/Documents/to cloud.txt'], target: '/Cloud' });
    expect(up.touched.sort()).toEqual(['/Cloud', '/Home/Documents']);
    expect(await fs.stat(path.join(home, 'Documents', 'to cloud.txt')).catch(() => null)).toBeNull();
    expect((await object('to cloud.txt')).toString()).toBe('moving up');

    await transferDone({ op: 'move', sources: ['/Cloud/to cloud.txt', '/Cloud/Trip/day 1'], target: '/Home/Downloads' });
    expect(await fs.readFile(path.join(home, 'Downloads', 'to cloud.txt'), 'utf8')).toBe('moving up');
    expect((await fs.stat(path.join(home, 'Downloads', 'day 1', 'photo.bin'))).size).toBe(100_000);
    expect(await bucket.stat('to cloud.txt')).toBeNull();
    expect(await bucket.stat('Trip/day 1')).toBeNull();
  });

  it('leaves out objects whose names cannot be local names (copies, moves, zips), and a move then keeps its source', async () => {
    await bucket.write('Odd/ok.txt', 'fine');
    await bucket.write('Odd/back\\slash.txt', 'odd');
    expect((await transferDone({ op: 'move', sources: ['/Cloud/Odd'], target: '/Home' })).state).toBe('done');
    expect(await fs.readdir(path.join(home, 'Odd'))).toEqual(['ok.txt']);
    expect(await bucket.stat('Odd/back\\slash.txt')).not.toBeNull();
    const res = await t.app.inject({ method: 'GET', url: `/api/files/zip?p=${encodeURIComponent('/Cloud/Odd')}`, headers: { cookie: alice } });
    const zip = path.join(tmp, 'odd.zip');
    await fs.writeFile(zip, res.rawPayload);
    expect(execFileSync('/usr/bin/unzip', ['-Z1', zip]).toString().trim().split('\n')).toEqual(['Odd/', 'Odd/ok.txt']);
  });

  it('merges a drive folder into a local one without following a link that points out', async () => {
    const outside = path.join(tmp, 'outside');
    await fs.mkdir(outside);
    await fs.mkdir(path.join(home, 'Merge'));
    await fs.symlink(outside, path.join(home, 'Merge', 'sub'));
    await bucket.write('Merge/sub/x.txt', 'inside');
    await transferDone({ op: 'copy', sources: ['/Cloud/Merge'], target: '/Home', conflict: 'replace' });
    expect(await fs.readdir(outside)).toEqual([]);
    expect((await fs.lstat(path.join(home, 'Merge', 'sub'))).isDirectory()).toBe(true);
    expect(await fs.readFile(path.join(home, 'Merge', 'sub', 'x.txt'), 'utf8')).toBe('inside');
  });

  it('cancels a large copy to the drive and leaves nothing of it there', async () => {
    const big = path.join(home, 'Big');
    await fs.mkdir(big);
    const chunk = randomBytes(8 * 1024 * 1024);
    for (let i = 0; i < 24; i++) await fs.writeFile(path.join(big, `part ${i}.bin`), chunk);
    const { jobId } = ok<{ jobId: string }>(await transfer({ op: 'copy', sources: ['/Home/Big'], target: '/Cloud' }));
    // Cancelled at once: waiting for its first bytes raced with the whole copy finishing on a quiet machine.
    const cancelled = ok<Job>(await mutate(t.app, 'files.jobs.cancel', { id: jobId }, alice));
    expect(cancelled.state).toBe('cancelled');
    // Cancelled before it had even sized the folder (0 of 0) or part-way: never all of it.
    expect(cancelled.bytesDone === 0 || cancelled.bytesDone < cancelled.bytesTotal).toBe(true);
    expect(await bucket.stat('Big')).toBeNull();
    expect(await names('/Cloud')).not.toContain('dir:Big');
  });

  it('deletes from the drive for good (a trash job), and keeps the drive to its owner', async () => {
    const job = await finished(ok<{ jobId: string }>(await mutate(t.app, 'files.trash.move', { paths: ['/Cloud/Trip', '/Home/Big'], requestId: rid() }, alice)).jobId);
    expect(job).toMatchObject({ kind: 'trash', state: 'done', itemsDone: 2, itemsTotal: 2 });
    expect(job.touched.sort()).toEqual(['/Cloud', '/Home']);
    expect(await bucket.stat('Trip')).toBeNull();
    // The local folder went to the trash; the drive's folder did not.
    expect(ok<{ originalPath: string }[]>(await query(t.app, 'files.trash.list', undefined, alice)).map((i) => i.originalPath)).toEqual(['/Home/Big']);
    refused(await mutate(t.app, 'files.trash.move', { paths: ['/Cloud'], requestId: rid() }, alice), 400, 'files.trash.root');

    refused(await query(t.app, 'files.list', { path: '/Cloud' }, bob), 400, 'files.path.unknownRoot');
    expect((await raw('/Cloud/Docs 📁/read me.md', {}, 'GET', bob)).statusCode).toBe(404);
    refused(await mutate(t.app, 'files.transfer', { op: 'copy', sources: ['/Cloud/Docs 📁'], target: '/Home', requestId: rid() }, bob), 400, 'files.path.unknownRoot');
    refused(await mutate(t.app, 'files.shares.createLink', { path: '/Cloud/Docs 📁' }, alice), 400, 'files.path.remote');

    // Removing the drive takes its root away (the bucket keeps its objects).
    ok(await mutate(t.app, 'files.drives.remove', { id: view.id }, alice));
    expect(ok<RootInfo[]>(await query(t.app, 'files.roots', undefined, alice)).map((r) => r.kind)).toEqual(['home']);
    expect(await bucket.stat('Docs 📁/read me.md')).not.toBeNull();
  });
});
