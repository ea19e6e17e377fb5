// FileEntry from a host file's lstat, and how the server finds the host path of an entry (without following its last link).
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { EntryKind, FileEntry } from './files.types';
import { FOLDER_MIME, mimeOf } from './mime';
import { baseName, parentOf, PathError, resolveSafe, resolveVirtual, checkInside, type ResolvedPath, type Root } from './paths';

export function kindOf(st: Pick<Stats, 'isDirectory' | 'isFile' | 'isSymbolicLink'>): EntryKind {
  return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : st.isSymbolicLink() ? 'symlink' : 'other';
}

export function toEntry(name: string, virtual: string, st: Stats): FileEntry {
  const kind = kindOf(st);
  return {
    name,
    path: virtual,
    kind,
    size: kind === 'dir' ? 0 : st.size,
    mtime: Math.floor(st.mtimeMs),
    mime: kind === 'dir' ? FOLDER_MIME : kind === 'symlink' ? 'inode/symlink' : mimeOf(name),
    hidden: name.startsWith('.'),
  };
}

export interface ResolvedEntry extends ResolvedPath {
  /** The entry's host path: its folder's real path plus its own name (a link there is the link, not its target). */
  host: string;
  /** The real path of the folder it is in (the root's own real path for a root). */
  parentReal: string;
}

/**
 * For operations on an entry itself (stat, rename, move, trash): the folder it is in goes through the symlink
 * checks; its own name is not followed, so a link is renamed or deleted as a link, and one pointing out can still be removed.
 */
export async function resolveEntry(roots: readonly Root[], p: string, opts: { write?: boolean } = {}): Promise<ResolvedEntry> {
  const r = resolveVirtual(roots, p);
  if (opts.write && r.root.readOnly) throw new PathError('files.path.readOnly', `“${r.root.name}” is read-only.`);
  if (r.segments.length === 0) {
    const real = await checkInside(r);
    return { ...r, host: real, parentReal: real };
  }
  const parent = await resolveSafe(roots, parentOf(r.virtual), opts);
  return { ...r, host: path.join(parent.real, baseName(r.virtual)), parentReal: parent.real };
}
