// Wise in the desktop: its articles in the spotlight, its commands (add a feed, save a page, upload, refresh), and files opened from Files ("Open with") taken into the library.
import { watch } from 'vue';
import { useCommands, useSearchProvider, useShell, useWindow, type SearchResult } from '../../../frontend/sdk';
import type { Overlays } from './overlays';
import { wiseApi } from './api';

const IMPORTED_KEY = 'olares.wise.imported';

/** Paths already taken into the library from Files, so that a restored window (same props) opens them instead of uploading again. */
function importedEntry(path: string): string | null {
  try {
    return (JSON.parse(localStorage.getItem(IMPORTED_KEY) ?? '{}') as Record<string, string>)[path] ?? null;
  } catch {
    return null;
  }
}

export function rememberImport(path: string, id: string | null): void {
  try {
    const all = JSON.parse(localStorage.getItem(IMPORTED_KEY) ?? '{}') as Record<string, string>;
    if (id) all[path] = id;
    else delete all[path];
    // Keep the last 200.
    const kept = Object.fromEntries(Object.entries(all).slice(-200));
    localStorage.setItem(IMPORTED_KEY, JSON.stringify(kept));
  } catch {
    // not remembered
  }
}

export interface ShellHooks {
  overlays: Overlays;
  refresh(): Promise<void>;
  /** Opens an entry by id (spotlight, a known import). */
  openEntry(id: string): Promise<boolean>;
  /** Takes a file from Files into the library and opens it. */
  importPath(path: string): Promise<void>;
}

export function useWiseShell(hooks: ShellHooks): void {
  const win = useWindow();
  const shell = useShell();

  useSearchProvider({
    id: 'wise-articles',
    title: 'wise.search.provider',
    async search(query, signal): Promise<SearchResult[]> {
      const q = query.trim();
      if (q.length < 2) return [];
      const hits = await wiseApi().search.query.query({ q, limit: 8 }, { signal });
      return hits.map((h) => ({ id: h.id, title: h.title, subtitle: h.source, run: () => void shell.openApp('wise', { entryId: h.id }) }));
    },
  });

  useCommands([
    { id: 'add-feed', title: 'wise.commands.addFeed', keywords: ['rss', 'atom', 'subscribe', 'feed'], run: () => void (hooks.overlays.addFeed.value = true) },
    { id: 'save-page', title: 'wise.commands.savePage', keywords: ['read later', 'bookmark', 'article'], run: () => void (hooks.overlays.saveUrl.value = true) },
    { id: 'upload', title: 'wise.commands.upload', keywords: ['pdf', 'epub', 'book'], run: () => void (hooks.overlays.pick.value = 'document') },
    { id: 'refresh', title: 'wise.commands.refresh', keywords: ['update', 'fetch'], run: () => hooks.refresh() },
  ]);

  // Props arrive when the window opens and each time it is opened again with others (Files' "Open with", the spotlight).
  watch(
    () => win.props,
    async (props) => {
      if (typeof props.entryId === 'string') void hooks.openEntry(props.entryId);
      else if (typeof props.path === 'string' && props.path.startsWith('/')) {
        const known = importedEntry(props.path);
        if (known && (await hooks.openEntry(known))) return;
        await hooks.importPath(props.path);
      }
    },
    { immediate: true },
  );
}
