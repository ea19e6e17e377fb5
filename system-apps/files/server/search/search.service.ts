// Searches a user's files by name within a tree and by content, from the index the indexer keeps; walks roots not indexed yet first.
import { appError } from '../../../../bff/trpc/app-error';
import type { Caller } from '../files.api';
import type { EntryKind } from '../files.types';
import { PathError, resolveSafe, type Root } from '../paths';
import type { FileIndexer } from './indexer';
import type { SearchStore } from './search.store';
import { likeEscape, mark, queryText, queryWords, snippet, type Segment } from './text';

export interface SearchInput {
  q: string;
  /** A folder to search below; all roots when absent. */
  under?: string;
  /** Also match file contents (text, Markdown, code, PDF). */
  content: boolean;
  limit: number;
}

export interface SearchHit {
  path: string;
  name: string;
  kind: EntryKind;
  size: number;
  mtime: number;
  /** The name with the query's words marked. */
  nameMarks: Segment[];
  /** Text around the first match in the content, when the content matched. */
  snippet: Segment[] | null;
}

export interface SearchResult {
  hits: SearchHit[];
  /** The index of some root was still being built: results may be incomplete. */
  indexing: boolean;
}

export class FilesSearchService {
  constructor(
    private readonly deps: {
      store: SearchStore;
      indexer: FileIndexer;
      rootsFor(caller: Caller): Promise<Root[]>;
      /** How long a search waits for a first walk before answering with what is there. */
      firstWalkWaitMs?: number;
    },
  ) {}

  async search(caller: Caller, input: SearchInput): Promise<SearchResult> {
    const roots = await this.deps.rootsFor(caller);
    let scopes = roots.map((r) => ({ rootId: r.id, under: '' }));
    if (input.under) {
      try {
        const r = await resolveSafe(roots, input.under);
        scopes = [{ rootId: r.root.id, under: r.segments.join('/') }];
      } catch (err) {
        if (err instanceof PathError) throw appError('BAD_REQUEST', err.reason, err.message);
        throw err;
      }
    }
    // The first search walks the roots; answer when done, or after a short wait with what is indexed so far.
    const walk = this.deps.indexer.ensure(caller.id);
    const timeout = new Promise<'late'>((r) => setTimeout(() => r('late'), this.deps.firstWalkWaitMs ?? 3000).unref());
    await Promise.race([walk, timeout]);
    const words = queryWords(input.q);
    if (!words.length) return { hits: [], indexing: this.deps.indexer.busy(caller.id) };
    const rows = await this.deps.store.search(caller.id, scopes, {
      nameLikes: words.map((w) => `%${likeEscape(w)}%`),
      tsquery: input.content ? queryText(input.q) : null,
      limit: input.limit,
    });
    const byId = new Map(roots.map((r) => [r.id, r]));
    const hits = rows.flatMap((row): SearchHit[] => {
      const root = byId.get(row.root_id);
      if (!root) return [];
      return [
        {
          path: `/${root.name}/${row.rel_path}`,
          name: row.name,
          kind: row.kind,
          size: Number(row.size),
          mtime: Number(row.mtime_ms),
          nameMarks: mark(row.name, words),
          snippet: row.body ? snippet(row.body, words) : null,
        },
      ];
    });
    return { hits, indexing: this.deps.indexer.busy(caller.id) };
  }

  /** Walks the caller's roots again (outside changes on file systems the watcher cannot see). */
  async rescan(caller: Caller): Promise<{ started: true }> {
    void this.deps.indexer.ensure(caller.id, true);
    return { started: true };
  }
}
