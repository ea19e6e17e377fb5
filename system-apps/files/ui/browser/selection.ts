// Which rows of a listing are selected: paths for rows that were loaded, index ranges for rows that were not, or "all but these" (so Ctrl+A on 100,000 entries loads nothing).
import type { FileEntry } from '../../server/files.types';

type Range = [number, number]; // inclusive

/** What the selection needs to know of the listing: the entry at a row, when its page is loaded. */
export type EntryAt = (i: number) => FileEntry | undefined;

export class Selection {
  /** Every row is selected except `paths`. */
  all = false;
  /** Selected (or, when `all`, excluded) paths. */
  paths = new Set<string>();
  /** Rows selected by a Shift range while their page was not loaded. */
  pending: Range[] = [];
  /** Where the next Shift range starts. */
  anchor = -1;

  has(i: number, entry: FileEntry | undefined): boolean {
    if (this.all) return !entry || !this.paths.has(entry.path);
    if (entry && this.paths.has(entry.path)) return true;
    return this.pending.some(([a, b]) => i >= a && i <= b);
  }

  count(total: number): number {
    if (this.all) return Math.max(0, total - this.paths.size);
    return this.paths.size + this.pending.reduce((n, [a, b]) => n + b - a + 1, 0);
  }

  get empty(): boolean {
    return !this.all && this.paths.size === 0 && this.pending.length === 0;
  }

  clear(): void {
    this.all = false;
    this.paths.clear();
    this.pending = [];
  }

  /** Only row `i` (a plain click or arrow key). */
  only(i: number, at: EntryAt): void {
    this.clear();
    this.add(i, i, at);
    this.anchor = i;
  }

  /** Ctrl/⌘-click: row `i` in or out. */
  toggle(i: number, at: EntryAt): void {
    const entry = at(i);
    this.anchor = i;
    if (this.all) {
      if (!entry) return;
      if (this.paths.has(entry.path)) this.paths.delete(entry.path);
      else this.paths.add(entry.path);
      return;
    }
    if (entry && this.paths.has(entry.path)) {
      this.paths.delete(entry.path);
      return;
    }
    const inPending = this.pending.findIndex(([a, b]) => i >= a && i <= b);
    if (inPending >= 0) {
      const [a, b] = this.pending[inPending]!;
      const parts: Range[] = [];
      if (a < i) parts.push([a, i - 1]);
      if (i < b) parts.push([i + 1, b]);
      this.pending.splice(inPending, 1, ...parts);
      return;
    }
    this.add(i, i, at);
  }

  /** Shift-click or Shift+arrow: from the anchor to `i`; with `extend` (Ctrl+Shift) added to what is selected. */
  range(i: number, at: EntryAt, extend = false): void {
    const anchor = this.anchor < 0 ? i : this.anchor;
    if (!extend) this.clear();
    this.add(Math.min(anchor, i), Math.max(anchor, i), at);
    this.anchor = anchor;
  }

  selectAll(): void {
    this.clear();
    this.all = true;
  }

  /** A copy (the marquee starts from the selection as it was and adds what it crosses). */
  clone(): Selection {
    const c = new Selection();
    c.all = this.all;
    c.paths = new Set(this.paths);
    c.pending = this.pending.map(([a, b]) => [a, b] as Range);
    c.anchor = this.anchor;
    return c;
  }

  /** Rows a..b (inclusive) added (in "all" mode they are taken out of the exceptions). */
  addRange(a: number, b: number, at: EntryAt): void {
    if (this.all) {
      for (let i = a; i <= b; i++) {
        const e = at(i);
        if (e) this.paths.delete(e.path);
      }
      return;
    }
    this.add(a, b, at);
  }

  /** Rows a..b (inclusive): loaded ones by path, the rest as pending ranges. */
  private add(a: number, b: number, at: EntryAt): void {
    let start = -1;
    for (let i = a; i <= b; i++) {
      const entry = at(i);
      if (entry) {
        this.paths.add(entry.path);
        if (start >= 0) this.pending.push([start, i - 1]);
        start = -1;
      } else if (start < 0) start = i;
    }
    if (start >= 0) this.pending.push([start, b]);
  }

  /** The selected entries' paths; `all` fetches every entry of the folder (only when the selection needs it). */
  async resolve(at: EntryAt, fetchAll: () => Promise<FileEntry[]>): Promise<string[]> {
    if (!this.all && this.pending.length === 0) return [...this.paths];
    if (this.all) return (await fetchAll()).map((e) => e.path).filter((p) => !this.paths.has(p));
    const out = new Set(this.paths);
    const missing = this.pending.some(([a, b]) => {
      for (let i = a; i <= b; i++) if (!at(i)) return true;
      return false;
    });
    const entries = missing ? await fetchAll() : null;
    for (const [a, b] of this.pending) {
      for (let i = a; i <= b; i++) {
        const e = entries ? entries[i] : at(i);
        if (e) out.add(e.path);
      }
    }
    return [...out];
  }

  /** The selected paths when they are all known without fetching (for a drag, which must set its data at once). */
  known(at: EntryAt): string[] | null {
    if (this.all) return null;
    const out = new Set(this.paths);
    for (const [a, b] of this.pending) {
      for (let i = a; i <= b; i++) {
        const e = at(i);
        if (!e) return null;
        out.add(e.path);
      }
    }
    return [...out];
  }
}
