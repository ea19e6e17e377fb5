// The stores against a fake `wise` router: pages and j/k steps, read/star changes shown in the list, the reader and the rail's counts at once (and undone when the server refuses), pushed new items counted per view, the rail's tags from the server, and the reading position saved after a pause.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntryListItem, EntryView, FeedView } from '../../shared/wire';
import { setWiseApi, type WiseApi } from '../api';
import { setRead, setStarred, setTags } from './actions';
import { useEntriesStore } from './entries.store';
import { useFeedsStore } from './feeds.store';
import { PROGRESS_DELAY_MS, useReaderStore } from './reader.store';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const FEED = id(900);

function item(n: number, more: Partial<EntryListItem> = {}): EntryListItem {
  return { id: id(n), kind: 'feed', feedId: FEED, source: 'Feed', title: `Item ${n}`, url: null, author: null, publishedAt: n, summary: '', imageUrl: null, read: false, starred: false, tags: [], ...more };
}
function feed(more: Partial<FeedView> = {}): FeedView {
  return { id: FEED, url: 'https://x/feed', title: 'Feed', siteUrl: null, iconUrl: null, folderId: null, unread: 3, total: 3, intervalMinutes: 60, fullText: false, lastFetchedAt: null, nextFetchAt: null, error: null, ...more };
}

function fakeApi(pages: EntryListItem[][]) {
  const mark = vi.fn(async () => ({ ok: true }));
  const progress = vi.fn(async () => ({ ok: true }));
  const list = vi.fn(async (input: { cursor?: string }) => {
    const i = input.cursor ? Number(input.cursor) : 0;
    return { items: pages[i] ?? [], nextCursor: i + 1 < pages.length ? String(i + 1) : null };
  });
  const api = {
    feeds: { list: { query: async () => ({ feeds: [feed()], folders: [] }) } },
    entries: {
      list: { query: list },
      mark: { mutate: mark },
      progress: { mutate: progress },
      get: { query: async ({ id: e }: { id: string }) => ({ ...item(Number(e.slice(-12))), html: '<p>x</p>', documentUrl: null, documentType: null, enclosure: null, progress: 0, note: '', highlights: [] }) as EntryView },
    },
  } as unknown as WiseApi;
  return { api, mark, progress, list };
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => {
  setWiseApi(null);
  vi.useRealTimers();
});

describe('entries store', () => {
  it('loads pages by cursor and steps with j/k, loading more near the end', async () => {
    const { api, list } = fakeApi([[1, 2, 3].map((n) => item(n)), [4, 5].map((n) => item(n))]);
    setWiseApi(api);
    const entries = useEntriesStore();
    await entries.show({ kind: 'all' });
    expect(entries.items.map((e) => e.title)).toEqual(['Item 1', 'Item 2', 'Item 3']);
    expect(entries.step(1)?.title).toBe('Item 1');
    expect(entries.step(1)?.title).toBe('Item 2');
    await vi.waitFor(() => expect(entries.items).toHaveLength(5));
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ view: 'all', cursor: '1' }));
    expect(entries.step(-5)?.title).toBe('Item 1');
    expect(entries.hasMore).toBe(false);
  });

  it('counts pushed items only for views that take the feed', async () => {
    setWiseApi(fakeApi([[]]).api);
    const entries = useEntriesStore();
    await useFeedsStore().load();
    await entries.show({ kind: 'unread' });
    entries.announced({ feedId: FEED, added: 2 });
    expect(entries.pending).toBe(2);
    await entries.show({ kind: 'starred' });
    entries.announced({ feedId: FEED, added: 1 });
    expect(entries.pending).toBe(0);
  });
});

describe('actions', () => {
  it('marks read in the list, the reader and the rail at once', async () => {
    const { api, mark } = fakeApi([[item(1), item(2)]]);
    setWiseApi(api);
    const feeds = useFeedsStore();
    await feeds.load();
    const entries = useEntriesStore();
    await entries.show({ kind: 'all' });
    const reader = useReaderStore();
    await reader.open(id(1));
    await setRead([id(1)], true);
    expect(mark).toHaveBeenCalledWith({ ids: [id(1)], read: true });
    expect(entries.items[0]!.read).toBe(true);
    expect(reader.entry?.read).toBe(true);
    expect(feeds.byId.get(FEED)!.unread).toBe(2);
    // Already read: the count does not move again.
    await setRead([id(1)], true);
    expect(feeds.byId.get(FEED)!.unread).toBe(2);
  });

  it('lists the server’s tags in the rail and asks again after tags change', async () => {
    const { api } = fakeApi([[item(1)]]);
    const counts = [[{ tag: 'work', count: 1 }], [{ tag: 'later', count: 1 }, { tag: 'work', count: 2 }]];
    const tagList = vi.fn(async () => counts.shift() ?? []);
    const tagsMutate = vi.fn(async () => ({ ok: true }));
    setWiseApi({ ...api, tags: { list: { query: tagList } }, entries: { ...api.entries, tags: { mutate: tagsMutate } } } as WiseApi);
    const feeds = useFeedsStore();
    await feeds.loadTags();
    expect(feeds.tags).toEqual(['work']);
    await useEntriesStore().show({ kind: 'all' });
    await setTags(id(1), ['later', 'work']);
    await vi.waitFor(() => expect(feeds.tags).toEqual(['later', 'work']));
    expect(tagsMutate).toHaveBeenCalledWith({ id: id(1), tags: ['later', 'work'] });
    expect(tagList).toHaveBeenCalledTimes(2);
    expect(feeds.tagCounts.get('work')).toBe(2);
  });

  it('puts a star back when the server refuses', async () => {
    const { api, mark } = fakeApi([[item(1)]]);
    mark.mockRejectedValueOnce(new Error('offline'));
    setWiseApi(api);
    const entries = useEntriesStore();
    await entries.show({ kind: 'all' });
    await expect(setStarred([id(1)], true)).rejects.toThrow('offline');
    expect(entries.items[0]!.starred).toBe(false);
  });
});

describe('reader store', () => {
  it('saves the reading position once scrolling pauses, and at once when leaving', async () => {
    vi.useFakeTimers();
    const { api, progress } = fakeApi([[]]);
    setWiseApi(api);
    const reader = useReaderStore();
    await reader.open(id(1));
    reader.saveProgress(0.2);
    reader.saveProgress(0.4);
    expect(progress).not.toHaveBeenCalled();
    vi.advanceTimersByTime(PROGRESS_DELAY_MS);
    expect(progress).toHaveBeenCalledTimes(1);
    expect(progress).toHaveBeenLastCalledWith({ id: id(1), progress: 0.4 });
    reader.saveProgress(0.9);
    reader.close();
    expect(progress).toHaveBeenLastCalledWith({ id: id(1), progress: 0.9 });
  });
});
