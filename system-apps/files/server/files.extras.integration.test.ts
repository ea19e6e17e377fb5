// Files' wired extras through the real app: search following the app's changes, share links over HTTP, shares with people as roots, downloads from a URL, thumbnails.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, data, error, mutate, ORIGIN, query, signIn, startTestApp, type TestApp } from '../../../bff/testing/app';
import { testServers } from '../../../bff/testing/databases';
import type { FilesService } from './files.service';
import type { Job, RootInfo } from './files.types';
import type { SearchResult } from './search/search.service';
import type { ShareView } from './shares/shares.types';

const PASSWORD = 'correct horse battery staple';
let n = 0;
const rid = () => `x-${++n}-${Date.now()}`;

describe.each(testServers())('Files extras on the $name server', (server) => {
  let t: TestApp;
  let tmp: string;
  let alice: string;
  let bob: string;
  let home: string;
  let web: http.Server;
  let webBase: string;

  const ok = <T>(res: LightMyRequestResponse): T => {
    expect(res.statusCode, res.body).toBe(200);
    return data<T>(res);
  };
  const write = async (rel: string, body: string | Buffer) => {
    await fs.mkdir(path.dirname(path.join(home, rel)), { recursive: true });
    await fs.writeFile(path.join(home, rel), body);
  };
  const finished = async (jobId: string, cookie = alice): Promise<Job> => {
    await (t.app.services.files as FilesService).waitForJob(jobId);
    return ok<Job[]>(await query(t.app, 'files.jobs.list', undefined, cookie)).find((j) => j.id === jobId)!;
  };
  const visit = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-files-extras-'));
    t = await startTestApp(server, { DATA_DIR: path.join(tmp, 'data'), LOGIN_RATE_PER_MINUTE: '1000', FILES_ALLOW_PRIVATE_NETWORK: 'true', FILES_WATCH: 'false' });
    await createUser(t, 'alice', PASSWORD, 'member');
    await createUser(t, 'bob', PASSWORD, 'member');
    alice = await signIn(t.app, 'alice', PASSWORD);
    bob = await signIn(t.app, 'bob', PASSWORD);
    ok(await query(t.app, 'files.roots', undefined, alice));
    home = path.join(tmp, 'data', 'users', 'alice', 'Home');
    web = http.createServer((req, res) => {
      if (req.url === '/paper.txt') return res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 24 }).end('A paper about herons 42\n');
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    webBase = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t?.close();
    web?.closeAllConnections();
    await new Promise((r) => web?.close(r));
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('finds files by name and content, and a file written through the app is found without a rescan', async () => {
    await write('Documents/pelican notes.md', 'The census counted 40 pelicans.');
    const first = ok<SearchResult>(await query(t.app, 'files.search.query', { q: 'census' }, alice));
    expect(first.hits.map((h) => h.path)).toEqual(['/Home/Documents/pelican notes.md']);
    ok(await mutate(t.app, 'files.writeText', { path: '/Home/Documents/flamingo.txt', text: 'flamingo feeding schedule', expectedVersion: null }, alice));
    await expect
      .poll(async () => ok<SearchResult>(await query(t.app, 'files.search.query', { q: 'feeding' }, alice)).hits.map((h) => h.path), { timeout: 10_000 })
      .toEqual(['/Home/Documents/flamingo.txt']);
    expect(ok<SearchResult>(await query(t.app, 'files.search.query', { q: 'census' }, bob)).hits).toEqual([]);
  });

  it('serves a folder link without sign-in: info, listing, a file, a zip; nothing outside it; revoked means gone', async () => {
    await write('Photos/a.txt', 'alpha');
    await write('Photos/sub/b.txt', 'beta');
    await write('secret.txt', 'not shared');
    const link = ok<ShareView>(await mutate(t.app, 'files.shares.createLink', { path: '/Home/Photos' }, alice));
    const token = link.url!.split('/s/')[1]!;
    expect(link.url!.startsWith(`${ORIGIN}/s/`)).toBe(true);
    expect(JSON.parse((await visit(`/api/share/${token}`)).body)).toMatchObject({ name: 'Photos', kind: 'dir', needsPassword: false, unlocked: true });
    const listing = JSON.parse((await visit(`/api/share/${token}/list?path=/`)).body) as { entries: { name: string; path: string }[] };
    expect(listing.entries.map((e) => `${e.name}:${e.path}`)).toEqual(['sub:/sub', 'a.txt:/a.txt']);
    expect((await visit(`/api/share/${token}/raw?path=/sub/b.txt`)).body).toBe('beta');
    const zip = await visit(`/api/share/${token}/zip?p=/`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toContain('zip');
    for (const escape of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await visit(`/api/share/${token}/raw?path=${escape}`);
      expect(res.statusCode, escape).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('not shared');
    }
    ok(await mutate(t.app, 'files.shares.revoke', { id: link.id }, alice));
    expect((await visit(`/api/share/${token}`)).statusCode).toBe(404);
    expect((await visit(`/api/share/${token}/raw?path=/a.txt`)).statusCode).toBe(404);
  });

  it('asks for a file link’s password, and serves only that file once given', async () => {
    await write('report.txt', 'the report');
    await write('neighbour.txt', 'the neighbour');
    const link = ok<ShareView>(await mutate(t.app, 'files.shares.createLink', { path: '/Home/report.txt', password: 'pelican-42' }, alice));
    const token = link.url!.split('/s/')[1]!;
    expect(JSON.parse((await visit(`/api/share/${token}`)).body)).toMatchObject({ kind: 'file', needsPassword: true, unlocked: false, size: 10 });
    expect((await visit(`/api/share/${token}/raw`)).statusCode).toBe(401);
    const unlock = (password: string) =>
      t.app.inject({ method: 'POST', url: `/api/share/${token}/unlock`, headers: { origin: ORIGIN, 'x-olares-request': '1', 'content-type': 'application/json' }, payload: JSON.stringify({ password }) });
    const wrong = await unlock('wrong password');
    expect([wrong.statusCode, JSON.parse(wrong.body).reason]).toEqual([401, 'files.share.wrongPassword']);
    const right = await unlock('pelican-42');
    expect(right.statusCode).toBe(200);
    const cookie = String(right.headers['set-cookie']).split(';')[0]!;
    expect(String(right.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect((await visit(`/api/share/${token}/raw`, cookie)).body).toBe('the report');
    // Asking for the neighbour still gives the shared file.
    expect((await visit(`/api/share/${token}/raw?path=/neighbour.txt`, cookie)).body).toBe('the report');
    expect((await visit(`/api/share/${token}/list`, cookie)).statusCode).toBe(400);
  });

  it('shares a folder with a person, who sees it as a root and may write when allowed', async () => {
    await write('Team/plan.md', '# Plan');
    ok(await mutate(t.app, 'files.shares.shareWith', { path: '/Home/Team', user: 'bob', access: 'read' }, alice));
    const roots = ok<RootInfo[]>(await query(t.app, 'files.roots', undefined, bob));
    expect(roots.map((r) => `${r.name}:${r.kind}:${r.readOnly}`)).toEqual(['Home:home:false', 'Team (alice):shared:true']);
    const text = ok<{ text: string }>(await query(t.app, 'files.readText', { path: '/Team (alice)/plan.md' }, bob));
    expect(text.text).toBe('# Plan');
    const refused = await mutate(t.app, 'files.mkdir', { parent: '/Team (alice)', name: 'bob was here' }, bob);
    expect([refused.statusCode, error(refused).data.reason]).toEqual([403, 'files.path.readOnly']);
    ok(await mutate(t.app, 'files.shares.shareWith', { path: '/Home/Team', user: 'bob', access: 'write' }, alice));
    ok(await mutate(t.app, 'files.mkdir', { parent: '/Team (alice)', name: 'bob was here' }, bob));
    expect((await fs.stat(path.join(home, 'Team', 'bob was here'))).isDirectory()).toBe(true);
  });

  it('downloads a URL into Downloads as a job, and says why when it cannot', async () => {
    const started = ok<{ jobId: string }>(await mutate(t.app, 'files.download', { url: `${webBase}/paper.txt`, requestId: rid() }, alice));
    const job = await finished(started.jobId);
    expect(job).toMatchObject({ kind: 'download', state: 'done', bytesDone: 24, current: null });
    expect(await fs.readFile(path.join(home, 'Downloads', 'paper.txt'), 'utf8')).toBe('A paper about herons 42\n');
    const again = ok<{ jobId: string }>(await mutate(t.app, 'files.download', { url: `${webBase}/paper.txt`, requestId: rid() }, alice));
    await finished(again.jobId);
    expect((await fs.readdir(path.join(home, 'Downloads'))).sort()).toEqual(['paper (1).txt', 'paper.txt']);
    const missing = ok<{ jobId: string }>(await mutate(t.app, 'files.download', { url: `${webBase}/gone`, requestId: rid() }, alice));
    expect(await finished(missing.jobId)).toMatchObject({ state: 'failed', error: 'files.fetch.status' });
    const media = ok<{ jobId: string }>(await mutate(t.app, 'files.download', { url: `${webBase}/video`, media: true, requestId: rid() }, alice));
    expect((await finished(media.jobId)).error).toMatch(/^files\.fetch\.(noYtDlp|media)$/);
  });

  it('serves thumbnails of images to their owner only', async () => {
    await fs.mkdir(path.join(home, 'Pictures'), { recursive: true });
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#48a' } }).jpeg().toFile(path.join(home, 'Pictures', 'sky.jpg'));
    const thumb = await visit(`/api/files/thumb?path=${encodeURIComponent('/Home/Pictures/sky.jpg')}&size=128`, alice);
    expect(thumb.statusCode, thumb.body).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(128);
    expect((await visit(`/api/files/thumb?path=${encodeURIComponent('/Home/Pictures/sky.jpg')}`, bob)).statusCode).toBe(404);
    expect((await visit(`/api/files/thumb?path=${encodeURIComponent('/Home/Pictures/sky.jpg')}`)).statusCode).toBe(401);
    expect((await visit(`/api/files/thumb?path=${encodeURIComponent('/Home/report.txt')}`, alice)).statusCode).toBe(415);
  });

  it('makes thumbnails of a listed page’s images before they are asked for', async () => {
    const cache = path.join(tmp, 'data', 'cache', 'thumbs');
    const count = async () => (await fs.readdir(cache, { recursive: true }).catch(() => [] as string[])).filter((f) => String(f).endsWith('.webp')).length;
    await fs.mkdir(path.join(home, 'Album'), { recursive: true });
    for (const name of ['one.jpg', 'two.png']) {
      await sharp({ create: { width: 300, height: 200, channels: 3, background: '#a84' } }).toFile(path.join(home, 'Album', name));
    }
    const before = await count();
    ok(await query(t.app, 'files.list', { path: '/Home/Album' }, alice));
    await expect.poll(count, { timeout: 10_000 }).toBe(before + 2);
  });
});
