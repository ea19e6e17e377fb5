// Small changes done on the spot: new folders, renames, and the text editor's reads and atomic, version-checked writes.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { appError } from '../../../bff/trpc/app-error';
import { partName } from './copy';
import { resolveEntry, toEntry } from './entries';
import { exists, notFound } from './errors';
import type { FileEntry } from './files.types';
import { checkName, joinVirtual, parentOf, resolveSafe, type Root } from './paths';

export const TEXT_LIMIT = 5 * 1024 * 1024;

const tooLarge = () => appError('PAYLOAD_TOO_LARGE', 'files.text.tooLarge', 'The text editor opens files of at most 5 MiB.');

export const versionOf = (st: { mtimeMs: number; size: number }) => `${st.mtimeMs}-${st.size}`;

/** Binary: a NUL byte early on, or bytes that are not UTF-8. */
export function decodeText(buf: Buffer): string | null {
  if (buf.subarray(0, 8192).includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/** One write at a time per file: two saves never both pass the version check. */
const writing = new Map<string, Promise<unknown>>();
export async function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = writing.get(key) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(fn);
  writing.set(key, run);
  try {
    return await run;
  } finally {
    if (writing.get(key) === run) writing.delete(key);
  }
}

export async function makeFolder(roots: readonly Root[], parent: string, name: string): Promise<FileEntry> {
  checkName(name);
  const r = await resolveSafe(roots, joinVirtual(parent, name), { write: true });
  const parentStat = await fsp.stat(path.dirname(r.real)).catch(() => null);
  if (!parentStat) throw notFound();
  try {
    await fsp.mkdir(r.real);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw exists(name);
    throw err;
  }
  return toEntry(name, r.virtual, await fsp.lstat(r.real));
}

/** Renames in place; a name already taken is a conflict (only a change of case of the same entry goes through). */
export async function renameEntry(roots: readonly Root[], p: string, name: string): Promise<{ entry: FileEntry; from: string }> {
  checkName(name);
  const src = await resolveEntry(roots, p, { write: true });
  if (src.segments.length === 0) throw appError('BAD_REQUEST', 'files.root.rename', 'A root cannot be renamed here.');
  const st = await fsp.lstat(src.host);
  const virtual = joinVirtual(parentOf(src.virtual), name);
  const dest = path.join(src.parentReal, name);
  if (dest !== src.host) {
    const there = await fsp.lstat(dest).catch(() => null);
    if (there && !(there.ino === st.ino && there.dev === st.dev)) throw exists(name);
    await fsp.rename(src.host, dest);
  }
  return { entry: toEntry(name, virtual, await fsp.lstat(dest)), from: src.virtual };
}

export async function readText(roots: readonly Root[], p: string): Promise<{ text: string; version: string; entry: FileEntry }> {
  const r = await resolveSafe(roots, p);
  const st = await fsp.stat(r.real);
  if (st.isDirectory()) throw appError('BAD_REQUEST', 'files.isFolder', 'That is a folder, not a file.');
  if (st.size > TEXT_LIMIT) throw tooLarge();
  const buf = await fsp.readFile(r.real);
  const text = decodeText(buf);
  if (text === null) throw appError('UNSUPPORTED_MEDIA_TYPE', 'files.text.binary', 'This file is not text; open it with another app.');
  return { text, version: versionOf(st), entry: toEntry(path.basename(r.virtual), r.virtual, st) };
}

/**
 * Saves through a temp file renamed over the old one. `expectedVersion` is the version the editor loaded
 * (null: the file must not exist yet); any other version is a CONFLICT carrying the current one.
 */
export async function writeText(
  roots: readonly Root[],
  p: string,
  text: string,
  expectedVersion: string | null,
  checkSpace: (bytes: number, root: Root) => Promise<void>,
): Promise<{ version: string; entry: FileEntry }> {
  const r = await resolveSafe(roots, p, { write: true });
  if (r.segments.length === 0) throw appError('BAD_REQUEST', 'files.isFolder', 'That is a folder, not a file.');
  checkName(r.segments.at(-1)!);
  const body = Buffer.from(text, 'utf8');
  if (body.length > TEXT_LIMIT) throw tooLarge();
  return serialised(r.real, async () => {
    const st = await fsp.stat(r.real).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (st?.isDirectory()) throw appError('BAD_REQUEST', 'files.isFolder', 'That is a folder, not a file.');
    const current = st ? versionOf(st) : null;
    if (current !== expectedVersion) {
      throw appError('CONFLICT', 'files.write.conflict', current ? 'The file changed since you opened it.' : 'The file was deleted since you opened it.', { version: current });
    }
    if (!(await fsp.stat(path.dirname(r.real)).catch(() => null))) throw notFound();
    await checkSpace(Math.max(0, body.length - (st?.size ?? 0)), r.root);
    const tmp = partName(r.real);
    try {
      const fh = await fsp.open(tmp, 'wx', st ? st.mode & 0o777 : 0o644);
      try {
        await fh.writeFile(body);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsp.rename(tmp, r.real);
    } catch (err) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
    const after = await fsp.stat(r.real);
    return { version: versionOf(after), entry: toEntry(path.basename(r.virtual), r.virtual, after) };
  });
}
