// The Files service: what the router and the HTTP routes call, always on behalf of one caller, composed of roots, listings, changes, jobs and the trash.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Queryable } from '../../../bff/db/pool';
import type { EventBus } from '../../../bff/realtime/bus';
import { makeFolder, readText, renameEntry, writeText } from './changes';
import { DriveOps, type DriveLocation, type DriveOpener } from './drives/drive-ops';
import { involvesDrive, planDriveTransfer, runDriveTransfer } from './drives/drive-transfer';
import { appError } from '../../../bff/trpc/app-error';
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
  /** Operations on cloud drives (set by the platform once DrivesService exists). */
  private drives: DriveOps | null = null;

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

  /** Lets drive roots be used: `open` gives the caller's client for a drive. */
  setDrives(open: DriveOpener): void {
    this.drives = new DriveOps(open);
  }

  async driveAt(caller: Caller, roots: readonly Root[], virtual: string, opts: { write?: boolean } = {}): Promise<DriveLocation | null> {
    return this.drives ? this.drives.locate(caller, roots, virtual, opts) : null;
  }

  /** The caller's roots and, when `p` is on a cloud drive, where. */
  private async at(caller: Caller, p: string, write = false): Promise<{ roots: Root[]; drive: DriveLocation | null; ops: DriveOps }> {
    const roots = await this.rootsFor(caller);
    const drive = await this.driveAt(caller, roots, p, { write });
    return { roots, drive, ops: this.drives! };
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
    return guarded(async () => {
      const { roots, drive, ops } = await this.at(caller, input.path);
      if (drive) return ops.list(drive, input);
      const listing = await this.lister.list(roots, input);
      this.listed?.(roots, listing);
      return listing;
    });
  }

  /** Called with every local page listed (thumbnails of its images are made ahead of being asked). */
  private listed: ((roots: readonly Root[], listing: Listing) => void) | undefined;
  onListed(fn: (roots: readonly Root[], listing: Listing) => void): void {
    this.listed = fn;
  }

  stat(caller: Caller, p: string): Promise<FileEntry> {
    return guarded(async () => {
      const { roots, drive, ops } = await this.at(caller, p);
      return drive ? ops.stat(drive) : this.lister.stat(roots, p);
    });
  }

  folderSize(caller: Caller, p: string, signal?: AbortSignal): Promise<FolderSize> {
    return guarded(async () => {
      const { roots, drive, ops } = await this.at(caller, p);
      return drive ? ops.folderSize(drive, signal) : this.lister.folderSize(roots, p, signal);
    });
  }

  usage(caller: Caller): Promise<{ usedBytes: number; quotaBytes: number | null; freeBytes: number }> {
    return guarded(() => this.space.usage(caller));
  }

  // ---- Changes ---------------------------------------------------------------------------------

  readText(caller: Caller, p: string): Promise<{ text: string; version: string; entry: FileEntry }> {
    return guarded(async () => {
      const { roots, drive, ops } = await this.at(caller, p);
      return drive ? ops.readText(drive) : readText(roots, p);
    });
  }

  writeText(caller: Caller, p: string, text: string, expectedVersion: string | null): Promise<{ version: string; entry: FileEntry }> {
    return guarded(async () => {
      const { roots, drive, ops } = await this.at(caller, p, true);
      const saved = drive
        ? await ops.writeText(drive, text, expectedVersion)
        : await writeText(roots, p, text, expectedVersion, (bytes, root) => this.space.check(caller, bytes, root.dir, root.kind === 'home'));
      this.changed(caller.id, [parentOf(saved.entry.path)]);
      return saved;
    });
  }

  mkdir(caller: Caller, parent: string, name: string): Promise<FileEntry> {
    return guarded(async () => {
      const { roots, drive, ops } = await this.at(caller, parent, true);
      const entry = drive ? await ops.mkdir(drive, name) : await makeFolder(roots, parent, name);
      this.changed(caller.id, [parentOf(entry.path)]);
      return entry;
    });
  }

  rename(caller: Caller, p: string, name: string): Promise<FileEntry> {
    return guarded(async () => {
      const { roots, drive, ops } = await this.at(caller, p, true);
      const { entry, from } = drive ? await ops.rename(drive, name) : await renameEntry(roots, p, name);
      await this.store.moveFavorites(caller.id, from, entry.path);
      this.changed(caller.id, [parentOf(entry.path)]);
      return entry;
    });
  }

  transfer(caller: Caller, input: TransferInput): Promise<TransferResult> {
    return guarded(async () => {
      const again = await this.runner.existing(caller.id, input.requestId);
      if (again) return { jobId: again.id };
      const roots = await this.rootsFor(caller);
      if (this.drives && involvesDrive(roots, input)) return this.driveTransfer(caller, roots, input);
      const plan = await planTransfer(roots, input);
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

  /** A copy or move to, from or between cloud drives. */
  private async driveTransfer(caller: Caller, roots: Root[], input: TransferInput): Promise<TransferResult> {
    const plan = await planDriveTransfer(caller, roots, this.drives!, input);
    if (input.conflict === 'ask' && plan.conflicts.length) return { conflicts: plan.conflicts };
    const job = await this.runner.start(caller.id, input.requestId, input.op, (ctx) =>
      runDriveTransfer(plan, input.conflict, ctx, {
        checkSpace: (bytes, dir, home) => this.space.check(caller, bytes, dir, home),
        moved: (from, to) => this.store.moveFavorites(caller.id, from, to),
      }),
    );
    return { jobId: job.id };
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
      const roots = await this.rootsFor(caller);
      // Entries on a cloud drive are deleted for good: a bucket has no trash, and they do not come to this server's.
      const remote: DriveLocation[] = [];
      const local: string[] = [];
      for (const p of paths) {
        const drive = await this.driveAt(caller, roots, p, { write: true });
        if (!drive) local.push(p);
        else if (drive.segments.length === 0) throw appError('BAD_REQUEST', 'files.trash.root', `“${drive.root.name}” itself cannot be deleted.`);
        else if (!remote.some((r) => r.virtual === drive.virtual)) remote.push(drive);
      }
      const entries = local.length ? await this.bin.prepare(roots, local) : [];
      const itemsTotal = entries.length + remote.length;
      const job = await this.runner.start(caller.id, requestId, 'trash', async (ctx) => {
        if (entries.length) await this.bin.move(caller.id, this.trashDir(caller), entries, { ...ctx, progress: (patch) => ctx.progress({ ...patch, ...('itemsTotal' in patch ? { itemsTotal } : {}) }) });
        ctx.progress({ itemsTotal });
        for (const r of remote) {
          if (ctx.signal.aborted) return;
          ctx.progress({ current: r.virtual });
          await this.drives!.remove(r, ctx.signal);
          ctx.touch(parentOf(r.virtual));
          ctx.progress({ itemsDone: ctx.job.itemsDone + 1 });
        }
      });
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
      const { roots, drive, ops } = await this.at(caller, p);
      let virtual: string;
      if (drive) {
        await ops.statItem(drive);
        virtual = drive.virtual;
      } else {
        const r = await resolveSafe(roots, p);
        await fsp.stat(r.real);
        virtual = r.virtual;
      }
      await this.store.addFavorite(caller.id, virtual);
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

  /** Admins: a user's used space in Home, quota and the disk's free space. */
  async adminUsage(user: string): Promise<{ usedBytes: number; quotaBytes: number | null; freeBytes: number }> {
    const id = await this.rootsOf.userId(user);
    return guarded(() => this.space.usage({ id, name: user, role: 'member' }));
  }

  /** Cancels running jobs and waits for them (the app is closing). */
  shutdown(): Promise<void> {
    return this.runner.shutdown();
  }
}
