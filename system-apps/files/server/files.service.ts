// The Files service: what the router and the HTTP routes call, always on behalf of one caller, composed of roots, listings, changes, jobs and the trash.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Queryable } from '../../../bff/db/pool';
import type { EventBus } from '../../../bff/realtime/bus';
import { makeFolder, readText, renameEntry, writeText } from './changes';
import { guarded } from './errors';
import type { AdminRoot, Caller, FilesApi, FilesHost } from './files.api';
import { FilesStore } from './files.store';
import type { Conflict, ConflictPolicy, FileEntry, FolderSize, Job, JobKind, Listing, ListInput, RootInfo, TransferInput, TransferResult, TrashItem } from './files.types';
import { JobRunner, type JobContext } from './jobs';
import { JobsStore } from './jobs.store';
import { Lister } from './listing';
import { parentOf, resolveSafe, resolveVirtual, type Root } from './paths';
import { Roots } from './roots';
import { Space } from './space';
import { planTransfer, runTransfer } from './transfer';
import { Trash } from './trash';

export interface FilesDeps {
  db: Queryable;
  bus: EventBus;
  dataDir: string;
  log: Pick<Logger, 'warn' | 'error' | 'info'>;
  /** Roots beyond Home and admin-added ones (folders shared with the caller); their names avoid `taken`. */
  extraRoots?: (caller: Caller, taken: readonly string[]) => Promise<Root[]>;
}

export class FilesService implements FilesApi, FilesHost {
  private readonly store: FilesStore;
  private readonly jobsStore: JobsStore;
  private readonly rootsOf: Roots;
  private readonly lister = new Lister();
  private readonly space: Space;
  private readonly runner: JobRunner;
  private readonly bin: Trash;

  constructor(private readonly deps: FilesDeps) {
    this.store = new FilesStore(deps.db);
    this.jobsStore = new JobsStore(deps.db);
    this.rootsOf = new Roots(this.store, deps.dataDir, deps.extraRoots);
    this.space = new Space(this.store, this.rootsOf);
    this.runner = new JobRunner(this.jobsStore, deps.bus, deps.log, (userId, folders) => this.changed(userId, folders));
    this.bin = new Trash(this.jobsStore);
  }

  // ---- FilesHost -------------------------------------------------------------------------------

  rootsFor(caller: Caller): Promise<Root[]> {
    return this.rootsOf.rootsFor(caller);
  }

  /** Home and admin-added roots only: what a share of the caller's can point into. */
  baseRootsFor(caller: Caller): Promise<Root[]> {
    return this.rootsOf.ownRoots(caller);
  }

  /** Adds roots from elsewhere (folders shared with the caller) after Home and the admin-added ones. */
  setExtraRoots(fn: (caller: Caller, taken: readonly string[]) => Promise<Root[]>): void {
    this.rootsOf.extra = fn;
  }

  checkSpace(caller: Caller, bytes: number): Promise<void> {
    return this.space.check(caller, bytes);
  }

  changed(userId: string, folders: string[]): void {
    this.lister.clear();
    this.space.touched(userId);
    this.deps.bus.emit('user.event', { userId, event: 'files.changed', payload: { folders: [...new Set(folders)] } });
  }

