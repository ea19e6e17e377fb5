// Copies across the edge of a cloud drive, one entry at a time: local → drive, drive → local (temp names, then rename), drive → drive.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { partName } from '../copy';
import { checkName } from '../paths';
import { cancelled } from '../walk';
import { COPY_LIMIT, type S3Drive, type TreeItem } from './s3-drive';

export interface Io {
  signal: AbortSignal;
  /** Bytes copied since the last call. */
  onBytes(n: number): void;
}

/** A place on a drive: the client, the drive's id and the path below it. */
export interface DriveSpot {
  drive: S3Drive;
  driveId: string;
  rel: string;
}

const join = (a: string, b: string) => (a && b ? `${a}/${b}` : a || b);

function counter(io: Io): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      io.onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

/** Runs `fn`; an abort turns whatever it threw into `files.cancelled`. */
async function abortable<T>(io: Io, fn: () => Promise<T>): Promise<T> {
  if (io.signal.aborted) throw cancelled();
  try {
    return await fn();
  } catch (err) {
    if (io.signal.aborted) throw cancelled();
    throw err;
  }
}

/** A stream's bytes, counted, as an upload body (errors of the source end the body too). */
function counted(source: Readable, io: Io): Transform {
  const through = counter(io);
  source.on('error', (err) => through.destroy(err));
  through.on('close', () => source.destroy());
  return source.pipe(through);
}

/** Names in a drive path that are safe as local names; null when any segment is not (`..`, backslashes, empty…). */
export function safeSegments(p: string): string[] | null {
  const segments = p.split('/');
  try {
    for (const s of segments) checkName(s);
    return segments;
  } catch {
    return null;
  }
}

/** Kinds of what is at and below `rel` on a drive, by path relative to it ('' for itself). */
async function kindsBelow(d: DriveSpot, io: Io): Promise<Map<string, 'file' | 'dir'>> {
  const kinds = new Map<string, 'file' | 'dir'>();
  const st = await d.drive.stat(d.rel);
  if (!st) return kinds;
  kinds.set('', st.kind === 'dir' ? 'dir' : 'file');
  if (st.kind === 'dir') for (const t of await d.drive.tree(d.rel, io.signal)) kinds.set(t.path, t.kind);
  return kinds;
}

// ---- local → drive -------------------------------------------------------------------------------

async function uploadFile(src: string, d: DriveSpot, rel: string, io: Io): Promise<void> {
  const source = fs.createReadStream(src, { highWaterMark: 1024 * 1024 });
  try {
    await abortable(io, () => d.drive.write(rel, counted(source, io), io.signal));
  } finally {
    source.destroy();
  }
}

/**
 * Copies a local file or folder to `dest.rel` (links, devices and sockets are left out: a bucket has none). With `replace`,
 * a folder merges into a folder and anything of another kind in the way is deleted first; without it, a copy that fails or
 * is cancelled deletes what it wrote.
 */
export async function localToDrive(src: string, dest: DriveSpot, replace: boolean, io: Io): Promise<void> {
  const there = replace ? await kindsBelow(dest, io) : new Map<string, 'file' | 'dir'>();
  const walk = async (from: string, sub: string): Promise<void> => {
    if (io.signal.aborted) throw cancelled();
    const st = await fsp.lstat(from);
    const kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : null;
    if (!kind) return;
    const rel = join(dest.rel, sub);
    const was = there.get(sub);
    if (was && was !== kind) await dest.drive.remove(rel);
    if (kind === 'file') return uploadFile(from, dest, rel, io);
    await dest.drive.mkdir(rel);
    for (const name of await fsp.readdir(from)) await walk(path.join(from, name), sub ? `${sub}/${name}` : name);
  };
  try {
    await walk(src, '');
  } catch (err) {
    if (!replace) await dest.drive.remove(dest.rel).catch(() => undefined);
    throw err;
  }
}

// ---- drive → local -------------------------------------------------------------------------------

