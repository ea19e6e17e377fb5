// Files in the spotlight: while a Files window is open, its search answers there too (one window answers, so results never show twice).
import { getCurrentScope, onScopeDispose } from 'vue';
import { useSearchProvider, useShell, useTrpc, useWindow, type SearchResult } from '../../../../frontend/sdk';
import { parentOf } from '../browser/paths';

/** Open Files windows, oldest first: the first one answers. */
const windows: string[] = [];

export function useFilesSpotlight(): void {
  const trpc = useTrpc();
  const shell = useShell();
  const win = useWindow();
  windows.push(win.id);
  if (getCurrentScope()) onScopeDispose(() => windows.splice(windows.indexOf(win.id), 1));
  useSearchProvider({
    id: `search-${win.id}`,
    title: 'files.search.provider',
    async search(query, signal): Promise<SearchResult[]> {
      const q = query.trim();
      if (!q || windows[0] !== win.id) return [];
      const { hits } = await trpc.files.search.query.query({ q, content: true, limit: 8 }, { signal });
      return hits.map((h) => ({ id: h.path, title: h.name, subtitle: parentOf(h.path), run: () => void shell.openApp('files', { path: h.path }) }));
    },
  });
}