  async stagingDir(caller: Caller): Promise<string> {
    const dir = path.join(this.rootsOf.userDir(caller.name), '.staging');
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  // ---- Browsing --------------------------------------------------------------------------------

  async roots(caller: Caller): Promise<RootInfo[]> {
    return Roots.info(await this.rootsFor(caller));
  }

  list(caller: Caller, input: ListInput): Promise<Listing> {
    return guarded(async () => this.lister.list(await this.rootsFor(caller), input));
  }

  stat(caller: Caller, p: string): Promise<FileEntry> {
    return guarded(async () => this.lister.stat(await this.rootsFor(caller), p));
  }

  folderSize(caller: Caller, p: string, signal?: AbortSignal): Promise<FolderSize> {
    return guarded(async () => this.lister.folderSize(await this.rootsFor(caller), p, signal));
  }

  usage(caller: Caller): Promise<{ usedBytes: number; quotaBytes: number | null; freeBytes: number }> {
    return guarded(() => this.space.usage(caller));
  }

  // ---- Changes ---------------------------------------------------------------------------------

  readText(caller: Caller, p: string): Promise<{ text: string; version: string; entry: FileEntry }> {
    return guarded(async () => readText(await this.rootsFor(caller), p));
  }

  writeText(caller: Caller, p: string, text: string, expectedVersion: string | null): Promise<{ version: string; entry: FileEntry }> {
    return guarded(async () => {
      const saved = await writeText(await this.rootsFor(caller), p, text, expectedVersion, (bytes, root) => this.space.check(caller, bytes, root.dir, root.kind === 'home'));
      this.changed(caller.id, [parentOf(saved.entry.path)]);
      return saved;
    });
  }

  mkdir(caller: Caller, parent: string, name: string): Promise<FileEntry> {
    return guarded(async () => {
      const entry = await makeFolder(await this.rootsFor(caller), parent, name);
      this.changed(caller.id, [parentOf(entry.path)]);
      return entry;
    });
  }

  rename(caller: Caller, p: string, name: string): Promise<FileEntry> {
    return guarded(async () => {
      const { entry, from } = await renameEntry(await this.rootsFor(caller), p, name);
      await this.store.moveFavorites(caller.id, from, entry.path);
      this.changed(caller.id, [parentOf(entry.path)]);
      return entry;
    });
  }

  transfer(caller: Caller, input: TransferInput): Promise<TransferResult> {
    return guarded(async () => {
      const again = await this.runner.existing(caller.id, input.requestId);
      if (again) return { jobId: again.id };
      const plan = await planTransfer(await this.rootsFor(caller), input);
      if (input.conflict === 'ask' && plan.conflicts.length) return { conflicts: plan.conflicts };
      const job = await this.runner.start(caller.id, input.requestId, input.op, (ctx) =>
        runTransfer(plan, input.conflict, ctx, {
          checkSpace: (bytes) => this.space.check(caller, bytes, plan.targetReal, plan.target.root.kind === 'home'),
          moved: (from, to) => this.store.moveFavorites(caller.id, from, to),
        }),
      );
      return { jobId: job.id };
    });
  }

  /** Runs other work as one of the caller's jobs (downloads from a URL): progress, pushes, cancel, a retried request id finds it. */
  startJob(caller: Caller, requestId: string, kind: JobKind, work: (ctx: JobContext) => Promise<void>): Promise<Job> {
    return this.runner.start(caller.id, requestId, kind, work);
  }

  jobs(caller: Caller): Promise<Job[]> {
    return this.runner.list(caller.id);
  }

  cancelJob(caller: Caller, id: string): Promise<Job> {
    return this.runner.cancel(caller.id, id);
  }

  /** Waits for a job to end (tests). */
  waitForJob(id: string): Promise<void> {
    return this.runner.wait(id);
  }

  // ---- Trash -----------------------------------------------------------------------------------

  trashList(caller: Caller): Promise<TrashItem[]> {
    return this.jobsStore.trash(caller.id).then((items) => items.map(({ storedName: _stored, ...item }) => item));
  }

  private trashDir(caller: Caller): string {
    return Trash.dir(this.rootsOf.userDir(caller.name));
  }

  trash(caller: Caller, paths: string[], requestId: string): Promise<{ jobId: string }> {
    return guarded(async () => {
      const again = await this.runner.existing(caller.id, requestId);
      if (again) return { jobId: again.id };
      const entries = await this.bin.prepare(await this.rootsFor(caller), paths);
      const job = await this.runner.start(caller.id, requestId, 'trash', (ctx) => this.bin.move(caller.id, this.trashDir(caller), entries, ctx));
      return { jobId: job.id };
    });
  }

  restore(caller: Caller, ids: string[], conflict: ConflictPolicy, requestId: string): Promise<{ conflicts: Conflict[] } | { jobId: string }> {
    return guarded(async () => {
      const again = await this.runner.existing(caller.id, requestId);
      if (again) return { jobId: again.id };
      const roots = await this.rootsFor(caller);
      const items = await this.bin.items(caller.id, ids);
      if (conflict === 'ask') {
        const conflicts = await this.bin.conflicts(roots, items, this.trashDir(caller));
        if (conflicts.length) return { conflicts };
      } else for (const item of items) resolveVirtual(roots, item.originalPath);
      const job = await this.runner.start(caller.id, requestId, 'restore', (ctx) => this.bin.restore(caller.id, roots, this.trashDir(caller), items, conflict, ctx, () => undefined));
      return { jobId: job.id };
    });
  }

  emptyTrash(caller: Caller, ids: string[] | undefined, requestId: string): Promise<{ jobId: string }> {
    return guarded(async () => {
      const again = await this.runner.existing(caller.id, requestId);
      if (again) return { jobId: again.id };
      const items = await this.jobsStore.trash(caller.id, ids);
      const job = await this.runner.start(caller.id, requestId, 'emptyTrash', (ctx) => this.bin.empty(caller.id, this.trashDir(caller), items, ctx));
      return { jobId: job.id };
    });
  }

  // ---- Favourites ------------------------------------------------------------------------------

  favorites(caller: Caller): Promise<string[]> {
    return this.store.favorites(caller.id);
  }

  addFavorite(caller: Caller, p: string): Promise<string[]> {
    return guarded(async () => {
      const r = await resolveSafe(await this.rootsFor(caller), p);
      await fsp.stat(r.real);
      await this.store.addFavorite(caller.id, r.virtual);
      return this.store.favorites(caller.id);
    });
  }

  async removeFavorite(caller: Caller, p: string): Promise<string[]> {
    let virtual = p;
    try {
      virtual = resolveVirtual(await this.rootsFor(caller), p).virtual;
    } catch {
      // A favourite whose root is gone is removed by the path it was saved under.
    }
    await this.store.removeFavorite(caller.id, virtual);
    return this.store.favorites(caller.id);
  }

  // ---- Admin -----------------------------------------------------------------------------------

  adminRoots(user: string): Promise<AdminRoot[]> {
    return this.rootsOf.list(user);
  }

  addRoot(input: { user: string; name: string; dir: string; readOnly: boolean }): Promise<AdminRoot> {
    return this.rootsOf.add(input);
  }

  removeRoot(id: string): Promise<void> {
    return this.rootsOf.remove(id);
  }

  async setQuota(user: string, bytes: number | null): Promise<void> {
    await this.store.setQuota(await this.rootsOf.userId(user), bytes);
  }

  /** Cancels running jobs and waits for them (the app is closing). */
  shutdown(): Promise<void> {
    return this.runner.shutdown();
  }
}
