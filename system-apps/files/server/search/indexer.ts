// Keeps the search index in step with the disk: a full walk per root, quick refreshes of folders the app changed, and a watcher for outside changes.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Root } from '../paths';
import { extractText } from './extract';
import type { IndexedRow, NewRow, SearchStore } from './search.store';
import { indexText } from './text';

export interface IndexerDeps {
  store: SearchStore;
  /** A user's roots (Home made on first use). */
  rootsFor(userId: string): Promise<Root[]>;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** How often indexed users' roots are walked again (outside changes the watcher missed: NFS, JuiceFS); 0 = never. */
  rescanMs?: number;
  /** Watch indexed roots for outside changes (Linux inotify; not on network file systems). */
  watch?: boolean;
}

const BATCH = 500;
/** Names the app itself uses for work in progress. */
const SKIP = /^\.olares-/;

type Kind = IndexedRow['kind'];
const kindOf = (st: fs.Stats): Kind => (st.isDirectory() ? 'dir' : st.isFile() ? 'file' : st.isSymbolicLink() ? 'symlink' : 'other');

export class FileIndexer {
  private readonly running = new Map<string, Promise<void>>();
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private readonly pending = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: IndexerDeps) {}

  start(): void {
    if (this.deps.rescanMs) {
      this.timer = setInterval(() => void this.rescanAll(), this.deps.rescanMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.flushTimer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  /** Whether a walk of this user's roots is under way. */
  busy(userId: string): boolean {
    return [...this.running.keys()].some((k) => k.startsWith(`${userId}:`));
  }

  /** Walks every root of the user not walked yet (all of them with `force`); resolves when done. */
  async ensure(userId: string, force = false): Promise<void> {
    const roots = await this.deps.rootsFor(userId);
    await this.deps.store.keepRoots(userId, roots.map((r) => r.id));
    const scanned = force ? new Set<string>() : await this.deps.store.scannedRoots(userId);
    await Promise.all(roots.filter((r) => !scanned.has(r.id)).map((r) => this.walkOnce(userId, r, '')));
    for (const r of roots) this.watchRoot(userId, r);
  }

  private async rescanAll(): Promise<void> {
    for (const userId of await this.deps.store.indexedUsers().catch(() => [])) {
      if (this.stopped) return;
      await this.ensure(userId, true).catch((err: Error) => this.deps.log.warn({ err: { message: err.message } }, 'files index: rescan failed'));
    }
  }

  /** One walk per root at a time; a second caller waits for the running one. */
  private walkOnce(userId: string, root: Root, under: string): Promise<void> {
    const key = `${userId}:${root.id}:${under}`;
    let run = this.running.get(key);
    if (!run) {
      run = this.walk(userId, root, under)
        .then(() => (under === '' ? this.deps.store.markScanned(userId, root.id) : undefined))
        .catch((err: Error) => this.deps.log.warn({ err: { message: err.message }, root: root.id }, 'files index: walk failed'))
        .finally(() => this.running.delete(key));
      this.running.set(key, run);
    }
    return run;
  }

  /** Walks a folder and everything below it. */
  private async walk(userId: string, root: Root, under: string): Promise<void> {
    const stack = [under];
    while (stack.length && !this.stopped) {
      const rel = stack.pop()!;
      const dirs = await this.refresh(userId, root, rel);
      stack.push(...dirs);
    }
  }

  /** Brings one folder's children up to date; returns the subfolders (relative paths) to descend into. */
  async refresh(userId: string, root: Root, rel: string): Promise<string[]> {
    const dir = path.join(root.dir, rel);
    let names: string[];
    try {
      names = (await fsp.readdir(dir)).filter((n) => !SKIP.test(n));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        if (rel) await this.deps.store.remove(userId, root.id, [rel]);
        return [];
      }
      throw err;
    }
    const known = await this.deps.store.children(userId, root.id, rel);
    const subdirs: string[] = [];
    let batch: NewRow[] = [];
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const relPath = rel ? `${rel}/${name}` : name;
      let st: fs.Stats;
      try {
        st = fs.lstatSync(path.join(dir, name));
      } catch {
        continue;
      }
      const kind = kindOf(st);
      if (kind === 'dir') subdirs.push(relPath);
      const before = known.get(relPath);
      known.delete(relPath);
      if (before && before.kind === kind && before.size === st.size && before.mtimeMs === Math.floor(st.mtimeMs)) continue;
      const body = kind === 'file' ? await extractText(path.join(dir, name), st.size) : null;
      batch.push({ relPath, parent: rel, name, kind, size: kind === 'file' ? st.size : 0, mtimeMs: st.mtimeMs, nameText: indexText(name), body, bodyText: body === null ? null : indexText(body) });
      if (batch.length >= BATCH) {
        await this.deps.store.upsert(userId, root.id, batch);
        batch = [];
      }
      // Large folders: let requests through between stat batches.
      if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
    }
    await this.deps.store.upsert(userId, root.id, batch);
    await this.deps.store.remove(userId, root.id, [...known.keys()]);
    return subdirs;
  }

  /**
   * Folders changed through the app (or seen by the watcher): refreshed shortly after, once each.
   * `folders` are paths below the root ('' for the root itself).
   */
  changed(userId: string, root: Root, folders: string[]): void {
    const key = `${userId}\u0000${root.id}`;
    const set = this.pending.get(key) ?? new Set<string>();
    for (const f of folders) set.add(f);
    this.pending.set(key, set);
    this.rootsById.set(key, root);
    this.flushTimer ??= setTimeout(() => void this.flush(), 200);
  }

  private readonly rootsById = new Map<string, Root>();

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    const work = [...this.pending.entries()];
    this.pending.clear();
    for (const [key, folders] of work) {
      const [userId] = key.split('\u0000') as [string];
      const root = this.rootsById.get(key)!;
      for (const rel of folders) {
        if (this.stopped) return;
        // New subfolders (a folder upload, a copy) are walked whole; known ones were refreshed on their own.
        const known = await this.deps.store.children(userId, root.id, rel).catch(() => new Map<string, IndexedRow>());
        const subdirs = await this.refresh(userId, root, rel).catch((err: Error) => {
          this.deps.log.warn({ err: { message: err.message } }, 'files index: refresh failed');
          return [];
        });
        for (const d of subdirs) if (!known.has(d)) await this.walkOnce(userId, root, d);
      }
    }
  }

  private watchRoot(userId: string, root: Root): void {
    const key = `${userId}:${root.id}`;
    if (!this.deps.watch || this.watchers.has(key) || this.stopped) return;
    try {
      const w = fs.watch(root.dir, { recursive: true, persistent: false }, (_event, file) => {
        if (!file) return;
        const rel = String(file).split(path.sep).join('/');
        if (rel.split('/').some((s) => SKIP.test(s))) return;
        const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
        this.changed(userId, root, [parent]);
      });
      w.on('error', () => {
        w.close();
        this.watchers.delete(key);
      });
      this.watchers.set(key, w);
    } catch (err) {
      this.deps.log.info({ err: { message: (err as Error).message }, root: root.id }, 'files index: cannot watch this root; the periodic rescan keeps it fresh');
    }
  }
}
