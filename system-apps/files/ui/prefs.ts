// The browser's view preferences (list or grid, sort, hidden files), remembered in this browser for new windows.
import { ref, watch, type Ref } from 'vue';
import type { SortKey } from '../server/files.types';

export interface ViewPrefs {
  view: 'list' | 'grid';
  sort: SortKey;
  desc: boolean;
  showHidden: boolean;
}

const KEY = 'olares.files.view';
const DEFAULTS: ViewPrefs = { view: 'list', sort: 'name', desc: false, showHidden: false };

export function readPrefs(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): ViewPrefs {
  try {
    const raw = JSON.parse(storage?.getItem(KEY) ?? '{}') as Partial<ViewPrefs>;
    return {
      view: raw.view === 'grid' ? 'grid' : 'list',
      sort: raw.sort && ['name', 'size', 'mtime', 'type'].includes(raw.sort) ? raw.sort : 'name',
      desc: raw.desc === true,
      showHidden: raw.showHidden === true,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

/** This window's preferences, starting from the remembered ones; a change is remembered for the next window. */
export function useViewPrefs(): Ref<ViewPrefs> {
  const prefs = ref(readPrefs());
  watch(prefs, (p) => {
    try {
      localStorage.setItem(KEY, JSON.stringify(p));
    } catch {
      // private mode: not remembered
    }
  }, { deep: true });
  return prefs;
}
