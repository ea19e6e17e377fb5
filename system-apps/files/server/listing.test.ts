// Listings on a real temporary folder: folders first, natural order by every key, hidden files, pages that add up, a cache that follows changes.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListInput, SortKey } from './files.types';
import { Lister } from './listing';
import type { Root } from './paths';

let tmp: string;
let root: Root;
const input = (over: Partial<ListInput> = {}): ListInput => ({ path: '/Home/sorted', offset: 0, limit: 500, sort: 'name', desc: false, showHidden: false, ...over });
const at = (rel: string) => path.join(root.dir, rel);
/** A file with a given size and modification time (seconds after a fixed moment). */
async function file(rel: string, size: number, mtimeS: number): Promise<void> {
  await fs.writeFile(at(rel), 'x'.repeat(size));
  const t = new Date(Date.UTC(2024, 0, 1) + mtimeS * 1000);
  await fs.utimes(at(rel), t, t);
}
/** Moves a folder's mtime into the past, as if it last changed long ago (so its listing may be cached). */
async function settle(rel: string, secondsAgo = 3600): Promise<void> {
  const t = new Date(Date.now() - secondsAgo * 1000);
  await fs.utimes(at(rel), t, t);
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-listing-'));
  root = { id: 'home', name: 'Home', kind: 'home', dir: path.join(tmp, 'Home'), readOnly: false };
  await fs.mkdir(at('sorted'), { recursive: true });
  await file('sorted/file10.txt', 30, 5);
  await file('sorted/file2.txt', 10, 20);
  await file('sorted/File1.md', 20, 10);
  await file('sorted/b.pdf', 40, 1);
  await file('sorted/noext', 5, 15);
  await file('sorted/.hidden', 1, 30);
  await fs.mkdir(at('sorted/Folder 10'));
  await fs.mkdir(at('sorted/folder 9'));
  await fs.mkdir(at('sorted/.git'));
  await settle('sorted');
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('order', () => {
  const names = async (over: Partial<ListInput>) => (await new Lister().list([root], input(over))).entries.map((e) => e.name);

  it('puts folders first, then names in natural order (10 after 9, case aside)', async () => {
    expect(await names({})).toEqual(['folder 9', 'Folder 10', 'b.pdf', 'File1.md', 'file2.txt', 'file10.txt', 'noext']);
  });

  it('reverses within folders and within files when descending', async () => {
    expect(await names({ desc: true })).toEqual(['Folder 10', 'folder 9', 'noext', 'file10.txt', 'file2.txt', 'File1.md', 'b.pdf']);
  });

  it('sorts by size', async () => {
    expect(await names({ sort: 'size' })).toEqual(['folder 9', 'Folder 10', 'noext', 'file2.txt', 'File1.md', 'file10.txt', 'b.pdf']);
    expect(await names({ sort: 'size', desc: true })).toEqual(['Folder 10', 'folder 9', 'b.pdf', 'file10.txt', 'File1.md', 'file2.txt', 'noext']);
  });

  it('sorts by date', async () => {
    const folders = (await names({ sort: 'mtime' })).slice(0, 2).sort();
    expect(folders).toEqual(['Folder 10', 'folder 9'].sort());
    expect((await names({ sort: 'mtime' })).slice(2)).toEqual(['b.pdf', 'file10.txt', 'File1.md', 'noext', 'file2.txt']);
    expect((await names({ sort: 'mtime', desc: true })).slice(2)).toEqual(['file2.txt', 'noext', 'File1.md', 'file10.txt', 'b.pdf']);
  });

  it('sorts by type (extension, then name)', async () => {
    expect(await names({ sort: 'type' })).toEqual(['folder 9', 'Folder 10', 'noext', 'File1.md', 'b.pdf', 'file2.txt', 'file10.txt']);
  });

  it('shows hidden entries only when asked, and counts them only then', async () => {
    const lister = new Lister();
    const hidden = await lister.list([root], input({ showHidden: true }));
    expect(hidden.entries.map((e) => e.name)).toEqual(['.git', 'folder 9', 'Folder 10', '.hidden', 'b.pdf', 'File1.md', 'file2.txt', 'file10.txt', 'noext']);
    expect(hidden.total).toBe(9);
    expect(hidden.entries.find((e) => e.name === '.hidden')).toMatchObject({ hidden: true, kind: 'file', size: 1 });
    expect((await lister.list([root], input())).total).toBe(7);
  });

  it('describes each entry', async () => {
    const { entries, path: p, version } = await new Lister().list([root], input({ path: '/Home/sorted/' }));
    expect(p).toBe('/Home/sorted');
    expect(version).toBe(String((await fs.stat(at('sorted'))).mtimeMs));
    expect(entries.find((e) => e.name === 'File1.md')).toEqual({
      name: 'File1.md',
      path: '/Home/sorted/File1.md',
      kind: 'file',
      size: 20,
      mtime: Date.UTC(2024, 0, 1) + 10_000,
      mime: 'text/markdown',
      hidden: false,
    });
    expect(entries.find((e) => e.name === 'folder 9')).toMatchObject({ kind: 'dir', size: 0, mime: 'inode/directory' });
  });
});

describe('pages', () => {
  const COUNT = 1_234;

  beforeAll(async () => {
    await fs.mkdir(at('many'));
    // Names that tie under the collator (case), numbers that sort naturally, folders among files, hidden ones.
    for (let i = 0; i < COUNT; i++) {
      const n = (i * 7919) % COUNT;
      const name = i % 9 === 0 ? `Dir ${n}` : i % 13 === 0 ? `.dot ${n}` : `${i % 2 ? 'item' : 'Item'} ${n}${['.txt', '.jpg', '', '.md'][i % 4]}`;
      if (i % 9 === 0) await fs.mkdir(at(`many/${name}`));
      else await file(`many/${name}`, n % 50, n % 77);
    }
    await settle('many');
  });

  for (const sort of ['name', 'size', 'mtime', 'type'] as SortKey[]) {
    for (const desc of [false, true]) {
      it(`add up to the whole folder: ${sort}${desc ? ', descending' : ''}`, async () => {
        const lister = new Lister();
        const all = await lister.list([root], input({ path: '/Home/many', sort, desc, limit: COUNT }));
        expect(all.entries).toHaveLength(all.total);
        const pages: string[] = [];
        for (let offset = 0; offset < all.total; offset += 100) {
          const page = await lister.list([root], input({ path: '/Home/many', sort, desc, offset, limit: 100 }));
          expect(page.total).toBe(all.total);
          expect(page.version).toBe(all.version);
          pages.push(...page.entries.map((e) => e.name));
        }
        expect(pages).toEqual(all.entries.map((e) => e.name));
        expect(new Set(pages).size).toBe(pages.length);
        // A fresh lister's first page (top-k, no cache) agrees with the cached order.
        const first = await new Lister().list([root], input({ path: '/Home/many', sort, desc, limit: 100 }));
        expect(first.entries.map((e) => e.name)).toEqual(pages.slice(0, 100));
      });
    }
  }

  for (const selectMax of [50, 5000]) {
    it(`jump straight to the end or the middle and agree with the whole order (selection up to ${selectMax})`, async () => {
      const all = (await new Lister().list([root], input({ path: '/Home/many', limit: COUNT }))).entries.map((e) => e.name);
      const at = async (offset: number, limit: number) => (await new Lister({ selectMax }).list([root], input({ path: '/Home/many', offset, limit }))).entries.map((e) => e.name);
      expect(await at(all.length - 30, 100)).toEqual(all.slice(-30));
      expect(await at(all.length - 100, 40)).toEqual(all.slice(-100, -60));
      expect(await at(600, 100)).toEqual(all.slice(600, 700));
      const lister = new Lister({ selectMax });
      const pages: string[] = [];
      for (const offset of [0, 100, 200, 900, 300]) pages.push(...(await lister.list([root], input({ path: '/Home/many', offset, limit: 100 }))).entries.map((e) => e.name));
      expect(pages).toEqual([...all.slice(0, 300), ...all.slice(900, 1000), ...all.slice(300, 400)]);
    });
  }

  it('end past the last entry with an empty page', async () => {
    const page = await new Lister().list([root], input({ path: '/Home/many', offset: 10_000, limit: 100 }));
    expect(page.entries).toEqual([]);
    expect(page.total).toBeGreaterThan(1000);
  });
});

describe('the cache', () => {
  it('follows changes to the folder: new, removed and renamed entries, and a new version', async () => {
    await fs.mkdir(at('changing'));
    for (const n of ['a.txt', 'b.txt', 'c.txt']) await fs.writeFile(at(`changing/${n}`), n);
    await settle('changing', 7200);
    const lister = new Lister();
    const names = async (offset = 0) => (await lister.list([root], input({ path: '/Home/changing', offset, limit: 2 }))).entries.map((e) => e.name);
    const before = await lister.list([root], input({ path: '/Home/changing' }));
    expect(await names(0)).toEqual(['a.txt', 'b.txt']);
    expect(await names(2)).toEqual(['c.txt']);

    await fs.writeFile(at('changing/0.txt'), 'new');
    await fs.rm(at('changing/c.txt'));
    await settle('changing', 3600);
    const after = await lister.list([root], input({ path: '/Home/changing' }));
    expect(after.version).not.toBe(before.version);
    expect(after.total).toBe(3);
    expect(await names(0)).toEqual(['0.txt', 'a.txt']);
    expect(await names(2)).toEqual(['b.txt']);

    await fs.rename(at('changing/a.txt'), at('changing/z.txt'));
    const renamed = await lister.list([root], input({ path: '/Home/changing' }));
    expect(renamed.entries.map((e) => e.name)).toEqual(['0.txt', 'b.txt', 'z.txt']);
  });

  it('serves the sizes of the moment even from a cached order', async () => {
    await fs.mkdir(at('sizes'));
    await fs.writeFile(at('sizes/one.txt'), '1');
    await settle('sizes');
    const lister = new Lister();
    await lister.list([root], input({ path: '/Home/sizes' }));
    await fs.writeFile(at('sizes/one.txt'), '12345');
    expect((await lister.list([root], input({ path: '/Home/sizes' }))).entries[0]).toMatchObject({ name: 'one.txt', size: 5 });
  });
});
