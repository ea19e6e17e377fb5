// Reads and checks an upload's tus metadata (UploadMetadata): the target folder, a relative path of checked names, the conflict policy and mtime.
import { checkName, PathError } from '../paths';
import { HttpError } from './errors';

export interface UploadPlan {
  /** The folder the upload goes into (virtual, not yet resolved). */
  target: string;
  /** Folders to make below `target`, outermost first (empty for a plain file). */
  folders: string[];
  /** The file's name. */
  name: string;
  conflict: 'keepBoth' | 'replace';
  /** ms since the epoch, or null to keep the time of arrival. */
  lastModified: number | null;
}

const MAX_DEPTH = 64;

export function parseUploadMetadata(metadata: Record<string, string | null> | undefined): UploadPlan {
  const target = metadata?.target;
  const relativePath = metadata?.relativePath;
  if (!target) throw new HttpError(400, 'files.upload.invalid', 'An upload says which folder it goes into (metadata “target”).');
  if (!relativePath) throw new HttpError(400, 'files.upload.invalid', 'An upload says its file name (metadata “relativePath”).');
  if (relativePath.includes('\0')) throw new PathError('files.path.nul', 'A name cannot contain a NUL byte.');
  if (relativePath.includes('\\')) throw new PathError('files.path.backslash', 'A name cannot contain a backslash.');
  if (relativePath.startsWith('/')) throw new PathError('files.path.absolute', 'A relative path cannot start with “/”.');
  const segments = relativePath.split('/');
  if (segments.length > MAX_DEPTH) throw new PathError('files.path.tooLong', `A folder upload can be at most ${MAX_DEPTH} levels deep.`);
  for (const s of segments) {
    if (s === '') throw new PathError('files.path.invalid', 'A relative path cannot contain “//” or end with “/”.');
    checkName(s);
  }
  const conflict = metadata.conflict ?? 'keepBoth';
  if (conflict !== 'keepBoth' && conflict !== 'replace') throw new HttpError(400, 'files.upload.invalid', 'The conflict policy of an upload is “keepBoth” or “replace”.');
  let lastModified: number | null = null;
  if (metadata.lastModified) {
    const ms = Number(metadata.lastModified);
    if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15) throw new HttpError(400, 'files.upload.invalid', 'The last-modified time of an upload is milliseconds since 1970.');
    lastModified = ms;
  }
  return { target, folders: segments.slice(0, -1), name: segments.at(-1)!, conflict, lastModified };
}
