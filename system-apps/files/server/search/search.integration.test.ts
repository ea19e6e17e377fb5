// The search index on a real PostgreSQL: names within a tree, contents (text, PDF, Chinese), refreshes after changes, removal, isolation.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServers, type TestDatabase } from '../../../../bff/testing/databases';
import type { Caller } from '../files.api';
import type { Root } from '../paths';
import { FileIndexer } from './indexer';
import { SearchStore } from './search.store';
import { FilesSearchService } from './search.service';
import { textPdf as minimalPdf } from '../../../../bff/text/testing/pdf';

const quiet = { warn: () => {}, info: () => {} };

describe.each(testServers())('files search on $name PostgreSQL', (server) => {
  let db: TestDatabase;
  let tmp: string;
  let alice: Caller;
  let bob: Caller;
  const roots = new Map<string, Root[]>();
  let indexer: FileIndexer;
  let search: FilesSearchService;

  async function write(root: string, rel: string, data: string | Buffer): Promise<void> {
    const file = path.join(root, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, data);
  }

  beforeAll(async () => {
    db = await createTestDatabase(server);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'files-search-'));
    const ids: string[] = [];
    for (const name of ['alice', 'bob']) {
      const { rows } = await db.pool.query<{ id: string }>(`INSERT INTO users (name, role, password_hash) VALUES ($1, 'member', 'x') RETURNING id`, [name]);
      ids.push(rows[0]!.id);
      const home = path.join(tmp, name, 'Home');
      await fs.mkdir(home, { recursive: true });
      roots.set(rows[0]!.id, [{ id: 'home', name: 'Home', kind: 'home', dir: home, readOnly: false }]);
    }
    alice = { id: ids[0]!, name: 'alice', role: 'member' };
    bob = { id: ids[1]!, name: 'bob', role: 'member' };
    const home = path.join(tmp, 'alice', 'Home');
    await write(home, 'Documents/Pelican report.md', '# Birds\nThe quarterly pelican census grew by 12%.');
    await write(home, 'Documents/2024/budget.txt', 'Groceries and rent; nothing about birds.');
    await write(home, 'Documents/scan.pdf', minimalPdf(['Invoice for a flamingo feeder']));
    await write(home, 'Notes/年度文件管理报告.txt', '今年我们整理了家庭照片和文件管理系统。');
    await write(home, 'Pictures/pelican.jpg', Buffer.from([0xff, 0xd8, 0xff, 0x00]));
    await write(path.join(tmp, 'bob', 'Home'), 'pelican-secret.txt', 'bob only');
    const store = new SearchStore(db.pool);
    indexer = new FileIndexer({ store, rootsFor: async (id) => roots.get(id)!, log: quiet });
    search = new FilesSearchService({ store, indexer, rootsFor: async (c) => roots.get(c.id)!, firstWalkWaitMs: 60_000 });
  });

  afterAll(async () => {
    await indexer.stop();
    await db.drop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('finds by name anywhere in the roots, names first, with the words marked', async () => {
    const r = await search.search(alice, { q: 'pelican', content: false, limit: 50 });
    expect(r.hits.map((h) => h.path).sort()).toEqual(['/Home/Documents/Pelican report.md', '/Home/Pictures/pelican.jpg']);
    const md = r.hits.find((h) => h.name === 'Pelican report.md')!;
    expect(md.nameMarks[0]).toEqual({ text: 'Pelican', hit: true });
    expect(md.kind).toBe('file');
  });

  it('finds by content — text, PDF and Chinese — with a snippet around the match', async () => {
    const census = await search.search(alice, { q: 'census', content: true, limit: 50 });
    expect(census.hits.map((h) => h.path)).toEqual(['/Home/Documents/Pelican report.md']);
    expect(census.hits[0]!.snippet?.some((s) => s.hit && s.text.toLowerCase() === 'census')).toBe(true);
    const pdf = await search.search(alice, { q: 'flamingo feeder', content: true, limit: 50 });
    expect(pdf.hits.map((h) => h.path)).toEqual(['/Home/Documents/scan.pdf']);
    const zh = await search.search(alice, { q: '家庭照片', content: true, limit: 50 });
    expect(zh.hits.map((h) => h.path)).toEqual(['/Home/Notes/年度文件管理报告.txt']);
    const zhName = await search.search(alice, { q: '文件管理', content: false, limit: 50 });
    expect(zhName.hits.map((h) => h.name)).toEqual(['年度文件管理报告.txt']);
  });

  it('searches within a folder only, and refuses paths outside the roots', async () => {
    const r = await search.search(alice, { q: 'birds', content: true, under: '/Home/Documents/2024', limit: 50 });
    expect(r.hits.map((h) => h.path)).toEqual(['/Home/Documents/2024/budget.txt']);
    await expect(search.search(alice, { q: 'x', content: false, under: '/Home/../bob', limit: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('never shows another user’s files', async () => {
    const r = await search.search(alice, { q: 'secret', content: true, limit: 50 });
    expect(r.hits).toEqual([]);
    const b = await search.search(bob, { q: 'pelican', content: false, limit: 50 });
    expect(b.hits.map((h) => h.path)).toEqual(['/Home/pelican-secret.txt']);
  });

  it('follows changes: a refreshed folder picks up new, changed and removed files, and removed folders take their contents along', async () => {
    const home = roots.get(alice.id)![0]!;
    await write(home.dir, 'Documents/heron.txt', 'A grey heron visited.');
    await fs.writeFile(path.join(home.dir, 'Documents/2024/budget.txt'), 'Now about a heron too.');
    await fs.rm(path.join(home.dir, 'Documents/Pelican report.md'));
    await indexer.refresh(alice.id, home, 'Documents');
    await indexer.refresh(alice.id, home, 'Documents/2024');
    const heron = await search.search(alice, { q: 'heron', content: true, limit: 50 });
    expect(heron.hits.map((h) => h.path).sort()).toEqual(['/Home/Documents/2024/budget.txt', '/Home/Documents/heron.txt']);
    expect((await search.search(alice, { q: 'census', content: true, limit: 50 })).hits).toEqual([]);
    await fs.rm(path.join(home.dir, 'Documents'), { recursive: true });
    await indexer.refresh(alice.id, home, '');
    expect((await search.search(alice, { q: 'heron', content: true, limit: 50 })).hits).toEqual([]);
  });

  it('picks up changes announced through changed() without a walk, new folders included', async () => {
    const home = roots.get(alice.id)![0]!;
    await write(home.dir, 'Uploads/Trip/ibis.md', 'An ibis on the river.');
    indexer.changed(alice.id, home, ['']);
    await expect.poll(async () => (await search.search(alice, { q: 'ibis', content: true, limit: 5 })).hits.map((h) => h.path), { timeout: 10_000 }).toEqual(['/Home/Uploads/Trip/ibis.md']);
  });

  it('treats LIKE wildcards in a query as text', async () => {
    const home = roots.get(alice.id)![0]!;
    await write(home.dir, '100%_done.txt', 'done');
    await indexer.refresh(alice.id, home, '');
    const r = await search.search(alice, { q: '%_', content: false, limit: 50 });
    expect(r.hits.map((h) => h.name)).toEqual(['100%_done.txt']);
  });
});
