// The pages of one folder listing that a window has loaded: fetched on demand for the rows in view, dropped when the folder changes.
import type { FileEntry, Listing } from '../../server/files.types';

export const PAGE_SIZE = 200;

/** Fetches entries [offset, offset + limit) of the folder, in the window's sort order. */
export type FetchPage = (offset: number, limit: number) => Promise<Listing>;

export class PageCache {
  /** Entries in the folder (from the latest page that came back); null until the first one has. */
  total: number | null = null;
  version: string | null = null;
  /** The first page's failure (the folder is gone, not allowed…); cleared by refresh(). */
  error: unknown = null;
  private pages = new Map<number, FileEntry[]>();
  /** Pages from before a refresh, shown until their fresh copies arrive (no flash of placeholders). */
  private stale = new Map<number, FileEntry[]>();
  private loading = new Set<number>();
  private failed = new Set<number>();
  private generation = 0;

  constructor(
    private readonly fetchPage: FetchPage,
    private readonly onChange: () => void,
    private readonly onError: (err: unknown) => void = () => undefined,
    readonly pageSize = PAGE_SIZE,
  ) {}

  /** The entry at row `i`, or undefined while its page loads. */
  entryAt(i: number): FileEntry | undefined {
    const p = Math.floor(i / this.pageSize);
    return (this.pages.get(p) ?? this.stale.get(p))?.[i - p * this.pageSize];
  }

  isLoaded(i: number): boolean {
    return this.pages.has(Math.floor(i / this.pageSize));
  }

  /** Every loaded entry with its row (for type-ahead and turning a selection into paths). */
  *loaded(): Generator<[number, FileEntry]> {
    for (const [p, entries] of this.pages) for (let k = 0; k < entries.length; k++) yield [p * this.pageSize + k, entries[k]!];
  }

  /** Asks for the pages that rows [start, end) fall on and that are neither loaded nor on their way. */
  ensure(start: number, end: number): void {
    const last = this.total === null ? 0 : Math.max(0, Math.ceil(this.total / this.pageSize) - 1);
    const from = Math.max(0, Math.floor(start / this.pageSize));
    const to = Math.min(last, Math.floor(Math.max(start, end - 1) / this.pageSize));
    for (let p = from; p <= to; p++) {
      if (!this.pages.has(p) && !this.loading.has(p) && !this.failed.has(p)) void this.load(p);
    }
  }

  /** The folder changed: fetch again what is asked for next, showing the old rows meanwhile. */
  refresh(): void {
    this.generation++;
    for (const [p, entries] of this.pages) this.stale.set(p, entries);
    this.pages.clear();
    this.loading.clear();
    this.failed.clear();
    this.error = null;
    this.onChange();
  }

  private async load(p: number): Promise<void> {
    const generation = this.generation;
    this.loading.add(p);
    try {
      const listing = await this.fetchPage(p * this.pageSize, this.pageSize);
      if (generation !== this.generation) return;
      this.loading.delete(p);
      if (this.version !== null && listing.version !== this.version) {
        // The folder changed under us: rows may have shifted, so no other page can be trusted.
        this.pages.clear();
        this.stale.clear();
        this.loading.clear();
        this.generation++;
      }
      this.version = listing.version;
      this.total = listing.total;
      this.pages.set(p, listing.entries);
      this.stale.delete(p);
      this.onChange();
    } catch (err) {
      if (generation !== this.generation) return;
      this.loading.delete(p);
      this.failed.add(p);
      if (p === 0 || this.total === null) this.error = err;
      this.onError(err);
      this.onChange();
    }
  }
}

/** Every entry of the folder, page by page (for "all selected" operations); starts again when the folder changes meanwhile. */
export async function fetchAll(fetchPage: FetchPage, limit = 500): Promise<FileEntry[]> {
  for (let attempt = 0; ; attempt++) {
    const first = await fetchPage(0, limit);
    const out = [...first.entries];
    let changed = false;
    for (let offset = limit; offset < first.total; offset += limit) {
      const page = await fetchPage(offset, limit);
      if (page.version !== first.version) {
        changed = true;
        break;
      }
      out.push(...page.entries);
    }
    if (!changed || attempt >= 2) return out;
  }
}
