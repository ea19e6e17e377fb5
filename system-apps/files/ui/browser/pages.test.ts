import { describe, expect, it } from 'vitest';
import type { FileEntry, Listing } from '../../server/files.types';
import { fetchAll, PageCache } from './pages';

function entry(name: string): FileEntry {
  return { name, path: `/Home/big/${name}`, kind: 'file', size: 0, mtime: 0, mime: 'text/plain', hidden: false };
}

/** A folder of `n` entries whose version can be changed by the test. */
function folder(n: number) {
  const state = { names: Array.from({ length: n }, (_, i) => `f${String(i).padStart(6, '0')}`), version: 'v1', calls: [] as number[] };
  const fetchPage = async (offset: number, limit: number): Promise<Listing> => {
    state.calls.push(offset);
    return { path: '/Home/big', total: state.names.length, offset, version: state.version, entries: state.names.slice(offset, offset + limit).map(entry) };
  };
  return { state, fetchPage };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('PageCache', () => {
  it('fetches only the pages of the rows asked for, once', async () => {
    const { state, fetchPage } = folder(100_000);
    const cache = new PageCache(fetchPage, () => undefined);
    cache.ensure(0, 30);
    await settle();
    expect(cache.total).toBe(100_000);
    expect(cache.entryAt(5)?.name).toBe('f000005');
    cache.ensure(99_990, 100_000);
    cache.ensure(99_990, 100_000);
    await settle();
    expect(state.calls).toEqual([0, 99_800]);
    expect(cache.entryAt(99_999)?.name).toBe('f099999');
    expect(cache.entryAt(50_000)).toBeUndefined();
  });

  it('drops the other pages when a page comes back with another version', async () => {
    const { state, fetchPage } = folder(1000);
    const cache = new PageCache(fetchPage, () => undefined);
    cache.ensure(0, 10);
    await settle();
    cache.ensure(400, 410);
    await settle();
    expect(cache.isLoaded(400)).toBe(true);
    state.names.unshift('a-new-one');
    state.version = 'v2';
    cache.ensure(600, 610);
    await settle();
    expect(cache.total).toBe(1001);
    expect(cache.isLoaded(400)).toBe(false);
    expect(cache.isLoaded(0)).toBe(false);
    expect(cache.entryAt(600)?.name).toBe('f000599');
  });

  it('shows the old rows after a refresh until the fresh ones arrive', async () => {
    const { state, fetchPage } = folder(10);
    const cache = new PageCache(fetchPage, () => undefined);
    cache.ensure(0, 10);
    await settle();
    state.names[0] = 'renamed';
    state.version = 'v2';
    cache.refresh();
    expect(cache.entryAt(0)?.name).toBe('f000000');
    expect(cache.isLoaded(0)).toBe(false);
    cache.ensure(0, 10);
    await settle();
    expect(cache.entryAt(0)?.name).toBe('renamed');
  });

  it('keeps the first page’s error and does not ask again until refreshed', async () => {
    let calls = 0;
    const cache = new PageCache(async () => {
      calls++;
      throw new Error('gone');
    }, () => undefined);
    cache.ensure(0, 10);
    await settle();
    cache.ensure(0, 10);
    await settle();
    expect(calls).toBe(1);
    expect((cache.error as Error).message).toBe('gone');
    cache.refresh();
    expect(cache.error).toBeNull();
  });
});

describe('fetchAll', () => {
  it('reads every page', async () => {
    const { fetchPage } = folder(1234);
    const all = await fetchAll(fetchPage, 500);
    expect(all).toHaveLength(1234);
    expect(all[1233]!.name).toBe('f001233');
  });
});
