// Copying and moving on the host: files through a temp name then rename (atomic), folders built aside then renamed, moves across disks as copy + delete.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cancelled } from './walk';

export interface CopyOptions {
  signal: AbortSignal;
  /** Bytes copied since the last call. */
  onBytes(n: number): void;
  /** The real path of the destination's root: links are copied only when they point inside it. */
  destRoot: string;
  /** Copy links as they are, wherever they point (into the trash and back: never followed there). */
  keepAllLinks?: boolean;
}

/** A hidden name beside `final` for work in progress. */
export function partName(final: string): string {
  return path.join(path.dirname(final), `.${path.basename(final).slice(0, 180)}.${randomBytes(6).toString('hex')}.olares-part`);
}

export function inside(dir: string, candidate: string): boolean {
  const rel = path.relative(dir, candidate);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

function checkAbort(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled();
}

/** Streams one file to a temp name beside `dest`, keeps its mode and dates, then renames it over `dest`. */
export async function copyFile(src: string, dest: string, opts: CopyOptions): Promise<void> {
  checkAbort(opts.signal);
  const st = await fsp.stat(src);
  const tmp = partName(dest);
  try {
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        opts.onBytes(chunk.length);
        done(null, chunk);
      },
    });
    await pipeline(fs.createReadStream(src, { highWaterMark: 1024 * 1024 }), counter, fs.createWriteStream(tmp, { mode: st.mode & 0o777, flags: 'wx' }), { signal: opts.signal });
    await fsp.utimes(tmp, st.atime, st.mtime);
    await fsp.rename(tmp, dest);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    if (opts.signal.aborted) throw cancelled();
    throw err;
  }
}

async function copyLink(src: string, dest: string, opts: CopyOptions): Promise<void> {
  const link = await fsp.readlink(src);
  if (!opts.keepAllLinks && !inside(opts.destRoot, path.resolve(path.dirname(dest), link))) return;
  await fsp.symlink(link, dest);
}

/**
 * Copies `src` (file, folder or link; other kinds are left out) to `dest`, which must not exist. A folder is
 * built under a temp name and renamed when complete; a cancelled or failed copy leaves nothing behind.
 */
export async function copyEntry(src: string, dest: string, opts: CopyOptions): Promise<void> {
  checkAbort(opts.signal);
  const st = await fsp.lstat(src);
  if (st.isFile()) return copyFile(src, dest, opts);
  if (st.isSymbolicLink()) return copyLink(src, dest, opts);
  if (!st.isDirectory()) return;
  const tmp = partName(dest);
  await fsp.mkdir(tmp, { mode: st.mode & 0o777 });
  try {
    await copyInto(src, tmp, opts);
    await fsp.utimes(tmp, st.atime, st.mtime);
    await fsp.rename(tmp, dest);
  } catch (err) {
    await fsp.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

/** Copies a folder's contents into an existing folder, replacing what clashes (a folder onto a folder merges). */
export async function copyInto(srcDir: string, destDir: string, opts: CopyOptions, replace = false): Promise<void> {
  const names = await fsp.readdir(srcDir);
  for (const name of names) {
    checkAbort(opts.signal);
    const from = path.join(srcDir, name);
    const to = path.join(destDir, name);
    const there = replace ? await fsp.lstat(to).catch(() => null) : null;
    if (there) {
      const st = await fsp.lstat(from);
      if (st.isDirectory() && there.isDirectory()) {
        await copyInto(from, to, opts, true);
        continue;
      }
      if (st.isFile() && there.isFile()) {
        await copyFile(from, to, opts);
        continue;
      }
      await fsp.rm(to, { recursive: true, force: true });
    }
    await copyEntry(from, to, opts);
  }
}

/** Moves `src` to `dest` (absent, or replaced when `replace`: a folder onto a folder merges); across disks it copies, then deletes. */
export async function moveEntry(src: string, dest: string, opts: CopyOptions, replace = false): Promise<void> {
  checkAbort(opts.signal);
  const there = replace ? await fsp.lstat(dest).catch(() => null) : null;
  if (there) {
    const st = await fsp.lstat(src);
    if (st.isDirectory() && there.isDirectory()) {
      for (const name of await fsp.readdir(src)) await moveEntry(path.join(src, name), path.join(dest, name), opts, true);
      await fsp.rmdir(src);
      return;
    }
    if (!(st.isFile() && there.isFile())) await fsp.rm(dest, { recursive: true, force: true });
  }
  try {
    await fsp.rename(src, dest);
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
  }
  if (there?.isFile()) await copyFile(src, dest, opts);
  else await copyEntry(src, dest, opts);
  await fsp.rm(src, { recursive: true, force: true });
}

/** `report.pdf` → `report (1).pdf`, `report (2).pdf`, … : the first name not taken in `dir`. */
export async function freeName(dir: string, name: string): Promise<string> {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!(await fsp.lstat(path.join(dir, candidate)).catch(() => null))) return candidate;
  }
}