/** Downloads one object to a hidden temp name beside `dest`, then renames it over `dest`. */
async function downloadFile(d: DriveSpot, rel: string, dest: string, mtime: number, io: Io): Promise<void> {
  const tmp = partName(dest);
  try {
    await abortable(io, async () => {
      const { body } = await d.drive.read(rel, undefined, io.signal);
      await pipeline(body, counter(io), fs.createWriteStream(tmp, { flags: 'wx', mode: 0o644, highWaterMark: 1024 * 1024 }), { signal: io.signal });
    });
    if (mtime > 0) await fsp.utimes(tmp, new Date(), new Date(mtime));
    await fsp.rename(tmp, dest);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Makes `dir` a real folder (not a link): whatever else is there goes (merges only; the parent is checked already). */
async function ensureFolder(dir: string): Promise<void> {
  const st = await fsp.lstat(dir).catch(() => null);
  if (st?.isDirectory()) return;
  if (st) await fsp.rm(dir, { recursive: true, force: true });
  await fsp.mkdir(dir);
}

/** Puts a drive folder's tree into the local folder `base`; names that are not safe as local names are left out (counted). */
async function fillFolder(d: DriveSpot, tree: TreeItem[], base: string, merge: boolean, io: Io): Promise<number> {
  let left = 0;
  for (const t of tree) {
    if (io.signal.aborted) throw cancelled();
    const segments = safeSegments(t.path);
    if (!segments) {
      left++;
      continue;
    }
    const dest = path.join(base, ...segments);
    try {
      if (t.kind === 'dir') {
        if (merge) await ensureFolder(dest);
        else await fsp.mkdir(dest);
        continue;
      }
      if (merge) {
        const st = await fsp.lstat(dest).catch(() => null);
        if (st && !st.isFile()) await fsp.rm(dest, { recursive: true, force: true });
      }
      await downloadFile(d, join(d.rel, t.path), dest, t.mtime, io);
    } catch (err) {
      // A file and a folder of one name (a bucket allows both): the first one wins.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTDIR' && code !== 'EISDIR' && code !== 'ENOENT') throw err;
      left++;
    }
  }
  return left;
}

/**
 * Downloads a drive file or folder to the local path `dest` (inside a checked folder). A file lands through a temp name;
 * a new folder is built under a temp name and renamed when complete; with `replace`, a folder merges into a folder.
 * Returns how many objects were left out (names a local folder cannot hold).
 */
export async function driveToLocal(src: DriveSpot & { kind: 'file' | 'dir'; size: number; mtime: number }, dest: string, replace: boolean, io: Io): Promise<number> {
  const there = replace ? await fsp.lstat(dest).catch(() => null) : null;
  if (src.kind === 'file') {
    if (there && !there.isFile()) await fsp.rm(dest, { recursive: true, force: true });
    await downloadFile(src, src.rel, dest, src.mtime, io);
    return 0;
  }
  const tree = await src.drive.tree(src.rel, io.signal);
  if (there?.isDirectory()) return fillFolder(src, tree, dest, true, io);
  if (there) await fsp.rm(dest, { recursive: true, force: true });
  const tmp = partName(dest);
  await fsp.mkdir(tmp);
  try {
    const left = await fillFolder(src, tree, tmp, false, io);
    await fsp.rename(tmp, dest);
    return left;
  } catch (err) {
    await fsp.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

// ---- drive → drive -------------------------------------------------------------------------------

async function copyObject(src: DriveSpot, fromRel: string, dest: DriveSpot, toRel: string, size: number, io: Io): Promise<void> {
  if (src.driveId === dest.driveId && size < COPY_LIMIT) {
    await abortable(io, () => dest.drive.copy(fromRel, toRel, io.signal));
    io.onBytes(size);
    return;
  }
  await abortable(io, async () => {
    const { body } = await src.drive.read(fromRel, undefined, io.signal);
    try {
      await dest.drive.write(toRel, counted(body, io), io.signal);
    } finally {
      body.destroy();
    }
  });
}

/**
 * Copies a file or folder from one drive to another, or within one (objects copied by the bucket itself, no bytes through
 * here). Same rules as localToDrive for `replace` and for a copy that does not finish.
 */
export async function driveToDrive(src: DriveSpot & { kind: 'file' | 'dir'; size: number }, dest: DriveSpot, replace: boolean, io: Io): Promise<void> {
  const there = replace ? await kindsBelow(dest, io) : new Map<string, 'file' | 'dir'>();
  const put = async (sub: string, kind: 'file' | 'dir', size: number) => {
    const rel = join(dest.rel, sub);
    const was = there.get(sub);
    if (was && was !== kind) await dest.drive.remove(rel);
    if (kind === 'dir') await dest.drive.mkdir(rel);
    else await copyObject(src, join(src.rel, sub), dest, rel, size, io);
  };
  try {
    if (src.kind === 'file') return await put('', 'file', src.size);
    const tree = await src.drive.tree(src.rel, io.signal);
    await put('', 'dir', 0);
    for (const t of tree) {
      if (io.signal.aborted) throw cancelled();
      await put(t.path, t.kind, t.size);
    }
  } catch (err) {
    if (!replace) await dest.drive.remove(dest.rel).catch(() => undefined);
    throw err;
  }
}
