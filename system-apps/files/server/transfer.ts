// Copy and move into a folder: clashes found up front (asked, replaced, kept both or skipped), the work done as a job with progress.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { appError } from '../../../bff/trpc/app-error';
import { copyEntry, copyInto, freeName, inside, moveEntry, type CopyOptions } from './copy';
import { resolveEntry, type ResolvedEntry } from './entries';
import { notFound } from './errors';
import type { Conflict, ConflictPolicy, TransferInput } from './files.types';
import type { JobContext } from './jobs';
import { joinVirtual, parentOf, resolveSafe, type ResolvedPath, type Root } from './paths';
import { notFolder } from './listing';
import { measure } from './walk';

export interface TransferPlan {
  op: 'copy' | 'move';
  target: ResolvedPath & { real: string };
  targetReal: string;
  sources: ResolvedEntry[];
  conflicts: Conflict[];
}

/** Resolves and checks everything a transfer names; throws for what can never work (a folder into itself, a missing source). */
export async function planTransfer(roots: readonly Root[], input: Pick<TransferInput, 'op' | 'sources' | 'target'>): Promise<TransferPlan> {
  const target = await resolveSafe(roots, input.target, { write: true });
  const targetStat = await fsp.stat(target.real).catch(() => null);
  if (!targetStat) throw notFound();
  if (!targetStat.isDirectory()) throw notFolder();
  const targetReal = target.real;
  const sources: ResolvedEntry[] = [];
  const conflicts: Conflict[] = [];
  const seen = new Set<string>();
  for (const s of input.sources) {
    const src = await resolveEntry(roots, s, { write: input.op === 'move' });
    if (src.segments.length === 0) throw appError('BAD_REQUEST', 'files.transfer.root', `“${src.root.name}” itself cannot be copied or moved; open it and pick what is inside.`);
    if (seen.has(src.host)) continue;
    seen.add(src.host);
    const st = await fsp.lstat(src.host).catch(() => null);
    if (!st) throw notFound();
    if (st.isDirectory() && inside(src.host, targetReal)) throw appError('BAD_REQUEST', 'files.transfer.intoItself', `“${src.segments.at(-1)}” cannot go into itself.`);
    sources.push(src);
    const name = path.basename(src.host);
    // Copying into its own folder makes a copy beside it; moving there changes nothing: neither is a clash.
    if (path.dirname(src.host) === targetReal) continue;
    const there = await fsp.lstat(path.join(targetReal, name)).catch(() => null);
    if (there) conflicts.push({ source: src.virtual, target: joinVirtual(target.virtual, name), bothFolders: st.isDirectory() && there.isDirectory() });
  }
  return { op: input.op, target, targetReal, sources, conflicts };
}

/** The job's work: scan sizes, then copy or move each source by the policy. */
export async function runTransfer(plan: TransferPlan, policy: ConflictPolicy, ctx: JobContext, hooks: { checkSpace(bytes: number): Promise<void>; moved(from: string, to: string): Promise<void> }): Promise<void> {
  const { targetReal, target } = plan;
  const targetDev = (await fsp.stat(targetReal)).dev;
  let bytesTotal = 0;
  let needsSpace = 0;
  const sizes = new Map<string, number>();
  for (const src of plan.sources) {
    const size = await measure(src.host, ctx.signal);
    sizes.set(src.host, size.bytes);
    bytesTotal += size.bytes;
    const sameDisk = (await fsp.lstat(src.host)).dev === targetDev;
    if (plan.op === 'copy' || !sameDisk) needsSpace += size.bytes;
  }
  ctx.progress({ bytesTotal, itemsTotal: plan.sources.length });
  if (needsSpace > 0) await hooks.checkSpace(needsSpace);
  let bytesDone = 0;
  const opts: CopyOptions = {
    signal: ctx.signal,
    destRoot: await fsp.realpath(plan.target.root.dir),
    onBytes: (n) => {
      bytesDone += n;
      ctx.progress({ bytesDone });
    },
  };
  ctx.touch(target.virtual);
  for (const src of plan.sources) {
    if (ctx.signal.aborted) return;
    ctx.progress({ current: src.virtual });
    const name = path.basename(src.host);
    const sameFolder = path.dirname(src.host) === targetReal;
    let destName = name;
    let replace = false;
    const there = sameFolder ? null : await fsp.lstat(path.join(targetReal, name)).catch(() => null);
    if (sameFolder) {
      if (plan.op === 'move') {
        ctx.progress({ itemsDone: ctx.job.itemsDone + 1 });
        continue;
      }
      destName = await freeName(targetReal, name);
    } else if (there) {
      if (policy === 'skip' || policy === 'ask') {
        ctx.progress({ itemsDone: ctx.job.itemsDone + 1 });
        continue;
      }
      if (policy === 'keepBoth') destName = await freeName(targetReal, name);
      else replace = true;
    }
    const dest = path.join(targetReal, destName);
    const before = bytesDone;
    if (plan.op === 'copy') {
      if (replace) {
        const st = await fsp.lstat(src.host);
        if (st.isDirectory() && there!.isDirectory()) {
          await copyInto(src.host, dest, opts, true);
        } else {
          if (!(st.isFile() && there!.isFile())) await fsp.rm(dest, { recursive: true, force: true });
          await copyEntry(src.host, dest, opts);
        }
      } else await copyEntry(src.host, dest, opts);
    } else {
      await moveEntry(src.host, dest, opts, replace);
      ctx.touch(parentOf(src.virtual));
      await hooks.moved(src.virtual, joinVirtual(target.virtual, destName));
      // A rename on one disk copies no bytes: count the item's size as done.
      if (bytesDone === before) bytesDone += sizes.get(src.host) ?? 0;
    }
    ctx.progress({ itemsDone: ctx.job.itemsDone + 1, bytesDone: Math.min(bytesDone, bytesTotal) });
  }
}
