// Copy and move where a cloud drive is the source or the target: clashes found up front, the same conflict policies as on disk, progress, cancel; a move is a copy then a delete.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { appError } from '../../../../bff/trpc/app-error';
import { copyEntry, copyInto, freeName, inside, moveEntry, type CopyOptions } from '../copy';
import { resolveEntry } from '../entries';
import { notFound } from '../errors';
import type { Caller } from '../files.api';
import type { Conflict, ConflictPolicy, TransferInput } from '../files.types';
import type { JobContext } from '../jobs';
import { notFolder } from '../listing';
import { joinVirtual, parentOf, resolveSafe, resolveVirtual, type Root } from '../paths';
import { measure } from '../walk';
import { driveToDrive, driveToLocal, localToDrive, type Io } from './drive-copy';
import { DriveOps, type DriveLocation } from './drive-ops';

type Local = { kind: 'local'; virtual: string; root: Root; host: string };
type Remote = { kind: 'drive'; virtual: string; at: DriveLocation };
type Place = Local | Remote;

interface Source {
  place: Place;
  name: string;
  isDir: boolean;
  /** A local link (a bucket holds none: links are not copied to a drive). */
  link: boolean;
  size: number;
  mtime: number;
}

export interface DriveTransferPlan {
  op: 'copy' | 'move';
  target: Place;
  sources: Source[];
  conflicts: Conflict[];
}

/** True when any path of the transfer is on a drive (checked lexically). */
export function involvesDrive(roots: readonly Root[], input: Pick<TransferInput, 'sources' | 'target'>): boolean {
  return [input.target, ...input.sources].some((p) => resolveVirtual(roots, p).root.kind === 'drive');
}

/** What is in `folder` under `name`: a folder, something else, or nothing. */
async function existing(folder: Place, name: string): Promise<{ isDir: boolean } | null> {
  if (folder.kind === 'local') {
    const st = await fsp.lstat(path.join(folder.host, name)).catch(() => null);
    return st ? { isDir: st.isDirectory() } : null;
  }
  const st = await folder.at.drive.stat(DriveOps.child(folder.at, name).rel);
  return st ? { isDir: st.kind === 'dir' } : null;
}

/** `report.pdf` → `report (1).pdf`, … : the first name free in `folder`. */
async function freeIn(folder: Place, name: string): Promise<string> {
  if (folder.kind === 'local') return freeName(folder.host, name);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!(await existing(folder, candidate))) return candidate;
  }
}

export async function planDriveTransfer(caller: Caller, roots: readonly Root[], ops: DriveOps, input: Pick<TransferInput, 'op' | 'sources' | 'target'>): Promise<DriveTransferPlan> {
  let target: Place;
  const at = await ops.locate(caller, roots, input.target, { write: true });
  if (at) {
    await ops.folder(at);
    target = { kind: 'drive', virtual: at.virtual, at };
  } else {
    const t = await resolveSafe(roots, input.target, { write: true });
    const st = await fsp.stat(t.real).catch(() => null);
    if (!st) throw notFound();
    if (!st.isDirectory()) throw notFolder();
    target = { kind: 'local', virtual: t.virtual, root: t.root, host: t.real };
  }
  const sources: Source[] = [];
  const conflicts: Conflict[] = [];
  for (const p of input.sources) {
    const write = input.op === 'move';
    const d = await ops.locate(caller, roots, p, { write });
    let source: Source;
    if (d) {
      if (d.segments.length === 0) throw appError('BAD_REQUEST', 'files.transfer.root', `“${d.root.name}” itself cannot be copied or moved; open it and pick what is inside.`);
      const st = await ops.statItem(d);
      source = { place: { kind: 'drive', virtual: d.virtual, at: d }, name: d.segments.at(-1)!, isDir: st.kind === 'dir', link: false, size: st.size, mtime: st.mtime };
      if (source.isDir && target.kind === 'drive' && target.at.driveId === d.driveId && (target.at.rel === d.rel || target.at.rel.startsWith(`${d.rel}/`))) {
        throw appError('BAD_REQUEST', 'files.transfer.intoItself', `“${source.name}” cannot go into itself.`);
      }
    } else {
      const e = await resolveEntry(roots, p, { write });
      if (e.segments.length === 0) throw appError('BAD_REQUEST', 'files.transfer.root', `“${e.root.name}” itself cannot be copied or moved; open it and pick what is inside.`);
      const st = await fsp.lstat(e.host).catch(() => null);
      if (!st) throw notFound();
      source = { place: { kind: 'local', virtual: e.virtual, root: e.root, host: e.host }, name: path.basename(e.host), isDir: st.isDirectory(), link: st.isSymbolicLink(), size: st.size, mtime: st.mtimeMs };
      if (source.isDir && target.kind === 'local' && inside(e.host, target.host)) throw appError('BAD_REQUEST', 'files.transfer.intoItself', `“${source.name}” cannot go into itself.`);
    }
    if (sources.some((s) => s.place.virtual === source.place.virtual)) continue;
    sources.push(source);
    // Into its own folder: a copy goes beside it, a move changes nothing; neither is a clash.
    if (parentOf(source.place.virtual) === target.virtual) continue;
    const there = await existing(target, source.name);
    if (there) conflicts.push({ source: source.place.virtual, target: joinVirtual(target.virtual, source.name), bothFolders: source.isDir && there.isDir });
  }
  return { op: input.op, target, sources, conflicts };
}

