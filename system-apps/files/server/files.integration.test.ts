// Files through tRPC on a real database and temporary folders: roots, listings, changes, transfers, jobs, trash, favourites, quotas, isolation.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, data, error, mutate, query, signIn, startTestApp, type TestApp } from '../../../bff/testing/app';
import { testServers } from '../../../bff/testing/databases';
import type { FilesService } from './files.service';
import type { Conflict, FileEntry, Job, Listing, RootInfo, TrashItem } from './files.types';

const PASSWORD = 'correct horse battery staple';
let requests = 0;
const rid = () => `req-${++requests}-${Date.now()}`;

describe.each(testServers())('Files on the $name server', (server) => {
  let t: TestApp;
  let tmp: string;
  let dataDir: string;
  let home: string;
  let alice: string;
  let bob: string;
  let admin: string;

  const ok = <T>(res: LightMyRequestResponse): T => {
    expect(res.statusCode, res.body).toBe(200);
    return data<T>(res);
  };
  const refused = (res: LightMyRequestResponse, status: number, reason: string) => {
    expect({ status: res.statusCode, reason: error(res).data.reason }, res.body).toEqual({ status, reason });
    // Never a host path in what the client sees.
    expect(res.body).not.toContain(tmp);
  };
  const list = async (p: string, extra: Record<string, unknown> = {}, cookie = alice) => ok<Listing>(await query(t.app, 'files.list', { path: p, limit: 500, ...extra }, cookie));
  const names = async (p: string, extra: Record<string, unknown> = {}, cookie = alice) => (await list(p, extra, cookie)).entries.map((e) => e.name);
  const service = () => t.app.services.files as FilesService;
  /** Waits for a job to end and returns it as the client sees it. */
  const finished = async (jobId: string, cookie = alice): Promise<Job> => {
    await service().waitForJob(jobId);
    const job = ok<Job[]>(await query(t.app, 'files.jobs.list', undefined, cookie)).find((j) => j.id === jobId);
    expect(job).toBeDefined();
    return job!;
  };
  const transfer = async (input: { op: 'copy' | 'move'; sources: string[]; target: string; conflict: string; requestId?: string }, cookie = alice) =>
    ok<{ jobId?: string; conflicts?: Conflict[] }>(await mutate(t.app, 'files.transfer', { requestId: rid(), ...input }, cookie));
  const transferDone = async (input: Parameters<typeof transfer>[0]) => {
    const res = await transfer(input);
    expect(res.jobId, JSON.stringify(res)).toBeDefined();
    const job = await finished(res.jobId!);
    expect(job.state, JSON.stringify(job)).toBe('done');
    return job;
  };
  const write = (rel: string, text: string) => fs.mkdir(path.dirname(path.join(home, rel)), { recursive: true }).then(() => fs.writeFile(path.join(home, rel), text));
  const read = (rel: string) => fs.readFile(path.join(home, rel), 'utf8');
  const present = (rel: string) => fs.lstat(path.join(home, rel)).then(() => true, () => false);

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-files-'));
    dataDir = path.join(tmp, 'data');
    t = await startTestApp(server, { DATA_DIR: dataDir, LOGIN_RATE_PER_MINUTE: '1000' });
    await createUser(t, 'alice', PASSWORD, 'member');
    await createUser(t, 'bob', PASSWORD, 'member');
    await createUser(t, 'olivia', PASSWORD, 'owner');
    alice = await signIn(t.app, 'alice', PASSWORD);
    bob = await signIn(t.app, 'bob', PASSWORD);
    admin = await signIn(t.app, 'olivia', PASSWORD);
    home = path.join(dataDir, 'users', 'alice', 'Home');
  });
  afterAll(async () => {
    await t?.close();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('gives each user a Home made on first use with the standard folders', async () => {
    const roots = ok<RootInfo[]>(await query(t.app, 'files.roots', undefined, alice));
    expect(roots).toEqual([{ id: 'home', name: 'Home', kind: 'home', path: '/Home', readOnly: false }]);
    expect(await names('/Home')).toEqual(['Documents', 'Downloads', 'Music', 'Pictures', 'Videos']);
    const listing = await list('/Home/');
    expect(listing).toMatchObject({ path: '/Home', total: 5, offset: 0 });
    expect(listing.entries[0]).toMatchObject({ name: 'Documents', path: '/Home/Documents', kind: 'dir', size: 0, mime: 'inode/directory', hidden: false });
    expect(listing.version).toMatch(/^\d/);
  });

  it('lists folders first in natural order, pages and hides dot files', async () => {
    await fs.mkdir(path.join(home, 'sorted'));
    for (const n of ['file10.txt', 'file2.txt', 'File1.txt', '.secret', 'b.md']) await write(`sorted/${n}`, n);
    await fs.mkdir(path.join(home, 'sorted', 'zeta'));
    expect(await names('/Home/sorted')).toEqual(['zeta', 'b.md', 'File1.txt', 'file2.txt', 'file10.txt']);
    expect(await names('/Home/sorted', { showHidden: true })).toEqual(['zeta', '.secret', 'b.md', 'File1.txt', 'file2.txt', 'file10.txt']);
    expect(await names('/Home/sorted', { desc: true })).toEqual(['zeta', 'file10.txt', 'file2.txt', 'File1.txt', 'b.md']);
    const page = await list('/Home/sorted', { offset: 2, limit: 2 });
    expect({ total: page.total, names: page.entries.map((e) => e.name) }).toEqual({ total: 5, names: ['File1.txt', 'file2.txt'] });
    const file = (await list('/Home/sorted')).entries.find((e) => e.name === 'b.md')!;
    expect(file).toMatchObject({ kind: 'file', size: 4, mime: 'text/markdown', path: '/Home/sorted/b.md' });
    expect(ok<FileEntry>(await query(t.app, 'files.stat', { path: '/Home/sorted/b.md' }, alice))).toEqual(file);
    refused(await query(t.app, 'files.list', { path: '/Home/sorted/b.md' }, alice), 400, 'files.notFolder');
    refused(await query(t.app, 'files.list', { path: '/Home/nothing-here' }, alice), 404, 'files.notFound');
  });

  it('reports links as links and refuses to follow one out of the root', async () => {
    await fs.mkdir(path.join(home, 'links'));
    await fs.symlink(tmp, path.join(home, 'links', 'out'));
    await fs.symlink('../sorted', path.join(home, 'links', 'in'));
    const entries = (await list('/Home/links')).entries;
    expect(entries.map((e) => [e.name, e.kind])).toEqual([
      ['in', 'symlink'],
      ['out', 'symlink'],
    ]);
    refused(await query(t.app, 'files.list', { path: '/Home/links/out' }, alice), 400, 'files.path.escapes');
    expect(await names('/Home/links/in')).toContain('b.md');
  });

  it('makes and renames folders; a name already taken is a conflict', async () => {
    const made = ok<FileEntry>(await mutate(t.app, 'files.mkdir', { parent: '/Home/Documents', name: 'Projects 🚀' }, alice));
    expect(made).toMatchObject({ name: 'Projects 🚀', path: '/Home/Documents/Projects 🚀', kind: 'dir' });
    refused(await mutate(t.app, 'files.mkdir', { parent: '/Home/Documents', name: 'Projects 🚀' }, alice), 409, 'files.exists');
    refused(await mutate(t.app, 'files.mkdir', { parent: '/Home/Documents', name: '..' }, alice), 400, 'files.path.traversal');
    refused(await mutate(t.app, 'files.mkdir', { parent: '/Home/Documents', name: 'a/b' }, alice), 400, 'files.name.invalid');
    await mutate(t.app, 'files.mkdir', { parent: '/Home/Documents', name: 'Other' }, alice);
    refused(await mutate(t.app, 'files.rename', { path: '/Home/Documents/Other', name: 'Projects 🚀' }, alice), 409, 'files.exists');
    const renamed = ok<FileEntry>(await mutate(t.app, 'files.rename', { path: '/Home/Documents/Other', name: 'Archive 2024' }, alice));
    expect(renamed.path).toBe('/Home/Documents/Archive 2024');
    expect(await names('/Home/Documents')).toEqual(['Archive 2024', 'Projects 🚀']);
    refused(await mutate(t.app, 'files.rename', { path: '/Home', name: 'Mine' }, alice), 400, 'files.root.rename');
  });

  it('reads and saves text with versions; a stale save is a conflict that carries the current version', async () => {
    const created = ok<{ version: string }>(await mutate(t.app, 'files.writeText', { path: '/Home/Documents/notes.md', text: '# Notes\n', expectedVersion: null }, alice));
    const opened = ok<{ text: string; version: string }>(await query(t.app, 'files.readText', { path: '/Home/Documents/notes.md' }, alice));
    expect(opened).toMatchObject({ text: '# Notes\n', version: created.version });
    const saved = ok<{ version: string }>(await mutate(t.app, 'files.writeText', { path: '/Home/Documents/notes.md', text: '# Notes\nmore\n', expectedVersion: opened.version }, alice));
    expect(saved.version).not.toBe(opened.version);
    const stale = await mutate(t.app, 'files.writeText', { path: '/Home/Documents/notes.md', text: 'lost?', expectedVersion: opened.version }, alice);
    refused(stale, 409, 'files.write.conflict');
    expect((error(stale).data as { details?: unknown }).details).toEqual({ version: saved.version });
    expect(await read('Documents/notes.md')).toBe('# Notes\nmore\n');
    refused(await mutate(t.app, 'files.writeText', { path: '/Home/Documents/notes.md', text: 'x', expectedVersion: null }, alice), 409, 'files.write.conflict');
    await fs.writeFile(path.join(home, 'Documents', 'blob.bin'), Buffer.from([0x89, 0x50, 0x00, 0x01, 0xff]));
    refused(await query(t.app, 'files.readText', { path: '/Home/Documents/blob.bin' }, alice), 415, 'files.text.binary');
    // No temp files left beside it.
    expect((await fs.readdir(path.join(home, 'Documents'))).filter((n) => n.includes('olares-part'))).toEqual([]);
  });

  describe('copy and move', () => {
    beforeAll(async () => {
      await write('src/report.pdf', 'new report');
      await write('src/notes.txt', 'new notes');
      await write('src/album/a.jpg', 'new a');
      await write('src/album/c.jpg', 'new c');
      await write('dst/report.pdf', 'old report');
      await write('dst/album/a.jpg', 'old a');
      await write('dst/album/b.jpg', 'old b');
    });

    it('asks about clashes and does nothing', async () => {
      const res = await transfer({ op: 'copy', sources: ['/Home/src/report.pdf', '/Home/src/album', '/Home/src/notes.txt'], target: '/Home/dst', conflict: 'ask' });
      expect(res.conflicts).toEqual([
        { source: '/Home/src/report.pdf', target: '/Home/dst/report.pdf', bothFolders: false },
        { source: '/Home/src/album', target: '/Home/dst/album', bothFolders: true },
      ]);
      expect(await present('dst/notes.txt')).toBe(false);
    });

    it('skips clashes', async () => {
      await transferDone({ op: 'copy', sources: ['/Home/src/report.pdf', '/Home/src/album', '/Home/src/notes.txt'], target: '/Home/dst', conflict: 'skip' });
      expect([await read('dst/report.pdf'), await read('dst/notes.txt'), await present('dst/album/c.jpg')]).toEqual(['old report', 'new notes', false]);
    });

    it('keeps both with numbered names', async () => {
      await transferDone({ op: 'copy', sources: ['/Home/src/report.pdf', '/Home/src/album'], target: '/Home/dst', conflict: 'keepBoth' });
      expect(await read('dst/report (1).pdf')).toBe('new report');
      expect((await fs.readdir(path.join(home, 'dst', 'album (1)'))).sort()).toEqual(['a.jpg', 'c.jpg']);
      // Copying into the same folder makes a copy beside it.
      await transferDone({ op: 'copy', sources: ['/Home/src/notes.txt'], target: '/Home/src', conflict: 'ask' });
      expect(await read('src/notes (1).txt')).toBe('new notes');
    });

    it('replaces files and merges folders', async () => {
      const job = await transferDone({ op: 'copy', sources: ['/Home/src/report.pdf', '/Home/src/album'], target: '/Home/dst', conflict: 'replace' });
      expect(job).toMatchObject({ kind: 'copy', itemsDone: 2, itemsTotal: 2, error: null });
      expect(job.bytesTotal).toBe('new report'.length + 'new a'.length + 'new c'.length);
      expect(await read('dst/report.pdf')).toBe('new report');
      expect([await read('dst/album/a.jpg'), await read('dst/album/b.jpg'), await read('dst/album/c.jpg')]).toEqual(['new a', 'old b', 'new c']);
      expect(await read('src/report.pdf')).toBe('new report');
    });

    it('moves, and refuses a folder into itself', async () => {
      refused(await mutate(t.app, 'files.transfer', { op: 'move', sources: ['/Home/src'], target: '/Home/src/album', conflict: 'ask', requestId: rid() }, alice), 400, 'files.transfer.intoItself');
      await write('mv/one.txt', 'one');
      await fs.mkdir(path.join(home, 'mv-target'));
      await transferDone({ op: 'move', sources: ['/Home/mv/one.txt'], target: '/Home/mv-target', conflict: 'ask' });
      expect([await present('mv/one.txt'), await read('mv-target/one.txt')]).toEqual([false, 'one']);
    });

    it('moves across roots an admin added', async () => {
      const mount = path.join(tmp, 'mount');
      await fs.mkdir(mount);
      refused(await mutate(t.app, 'files.admin.addRoot', { user: 'alice', name: 'Home', dir: mount }, admin), 400, 'files.root.reserved');
      refused(await mutate(t.app, 'files.admin.addRoot', { user: 'alice', name: 'Data', dir: 'relative/dir' }, admin), 400, 'files.root.notAbsolute');
      refused(await mutate(t.app, 'files.admin.addRoot', { user: 'alice', name: 'Data', dir: path.join(tmp, 'missing') }, admin), 400, 'files.root.missing');
      refused(await mutate(t.app, 'files.admin.addRoot', { user: 'alice', name: 'Data', dir: dataDir }, admin), 400, 'files.root.dataDir');
      const added = ok<{ id: string; name: string }>(await mutate(t.app, 'files.admin.addRoot', { user: 'alice', name: 'Data', dir: mount }, admin));
      refused(await mutate(t.app, 'files.admin.addRoot', { user: 'alice', name: 'Data', dir: mount }, admin), 409, 'files.root.exists');
      expect(ok<unknown[]>(await query(t.app, 'files.admin.roots', { user: 'alice' }, admin))).toHaveLength(1);
      const roots = ok<RootInfo[]>(await query(t.app, 'files.roots', undefined, alice));
      expect(roots.map((r) => [r.name, r.kind, r.path])).toEqual([
        ['Home', 'home', '/Home'],
        ['Data', 'mount', '/Data'],
      ]);
      expect(JSON.stringify(roots)).not.toContain(tmp);
      await write('cross/file.txt', 'travels');
      await transferDone({ op: 'move', sources: ['/Home/cross'], target: '/Data', conflict: 'ask' });
      expect(await fs.readFile(path.join(mount, 'cross', 'file.txt'), 'utf8')).toBe('travels');
      expect(await present('cross')).toBe(false);
      expect(await names('/Data')).toEqual(['cross']);
      // Bob has no such root.
      refused(await query(t.app, 'files.list', { path: '/Data' }, bob), 400, 'files.path.unknownRoot');
      ok(await mutate(t.app, 'files.admin.removeRoot', { id: added.id }, admin));
      refused(await query(t.app, 'files.list', { path: '/Data' }, alice), 400, 'files.path.unknownRoot');
    });

    it('starts one job for a retried request id', async () => {
      await write('once/x.txt', 'x');
      await fs.mkdir(path.join(home, 'once-target'));
      const input = { op: 'copy' as const, sources: ['/Home/once/x.txt'], target: '/Home/once-target', conflict: 'keepBoth', requestId: rid() };
      const first = await transfer(input);
      const second = await transfer(input);
      expect(second.jobId).toBe(first.jobId);
      await finished(first.jobId!);
      expect(await transfer(input)).toEqual({ jobId: first.jobId });
      expect(await fs.readdir(path.join(home, 'once-target'))).toEqual(['x.txt']);
    });

    it('cancels a long copy and leaves no partial file', async () => {
      const big = path.join(home, 'big');
      await fs.mkdir(big);
      const fh = await fs.open(path.join(big, 'huge.bin'), 'w');
      await fh.truncate(2 * 1024 * 1024 * 1024);
      await fh.close();
      await fs.mkdir(path.join(home, 'big-target'));
      let cancel: Promise<LightMyRequestResponse> | undefined;
      const off = t.app.bus.on('user.event', (e) => {
        const job = e.payload as Job;
        if (e.event === 'files.job' && job.bytesDone > 0 && !cancel) cancel = mutate(t.app, 'files.jobs.cancel', { id: job.id }, alice);
      });
      try {
        const { jobId } = await transfer({ op: 'copy', sources: ['/Home/big/huge.bin'], target: '/Home/big-target', conflict: 'ask' });
        const job = await finished(jobId!);
        expect(job.state).toBe('cancelled');
        expect(ok<Job>(await cancel!).state).toBe('cancelled');
        expect(await fs.readdir(path.join(home, 'big-target'))).toEqual([]);
      } finally {
        off();
        await fs.rm(big, { recursive: true, force: true });
      }
    });
  });

  it('moves to the trash, restores (making missing folders again) and empties', async () => {
    await write('trashme/deep/file.txt', 'keep me');
    await write('trashme/gone.txt', 'bye');
    const moved = ok<{ jobId: string }>(await mutate(t.app, 'files.trash.move', { paths: ['/Home/trashme/deep/file.txt', '/Home/trashme/gone.txt'], requestId: rid() }, alice));
    const movedJob = await finished(moved.jobId);
    expect(movedJob).toMatchObject({ state: 'done' });
    expect(await present('trashme/gone.txt')).toBe(false);
    const items = ok<TrashItem[]>(await query(t.app, 'files.trash.list', undefined, alice));
    expect(items.map((i) => [i.name, i.originalPath, i.kind, i.size]).sort()).toEqual([
      ['file.txt', '/Home/trashme/deep/file.txt', 'file', 7],
      ['gone.txt', '/Home/trashme/gone.txt', 'file', 3],
    ]);
    expect(ok<TrashItem[]>(await query(t.app, 'files.trash.list', undefined, bob))).toEqual([]);
    // The trash lives outside Home.
    expect(await names('/Home', { showHidden: true })).not.toContain('.trash');

    await fs.rm(path.join(home, 'trashme', 'deep'), { recursive: true });
    const fileItem = items.find((i) => i.name === 'file.txt')!;
    const restored = ok<{ jobId: string }>(await mutate(t.app, 'files.trash.restore', { ids: [fileItem.id], conflict: 'ask', requestId: rid() }, alice));
    expect((await finished(restored.jobId)).state).toBe('done');
    expect(await read('trashme/deep/file.txt')).toBe('keep me');

    // Restoring onto a name that is taken again asks first.
    await write('trashme/gone.txt', 'newer');
    const goneItem = items.find((i) => i.name === 'gone.txt')!;
    const asked = ok<{ conflicts?: Conflict[] }>(await mutate(t.app, 'files.trash.restore', { ids: [goneItem.id], conflict: 'ask', requestId: rid() }, alice));
    expect(asked.conflicts).toEqual([{ source: '/Home/trashme/gone.txt', target: '/Home/trashme/gone.txt', bothFolders: false }]);
    const both = ok<{ jobId: string }>(await mutate(t.app, 'files.trash.restore', { ids: [goneItem.id], conflict: 'keepBoth', requestId: rid() }, alice));
    await finished(both.jobId);
    expect([await read('trashme/gone.txt'), await read('trashme/gone (1).txt')]).toEqual(['newer', 'bye']);

    const again = ok<{ jobId: string }>(await mutate(t.app, 'files.trash.move', { paths: ['/Home/trashme'], requestId: rid() }, alice));
    await finished(again.jobId);
    expect(ok<TrashItem[]>(await query(t.app, 'files.trash.list', undefined, alice)).map((i) => i.kind)).toEqual(['dir']);
    const emptied = ok<{ jobId: string }>(await mutate(t.app, 'files.trash.empty', { requestId: rid() }, alice));
    expect((await finished(emptied.jobId)).state).toBe('done');
    expect(ok<TrashItem[]>(await query(t.app, 'files.trash.list', undefined, alice))).toEqual([]);
    expect(await fs.readdir(path.join(dataDir, 'users', 'alice', '.trash'))).toEqual([]);
    refused(await mutate(t.app, 'files.trash.move', { paths: ['/Home'], requestId: rid() }, alice), 400, 'files.trash.root');
  });

  it('keeps favourites per user, following renames', async () => {
    await fs.mkdir(path.join(home, 'fav'));
    expect(ok<string[]>(await mutate(t.app, 'files.favorites.add', { path: '/Home/fav/' }, alice))).toEqual(['/Home/fav']);
    refused(await mutate(t.app, 'files.favorites.add', { path: '/Home/not-there' }, alice), 404, 'files.notFound');
    expect(ok<string[]>(await query(t.app, 'files.favorites.list', undefined, bob))).toEqual([]);
    ok(await mutate(t.app, 'files.rename', { path: '/Home/fav', name: 'favourite' }, alice));
    expect(ok<string[]>(await query(t.app, 'files.favorites.list', undefined, alice))).toEqual(['/Home/favourite']);
    expect(ok<string[]>(await mutate(t.app, 'files.favorites.remove', { path: '/Home/favourite' }, alice))).toEqual([]);
  });

  it('refuses what goes over the quota', async () => {
    const before = ok<{ usedBytes: number; quotaBytes: number | null; freeBytes: number }>(await query(t.app, 'files.usage', undefined, alice));
    expect(before.quotaBytes).toBeNull();
    expect(before.usedBytes).toBeGreaterThan(0);
    expect(before.freeBytes).toBeGreaterThan(0);
    refused(await mutate(t.app, 'files.admin.setQuota', { user: 'nobody', bytes: 1 }, admin), 404, 'files.user.notFound');
    ok(await mutate(t.app, 'files.admin.setQuota', { user: 'alice', bytes: before.usedBytes + 10 }, admin));
    expect(ok<{ quotaBytes: number }>(await query(t.app, 'files.usage', undefined, alice)).quotaBytes).toBe(before.usedBytes + 10);
    refused(await mutate(t.app, 'files.writeText', { path: '/Home/too-big.txt', text: 'x'.repeat(100), expectedVersion: null }, alice), 413, 'files.quota.exceeded');
    await write('q/data.txt', 'y'.repeat(100));
    const { jobId } = await transfer({ op: 'copy', sources: ['/Home/q/data.txt'], target: '/Home/Documents', conflict: 'ask' });
    expect(await finished(jobId!)).toMatchObject({ state: 'failed', error: 'files.quota.exceeded' });
    ok(await mutate(t.app, 'files.admin.setQuota', { user: 'alice', bytes: null }, admin));
    ok(await mutate(t.app, 'files.writeText', { path: '/Home/too-big.txt', text: 'x'.repeat(100), expectedVersion: null }, alice));
  });

  it('keeps users apart: another user cannot reach or even name your files', async () => {
    await write('private.txt', 'alice only');
    expect(await names('/Home', {}, bob)).toEqual(['Documents', 'Downloads', 'Music', 'Pictures', 'Videos']);
    refused(await query(t.app, 'files.readText', { path: '/Home/private.txt' }, bob), 404, 'files.notFound');
    refused(await query(t.app, 'files.list', { path: '/alice/Home' }, bob), 400, 'files.path.unknownRoot');
    refused(await query(t.app, 'files.list', { path: '/Home/../alice' }, bob), 400, 'files.path.traversal');
    refused(await query(t.app, 'files.list', { path: '/Home/%2e%2e/%2e%2e/alice' }, bob), 400, 'files.path.encoded');
    refused(await query(t.app, 'files.readText', { path: home + '/private.txt' }, bob), 400, 'files.path.unknownRoot');
    refused(await mutate(t.app, 'files.transfer', { op: 'copy', sources: [home + '/private.txt'], target: '/Home', conflict: 'ask', requestId: rid() }, bob), 400, 'files.path.unknownRoot');
    refused(await mutate(t.app, 'files.jobs.cancel', { id: '00000000-0000-0000-0000-000000000000' }, bob), 404, 'files.job.notFound');
    // Alice's jobs are hers alone.
    const aliceJobs = ok<Job[]>(await query(t.app, 'files.jobs.list', undefined, alice));
    const bobJobs = ok<Job[]>(await query(t.app, 'files.jobs.list', undefined, bob));
    expect(aliceJobs.length).toBeGreaterThan(0);
    expect(bobJobs.filter((j) => aliceJobs.some((a) => a.id === j.id))).toEqual([]);
  });

  it('pushes files.changed and files.job to the owner', async () => {
    const seen: { userId: string; event: string; payload: unknown }[] = [];
    const off = t.app.bus.on('user.event', (e) => void seen.push(e));
    try {
      ok(await mutate(t.app, 'files.mkdir', { parent: '/Home', name: 'pushed' }, alice));
      await write('push-src.txt', 'p');
      await transferDone({ op: 'copy', sources: ['/Home/push-src.txt'], target: '/Home/pushed', conflict: 'ask' });
    } finally {
      off();
    }
    expect(seen.some((e) => e.event === 'files.changed' && JSON.stringify(e.payload) === JSON.stringify({ folders: ['/Home'] }))).toBe(true);
    const jobEvents = seen.filter((e) => e.event === 'files.job').map((e) => (e.payload as Job).state);
    expect(jobEvents[0]).toBe('running');
    expect(jobEvents.at(-1)).toBe('done');
    expect(new Set(seen.map((e) => e.userId)).size).toBe(1);
  });

  it('refuses a locked session', async () => {
    const locked = await signIn(t.app, 'alice', PASSWORD);
    ok(await mutate(t.app, 'auth.lock', undefined, locked));
    refused(await query(t.app, 'files.list', { path: '/Home' }, locked), 403, 'auth.locked');
    refused(await mutate(t.app, 'files.mkdir', { parent: '/Home', name: 'while-locked' }, locked), 403, 'auth.locked');
  });
});
