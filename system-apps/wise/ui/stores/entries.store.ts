// The entry list: which view it shows, its pages (keyset cursor), the selected entry, j/k moves, and the "N new items" count pushed by the server.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { EntryListItem, WiseEntriesEvent } from '../../shared/wire';
import { wiseApi } from '../api';
import { listInput, sameView, viewTakesFeed, type ListItem, type WiseView } from '../lib/views';
import { useFeedsStore } from './feeds.store';

const PAGE = 50;

export const useEntriesStore = defineStore('wise-entries', () => {
  const view = ref<WiseView>({ kind: 'all' });
  const items = shallowRef<ListItem[]>([]);
  const cursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = shallowRef<unknown>(null);
  const selectedId = ref<string | null>(null);
  /** New items the server announced for this view since it loaded. */
  const pending = ref(0);
  /** When the list was loaded: "mark all read" stops there, so items that arrived since stay unread. */
  const loadedAt = ref(Date.now());
  /** Bumped on each load, so that answers of calls begun before it are dropped. */
  let epoch = 0;

  const selectedIndex = computed(() => items.value.findIndex((e) => e.id === selectedId.value));
  const selected = computed(() => items.value[selectedIndex.value] ?? null);
  const hasMore = computed(() => cursor.value !== null);

  function noteTags(list: EntryListItem[]): void {
    useFeedsStore().noteTags(list.flatMap((e) => e.tags));
  }

  async function load(): Promise<void> {
    const mine = ++epoch;
    const v = view.value;
    loading.value = true;
    error.value = null;
    pending.value = 0;
    try {
      let next: ListItem[];
      let nextCursor: string | null = null;
      if (v.kind === 'forYou') next = await wiseApi().recommend.forYou.query({ limit: PAGE });
      else if (v.kind === 'search') next = await wiseApi().search.query.query({ q: v.q, limit: PAGE });
      else {
        const page = await wiseApi().entries.list.query(listInput(v, undefined, PAGE)!);
        next = page.items;
        nextCursor = page.nextCursor;
      }
      if (mine !== epoch) return;
      items.value = next;
      cursor.value = nextCursor;
      loadedAt.value = Date.now();
      noteTags(next);
    } catch (err) {
      if (mine === epoch) {
        error.value = err;
        items.value = [];
        cursor.value = null;
      }
    } finally {
      if (mine === epoch) loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (!cursor.value || loadingMore.value || loading.value) return;
    const mine = epoch;
    const input = listInput(view.value, cursor.value, PAGE);
    if (!input) return;
    loadingMore.value = true;
    try {
      const page = await wiseApi().entries.list.query(input);
      if (mine !== epoch) return;
      const seen = new Set(items.value.map((e) => e.id));
      items.value = [...items.value, ...page.items.filter((e) => !seen.has(e.id))];
      cursor.value = page.nextCursor;
      noteTags(page.items);
    } catch (err) {
      if (mine === epoch) error.value = err;
    } finally {
      loadingMore.value = false;
    }
  }

  /** Shows a view (the same one again reloads it). */
  async function show(v: WiseView): Promise<void> {
    if (!sameView(v, view.value)) {
      selectedId.value = null;
      items.value = [];
      cursor.value = null;
    }
    view.value = v;
    await load();
  }

  function select(id: string | null): void {
    selectedId.value = id;
  }

  /** The entry `delta` rows from the selected one (the first row when none is), loading the next page near the end. */
  function step(delta: number): ListItem | null {
    const n = items.value.length;
    if (!n) return null;
    const i = selectedIndex.value;
    const next = i < 0 ? (delta > 0 ? 0 : n - 1) : Math.min(n - 1, Math.max(0, i + delta));
    if (next >= n - 5) void loadMore();
    const item = items.value[next]!;
    selectedId.value = item.id;
    return item;
  }

  /** Applies a state change to the rows that show those entries. */
  function patch(ids: string[], change: Partial<Pick<ListItem, 'read' | 'starred' | 'tags'>>): void {
    const set = new Set(ids);
    items.value = items.value.map((e) => (set.has(e.id) ? { ...e, ...change } : e));
    if (change.tags) useFeedsStore().noteTags(change.tags);
  }

  /** Takes entries out of the list (dismissed from For you, removed from the library). */
  function drop(ids: string[]): void {
    const set = new Set(ids);
    const i = selectedIndex.value;
    items.value = items.value.filter((e) => !set.has(e.id));
    if (selectedId.value && set.has(selectedId.value)) selectedId.value = items.value[Math.min(i, items.value.length - 1)]?.id ?? null;
  }

  /** A pushed `wise.entries` event: counts what belongs in this view, for the "N new items" chip. */
  function announced(e: WiseEntriesEvent): void {
    const feed = useFeedsStore().byId.get(e.feedId);
    if (e.added > 0 && viewTakesFeed(view.value, e.feedId, feed?.folderId ?? null)) pending.value += e.added;
  }

  /** Shows a new entry (just saved or uploaded) at the top of the list when the view holds it. */
  function prepend(item: EntryListItem): void {
    if (!['all', 'saved', 'unread'].includes(view.value.kind)) return;
    items.value = [item, ...items.value.filter((e) => e.id !== item.id)];
  }

  return { view, items, cursor, loading, loadingMore, error, selectedId, pending, loadedAt, selectedIndex, selected, hasMore, load, loadMore, show, select, step, patch, drop, announced, prepend };
});