/** Bytes at and below a source. */
async function sizeOf(s: Source, signal: AbortSignal): Promise<number> {
  if (s.place.kind === 'local') return (await measure(s.place.host, signal)).bytes;
  if (!s.isDir) return s.size;
  return (await s.place.at.drive.tree(s.place.at.rel, signal)).reduce((n, t) => n + t.size, 0);
}

/**
 * One source to `destName` in the target folder (`replace`: what is there is overwritten, folders merge). Returns how many
 * entries were left out (objects whose names a local folder cannot hold).
 */
async function copyOne(s: Source, target: Place, destName: string, replace: boolean, io: Io, opts: CopyOptions): Promise<number> {
  const from = s.place;
  if (target.kind === 'local') {
    const dest = path.join(target.host, destName);
    if (from.kind === 'drive') return driveToLocal({ ...from.at, kind: s.isDir ? 'dir' : 'file', size: s.size, mtime: s.mtime }, dest, replace, io);
    const [st, there] = await Promise.all([fsp.lstat(from.host), replace ? fsp.lstat(dest) : null]);
    if (there && st.isDirectory() && there.isDirectory()) await copyInto(from.host, dest, opts, true);
    else {
      if (there && !(st.isFile() && there.isFile())) await fsp.rm(dest, { recursive: true, force: true });
      await copyEntry(from.host, dest, opts);
    }
    return 0;
  }
  const dest = DriveOps.child(target.at, destName);
  if (from.kind === 'local') await localToDrive(from.host, dest, replace, io);
  else await driveToDrive({ ...from.at, kind: s.isDir ? 'dir' : 'file', size: s.size }, dest, replace, io);
  return 0;
}

/** The job's work: sizes first, then each source by the policy; moves delete the source once its copy is complete. */
export async function runDriveTransfer(
  plan: DriveTransferPlan,
  policy: ConflictPolicy,
  ctx: JobContext,
  hooks: { checkSpace(bytes: number, dir: string, home: boolean): Promise<void>; moved(from: string, to: string): Promise<void> },
): Promise<void> {
  const { target } = plan;
  const sizes = new Map<Source, number>();
  let bytesTotal = 0;
  for (const s of plan.sources) {
    const n = await sizeOf(s, ctx.signal);
    sizes.set(s, n);
    bytesTotal += n;
  }
  ctx.progress({ bytesTotal, itemsTotal: plan.sources.length });
  if (target.kind === 'local') await hooks.checkSpace(bytesTotal, target.host, target.root.kind === 'home');
  let bytesDone = 0;
  const io: Io = {
    signal: ctx.signal,
    onBytes: (n) => {
      bytesDone += n;
      ctx.progress({ bytesDone: Math.min(bytesDone, bytesTotal) });
    },
  };
  const opts: CopyOptions = { ...io, destRoot: target.kind === 'local' ? await fsp.realpath(target.root.dir) : '' };
  ctx.touch(target.virtual);
  for (const s of plan.sources) {
    if (ctx.signal.aborted) return;
    ctx.progress({ current: s.place.virtual });
    const sameFolder = parentOf(s.place.virtual) === target.virtual;
    let destName = s.name;
    let replace = false;
    if (s.link && target.kind === 'drive') {
      ctx.progress({ itemsDone: ctx.job.itemsDone + 1 });
      continue;
    }
    if (sameFolder) {
      if (plan.op === 'move') {
        ctx.progress({ itemsDone: ctx.job.itemsDone + 1 });
        continue;
      }
      destName = await freeIn(target, s.name);
    } else if (await existing(target, s.name)) {
      if (policy === 'skip' || policy === 'ask') {
        ctx.progress({ itemsDone: ctx.job.itemsDone + 1 });
        continue;
      }
      if (policy === 'keepBoth') destName = await freeIn(target, s.name);
      else replace = true;
    }
    const before = bytesDone;
    if (plan.op === 'move' && s.place.kind === 'local' && target.kind === 'local') await moveEntry(s.place.host, path.join(target.host, destName), opts, replace);
    else {
      const left = await copyOne(s, target, destName, replace, io, opts);
      // What could not be copied stays where it was, with the rest of its folder.
      if (plan.op === 'move' && left === 0) {
        if (s.place.kind === 'local') await fsp.rm(s.place.host, { recursive: true, force: true });
        else await s.place.at.drive.remove(s.place.at.rel);
      }
    }
    if (plan.op === 'move') {
      ctx.touch(parentOf(s.place.virtual));
      await hooks.moved(s.place.virtual, joinVirtual(target.virtual, destName));
      if (bytesDone === before) bytesDone += sizes.get(s) ?? 0;
    }
    ctx.progress({ itemsDone: ctx.job.itemsDone + 1, bytesDone: Math.min(bytesDone, bytesTotal) });
  }
}
