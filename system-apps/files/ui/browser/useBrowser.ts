// One Files window's state: where it is (a folder or the Trash), its history, the paged listing, selection, focus and what is open over it.
import { computed, inject, markRaw, onBeforeUnmount, provide, ref, shallowRef, watch, type InjectionKey } from 'vue';
import { useSocket, useTrpc } from '../../../../frontend/sdk';
import type { FileEntry, FolderChange, Job, Listing, TrashItem } from '../../server/files.types';
import { useViewPrefs } from '../prefs';
import { History } from './history';
import { fetchAll, PageCache, type FetchPage } from './pages';
import { Selection } from './selection';

/** The Trash as a location. */
export const TRASH = 'trash:';

/** What a location is called: the Home root by its name in the user's language, any other folder by its own name. */
export function locationName(path: string, homeLabel: string): string {
  if (path === '/Home') return homeLabel;
  return path.slice(path.lastIndexOf('/') + 1);
}

export function createBrowser(start: string) {
  const trpc = useTrpc();
  const socket = useSocket();
  const prefs = useViewPrefs();
  const location = ref(start);
  const history = new History(start);
  const historyTick = ref(0);
  /** Bumped whenever pages arrive or are dropped (the list re-reads rows; the cache itself is not reactive). */
  const tick = ref(0);
  const selTick = ref(0);
  const focus = ref(-1);
  const isTrash = computed(() => location.value === TRASH);
  /** Trash items by their row path (`trash:<id>`), for the Original location column and restore. */
  const trashItems = new Map<string, TrashItem>();
  let trashList: Promise<TrashItem[]> | null = null;

  const fetchFolder: FetchPage = (offset, limit) => {
    const { sort, desc, showHidden } = prefs.value;
    return trpc.files.list.query({ path: location.value, offset, limit, sort, desc, showHidden });
  };
  const fetchTrash: FetchPage = async (offset, limit): Promise<Listing> => {
    const items = await (trashList ??= trpc.files.trash.list.query());
    const sorted = items.slice().sort((a, b) => b.deletedAt - a.deletedAt);
    trashItems.clear();
    for (const it of sorted) trashItems.set(`${TRASH}${it.id}`, it);
    const rows: FileEntry[] = sorted.slice(offset, offset + limit).map((it) => ({
      name: it.name,
      path: `${TRASH}${it.id}`,
      kind: it.kind,
      size: it.size,
      mtime: it.deletedAt,
      mime: it.kind === 'dir' ? 'inode/directory' : '',
      hidden: false,
    }));
    return { path: TRASH, total: sorted.length, offset, entries: rows, version: sorted.map((i) => i.id).join(',').slice(0, 2000) };
  };
  const fetcher: FetchPage = (offset, limit) => (isTrash.value ? fetchTrash(offset, limit) : fetchFolder(offset, limit));

  const errorHandlers = new Set<(err: unknown) => void>();
  const makeCache = () => markRaw(new PageCache(fetcher, () => tick.value++, (err) => errorHandlers.forEach((h) => h(err))));
  const cache = shallowRef(makeCache());
  const selection = shallowRef(markRaw(new Selection()));
  /** Rows to select (and focus) once they show up in a page: a new folder, a pasted file, the file a window was opened on. */
  const wanted = ref<string | null>(null);

  const total = computed(() => (tick.value, cache.value.total ?? 0));
  const loaded = computed(() => (tick.value, cache.value.total !== null));
  const error = computed(() => (tick.value, cache.value.error));
  const entryAt = (i: number): FileEntry | undefined => cache.value.entryAt(i);

  function reset(): void {
    trashList = null;
    cache.value = makeCache();
    selection.value = markRaw(new Selection());
    focus.value = -1;
    selTick.value++;
  }

  function refresh(): void {
    trashList = null;
    cache.value.refresh();
  }

  function go(path: string, opts: { select?: string; fromHistory?: boolean } = {}): void {
    wanted.value = opts.select ?? null;
    if (!opts.fromHistory) history.push(path);
    historyTick.value++;
    if (path === location.value) {
      refresh();
      return;
    }
    location.value = path;
    reset();
  }

  const back = () => go(history.back(), { fromHistory: true });
  const forward = () => go(history.forward(), { fromHistory: true });
  const canBack = computed(() => (historyTick.value, history.canBack));
  const canForward = computed(() => (historyTick.value, history.canForward));

  watch(() => [prefs.value.sort, prefs.value.desc, prefs.value.showHidden], reset);

  // The wanted row: selected and focused when its page is in.
  watch([tick, wanted], () => {
    const path = wanted.value;
    if (!path) return;
    for (const [i, e] of cache.value.loaded()) {
      if (e.path !== path) continue;
      selection.value.only(i, entryAt);
      focus.value = i;
      selTick.value++;
      wanted.value = null;
      return;
    }
  });

  // Once every row is loaded (most folders), entries that went away leave the selection, and the focus stays on a row.
  watch(tick, () => {
    const c = cache.value;
    if (c.total === null) return;
    if (focus.value >= c.total) focus.value = c.total - 1;
    const sel = selection.value;
    if (sel.all || sel.paths.size === 0) return;
    const present = new Set<string>();
    let count = 0;
    for (const [, e] of c.loaded()) {
      present.add(e.path);
      count++;
    }
    if (count < c.total) return;
    let dropped = false;
    for (const p of sel.paths) {
      if (!present.has(p)) {
        sel.paths.delete(p);
        dropped = true;
      }
    }
    if (dropped) selTick.value++;
  });

  const onChanged = (change: FolderChange) => {
    if (!isTrash.value && change?.folders?.includes(location.value)) refresh();
  };
  const onJob = (job: Job) => {
    if (isTrash.value && job?.state === 'done' && ['trash', 'restore', 'emptyTrash'].includes(job.kind)) refresh();
  };
  const onReconnect = () => refresh();
  socket.on('files.changed', onChanged);
  socket.on('files.job', onJob);
  socket.on('connect', onReconnect);
  onBeforeUnmount(() => {
    socket.off('files.changed', onChanged);
    socket.off('files.job', onJob);
    socket.off('connect', onReconnect);
  });

  /** The selected rows' paths, fetching the whole folder only when the selection needs it (Ctrl+A in a large folder). */
  function selectedPaths(): Promise<string[]> {
    return selection.value.resolve(entryAt, () => fetchAll(fetcher));
  }

  /** The one selected entry, when exactly one loaded entry is selected. */
  const single = computed<FileEntry | null>(() => {
    void selTick.value;
    void tick.value;
    const s = selection.value;
    if (s.all || s.pending.length || s.paths.size !== 1) return null;
    const [path] = s.paths;
    for (const [, e] of cache.value.loaded()) if (e.path === path) return e;
    return null;
  });
  const selectedCount = computed(() => (selTick.value, tick.value, selection.value.count(total.value)));

  return {
    prefs,
    location,
    isTrash,
    tick,
    selTick,
    focus,
    cache,
    selection,
    wanted,
    total,
    loaded,
    error,
    entryAt,
    trashItems,
    go,
    back,
    forward,
    canBack,
    canForward,
    refresh,
    selectedPaths,
    single,
    selectedCount,
    onError: (h: (err: unknown) => void) => errorHandlers.add(h),
    fetchAll: () => fetchAll(fetcher),
    /** Marks the selection as changed (it is mutated in place). */
    touchSelection: () => selTick.value++,
  };
}

export type Browser = ReturnType<typeof createBrowser>;

const browserKey: InjectionKey<Browser> = Symbol('files.browser');

export function provideBrowser(start: string): Browser {
  const b = createBrowser(start);
  provide(browserKey, b);
  return b;
}

export function useBrowser(): Browser {
  const b = inject(browserKey);
  if (!b) throw new Error('useBrowser() is only available inside a Files window');
  return b;
}
