// The per-user trash: `<data>/users/<name>/.trash/<id>` outside every root, a row per item, restore where it was, empty for good.
import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { appError } from '../../../bff/trpc/app-error';
import { freeName, moveEntry, type CopyOptions } from './copy';
import { kindOf, resolveEntry, type ResolvedEntry } from './entries';
import type { Conflict, ConflictPolicy } from './files.types';
import type { JobContext } from './jobs';
import type { JobsStore, StoredTrash } from './jobs.store';
import { joinVirtual, parentOf, resolveSafe, type Root } from './paths';
import { measure } from './walk';

export class Trash {
  constructor(private readonly store: JobsStore) {}

  static dir(userDir: string): string {
    return path.join(userDir, '.trash');
  }

  /** Resolves what is to be trashed (roots themselves cannot be). */
  async prepare(roots: readonly Root[], paths: string[]): Promise<ResolvedEntry[]> {
    const out: ResolvedEntry[] = [];
    for (const p of paths) {
      const r = await resolveEntry(roots, p, { write: true });
      if (r.segments.length === 0) throw appError('BAD_REQUEST', 'files.trash.root', `“${r.root.name}” itself cannot be deleted.`);
      if (!out.some((o) => o.host === r.host)) out.push(r);
    }
    return out;
  }

  async move(userId: string, trashDir: string, entries: ResolvedEntry[], ctx: JobContext): Promise<void> {
    await fsp.mkdir(trashDir, { recursive: true, mode: 0o700 });
    ctx.progress({ itemsTotal: entries.length });
    const opts = copyOptions(ctx, trashDir);
    for (const e of entries) {
      if (ctx.signal.aborted) return;
      ctx.progress({ current: e.virtual });
      const st = await fsp.lstat(e.host).catch(() => null);
      if (st) {
        const size = (await measure(e.host, ctx.signal)).bytes;
        const id = randomUUID();
        await moveEntry(e.host, path.join(trashDir, id), opts);
        try {
          await this.store.addTrash(userId, { id, name: path.basename(e.host), originalPath: e.virtual, kind: kindOf(st), size });
        } catch (err) {
          await moveEntry(path.join(trashDir, id), e.host, opts).catch(() => undefined);
          throw err;
        }
        ctx.touch(parentOf(e.virtual));
      }
      ctx.progress({ itemsDone: ctx.job.itemsDone + 1 });
    }
  }

  async items(userId: string, ids: string[]): Promise<StoredTrash[]> {
    const items = await this.store.trash(userId, ids);
    if (items.length === 0) throw appError('NOT_FOUND', 'files.trash.notFound', 'Those items are no longer in the trash.');
    return items;
  }

  /** Where each item would go back to, and which of those places are taken. */
  async conflicts(roots: readonly Root[], items: StoredTrash[], trashDir: string): Promise<Conflict[]> {
    const out: Conflict[] = [];
    for (const item of items) {
      const dest = await resolveEntry(roots, item.originalPath, { write: true });
      const there = await fsp.lstat(dest.host).catch(() => null);
      if (there) {
        const st = await fsp.lstat(path.join(trashDir, item.storedName)).catch(() => null);
        out.push({ source: item.originalPath, target: item.originalPath, bothFolders: Boolean(st?.isDirectory() && there.isDirectory()) });
      }
    }
    return out;
  }

  async restore(userId: string, roots: readonly Root[], trashDir: string, items: StoredTrash[], policy: ConflictPolicy, ctx: JobContext, moved: (to: string) => void): Promise<void> {
    ctx.progress({ itemsTotal: items.length });
    for (const item of items) {
      if (ctx.signal.aborted) return;
      ctx.progress({ current: item.originalPath });
      const from = path.join(trashDir, item.storedName);
      // Missing parent folders are made again; the parent still goes through the path checks.
      const parent = await resolveSafe(roots, parentOf(item.originalPath), { write: true });
      await fsp.mkdir(parent.real, { recursive: true });
      const again = await resolveSafe(roots, parentOf(item.originalPath), { write: true });
      let name = path.basename(item.originalPath);
      let replace = false;
      if (await fsp.lstat(path.join(again.real, name)).catch(() => null)) {
        if (policy === 'skip' || policy === 'ask') {
          ctx.progress({ itemsDone: ctx.job.itemsDone + 1 });
          continue;
        }
        if (policy === 'keepBoth') name = await freeName(again.real, name);
        else replace = true;
      }
      await moveEntry(from, path.join(again.real, name), { ...copyOptions(ctx, await fsp.realpath(again.root.dir)), keepAllLinks: true }, replace);
      await this.store.removeTrash(userId, item.id);
      ctx.touch(again.virtual);
      moved(joinVirtual(again.virtual, name));
      ctx.progress({ itemsDone: ctx.job.itemsDone + 1 });
    }
  }

  async empty(userId: string, trashDir: string, items: StoredTrash[], ctx: JobContext): Promise<void> {
    ctx.progress({ itemsTotal: items.length });
    for (const item of items) {
      if (ctx.signal.aborted) return;
      ctx.progress({ current: null });
      await fsp.rm(path.join(trashDir, item.storedName), { recursive: true, force: true });
      await this.store.removeTrash(userId, item.id);
      ctx.progress({ itemsDone: ctx.job.itemsDone + 1 });
    }
  }
}

function copyOptions(ctx: JobContext, destRoot: string): CopyOptions {
  let done = 0;
  return {
    signal: ctx.signal,
    destRoot,
    keepAllLinks: true,
    onBytes: (n) => {
      done += n;
      ctx.progress({ bytesDone: done });
    },
  };
}
