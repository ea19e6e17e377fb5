// Folder listings at readdir speed: one pass over the folder, the first page by top-k selection, later pages from a cached full order.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import { appError } from '../../../bff/trpc/app-error';
import { kindOf, resolveEntry, toEntry } from './entries';
import type { FileEntry, FolderSize, Listing, ListInput } from './files.types';
import { joinVirtual, resolveSafe, type Root } from './paths';
import { comparator, sortAll, topK, type Compare, type Item } from './sorting';
import { CHUNK, measure, readNames } from './walk';

/** What one read of a folder gave, valid while the folder's mtime stays the same. */
interface Snapshot {
  mtimeMs: number;
  items: Item[];
  visible?: Item[];
  statsLoaded?: Promise<void>;
  /** The sorted beginning of each order (`sort:desc:hidden`), grown as later pages are asked for. */
  orders: Map<string, Order>;
}

interface Order {
  prefix: Item[];
  complete: boolean;
}

export interface ListerOptions {
  /** Folders whose snapshots are kept (least recently used go first). */
  cacheFolders?: number;
  /** Entries kept in all snapshots together. */
  cacheEntries?: number;
  /** The most entries picked by selection at once; beyond it the whole folder is sorted (tests lower it). */
  selectMax?: number;
}

/** Entries sorted beyond the page asked for, so that the next pages come from the cache. */
const AHEAD = 1000;

/** How long after its last change a folder's mtime is trusted to move with the next change (coarse file-system clocks). */
const SETTLED_MS = 100;

export const notFolder = () => appError('BAD_REQUEST', 'files.notFolder', 'That is a file, not a folder.');

export class Lister {
  private readonly cache = new Map<string, Snapshot>();
  private readonly building = new Map<string, Promise<Snapshot>>();
  private readonly maxFolders: number;
  private readonly maxEntries: number;
  private readonly selectMax: number;

  constructor(opts: ListerOptions = {}) {
    this.maxFolders = opts.cacheFolders ?? 16;
    this.maxEntries = opts.cacheEntries ?? 1_000_000;
    this.selectMax = opts.selectMax ?? 5000;
  }

  async list(roots: readonly Root[], input: ListInput): Promise<Listing> {
    const r = await resolveSafe(roots, input.path);
    const st = await fsp.stat(r.real);
    if (!st.isDirectory()) throw notFolder();
    const snap = await this.snapshot(r.real, st.mtimeMs);
    const items = input.showHidden ? snap.items : (snap.visible ??= snap.items.filter((i) => !i.name.startsWith('.')));
    if (input.sort === 'size' || input.sort === 'mtime') await (snap.statsLoaded ??= loadStats(r.real, snap.items));
    const key = `${input.sort}:${input.desc}:${input.showHidden}`;
    let order = snap.orders.get(key);
    if (!order) snap.orders.set(key, (order = { prefix: [], complete: false }));
    const page = this.page(items, order, comparator(input.sort, input.desc), input.offset, input.offset + input.limit);
    const entries: FileEntry[] = [];
    for (const item of page) {
      const s = fs.lstatSync(path.join(r.real, item.name), { throwIfNoEntry: false });
      if (s) entries.push(toEntry(item.name, joinVirtual(r.virtual, item.name), s));
    }
    return { path: r.virtual, total: items.length, offset: input.offset, entries, version: String(st.mtimeMs) };
  }

  async stat(roots: readonly Root[], p: string): Promise<FileEntry> {
    const r = await resolveEntry(roots, p);
    const st = await fsp.lstat(r.host);
    return toEntry(r.segments.length ? r.segments[r.segments.length - 1]! : r.root.name, r.virtual, st);
  }

  async folderSize(roots: readonly Root[], p: string, signal?: AbortSignal): Promise<FolderSize> {
    const r = await resolveEntry(roots, p);
    return measure(r.host, signal);
  }

  /**
   * Entries [offset, end) in order. The sorted beginning grows by selection (top-k after the last one known);
   * a page near the end is picked from the end; only a jump deep into the middle sorts the whole folder.
   */
  private page(items: Item[], order: Order, cmp: Compare, offset: number, end: number): Item[] {
    if (order.complete || end <= order.prefix.length) return order.prefix.slice(offset, end);
    const fromEnd = items.length - offset;
    if (offset >= order.prefix.length && fromEnd <= this.selectMax) {
      if (fromEnd <= 0) return [];
      return topK(items, fromEnd, (a, b) => cmp(b, a))
        .reverse()
        .slice(0, end - offset);
    }
    // The first page picks just itself (the cold path a new folder takes); later ones read ahead.
    const want = Math.min(items.length, offset === 0 ? end : end + AHEAD);
    if (want - order.prefix.length <= this.selectMax) {
      order.prefix.push(...topK(items, want - order.prefix.length, cmp, order.prefix.at(-1)));
    } else {
      order.prefix = sortAll(items, cmp);
    }
    if (order.prefix.length >= items.length) order.complete = true;
    return order.prefix.slice(offset, end);
  }

  /** Drops what is cached for a host folder (after the app changed it). */
  invalidate(real: string): void {
    this.cache.delete(real);
  }

  clear(): void {
    this.cache.clear();
  }

  private async snapshot(real: string, mtimeMs: number): Promise<Snapshot> {
    const cached = this.cache.get(real);
    if (cached && cached.mtimeMs === mtimeMs) {
      this.cache.delete(real);
      this.cache.set(real, cached);
      return cached;
    }
    const buildKey = `${real}\0${mtimeMs}`;
    let pending = this.building.get(buildKey);
    if (!pending) {
      const readAt = Date.now();
      pending = readItems(real).then((items) => {
        const snap: Snapshot = { mtimeMs, items, orders: new Map() };
        // A folder changed within the file system's clock tick before this read could change again without its
        // mtime moving: such a snapshot serves this request only.
        if (readAt - mtimeMs > SETTLED_MS) this.remember(real, snap);
        return snap;
      });
      pending.finally(() => this.building.delete(buildKey)).catch(() => undefined);
      this.building.set(buildKey, pending);
    }
    return pending;
  }

  private remember(real: string, snap: Snapshot): void {
    this.cache.delete(real);
    this.cache.set(real, snap);
    let total = 0;
    for (const s of this.cache.values()) total += s.items.length;
    for (const [k, s] of this.cache) {
      if (this.cache.size <= this.maxFolders && total <= this.maxEntries) break;
      if (k === real) continue;
      this.cache.delete(k);
      total -= s.items.length;
    }
  }
}

async function readItems(dir: string): Promise<Item[]> {
  const items: Item[] = [];
  const unknown: Item[] = [];
  await readNames(dir, (d) => {
    const item: Item = { name: d.name, kind: kindOf(d) };
    items.push(item);
    // Some file systems do not say what an entry is: ask them.
    if (item.kind === 'other') unknown.push(item);
  });
  for (const item of unknown) {
    const st = fs.lstatSync(path.join(dir, item.name), { throwIfNoEntry: false });
    if (st) item.kind = kindOf(st);
  }
  return items;
}

/** Sizes and dates of every entry, for the size and date sorts: synchronous lstat in chunks, yielding between them. */
async function loadStats(dir: string, items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const st = fs.lstatSync(path.join(dir, item.name), { throwIfNoEntry: false });
    item.size = st && !st.isDirectory() ? st.size : 0;
    item.mtime = st ? st.mtimeMs : 0;
    if (i % CHUNK === CHUNK - 1) await tick();
  }
}
