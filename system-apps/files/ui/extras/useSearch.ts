// One Files window's search: the words typed, where to look, the hits shown in place of the listing, and opening one.
import { computed, inject, onBeforeUnmount, provide, ref, shallowRef, watch, type InjectionKey } from 'vue';
import { useTrpc } from '../../../../frontend/sdk';
import type { SearchHit } from '../../server/search/search.service';
import type { Browser } from '../browser/useBrowser';
import { latestOnly } from './search';

/** Typing must pause this long before the server is asked. */
export const SEARCH_DELAY_MS = 250;

export function createSearch(b: Browser, openPath: (path: string) => Promise<void>) {
  const trpc = useTrpc();
  const text = ref('');
  /** Search every place, not only the folder in view. */
  const everywhere = ref(false);
  const hits = shallowRef<SearchHit[]>([]);
  const indexing = ref(false);
  const busy = ref(false);
  const error = shallowRef<unknown>(null);
  /** The words the hits shown are for. */
  const shown = ref('');
  const active = computed(() => text.value.trim().length > 0);
  const field = ref<{ focus(): void } | null>(null);
  const results = ref<{ focus(): void } | null>(null);

  const runner = latestOnly(
    (input: { q: string; under?: string }, signal) => trpc.files.search.query.query({ ...input, content: true, limit: 100 }, { signal }),
    SEARCH_DELAY_MS,
    (r, input) => {
      hits.value = r.hits;
      indexing.value = r.indexing;
      shown.value = input.q;
      error.value = null;
      busy.value = false;
    },
    (err) => {
      error.value = err;
      busy.value = false;
    },
  );
  watch([text, everywhere], () => {
    const q = text.value.trim();
    if (!q) {
      runner.update(null);
      hits.value = [];
      shown.value = '';
      busy.value = false;
      error.value = null;
      return;
    }
    busy.value = true;
    const here = everywhere.value || b.isTrash.value ? undefined : b.location.value;
    runner.update({ q, ...(here ? { under: here } : {}) });
  });
  onBeforeUnmount(runner.stop);

  function clear(): void {
    text.value = '';
  }

  /** A folder opens in the window; a file opens its folder with it selected and previewed. */
  async function open(hit: SearchHit): Promise<void> {
    clear();
    if (hit.kind === 'dir') b.go(hit.path);
    else await openPath(hit.path);
  }

  return { text, everywhere, hits, indexing, busy, error, shown, active, field, results, clear, open, focus: () => field.value?.focus() };
}

export type Search = ReturnType<typeof createSearch>;

const searchKey: InjectionKey<Search> = Symbol('files.search');

export function provideSearch(b: Browser, openPath: (path: string) => Promise<void>): Search {
  const s = createSearch(b, openPath);
  provide(searchKey, s);
  return s;
}

export function useSearch(): Search {
  const s = inject(searchKey);
  if (!s) throw new Error('useSearch() is only available inside a Files window');
  return s;
}
