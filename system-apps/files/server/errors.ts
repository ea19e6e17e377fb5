// Turns path refusals and file-system errors into typed tRPC errors with Files' reason keys, never a host path.
import { TRPCError } from '@trpc/server';
import { appError } from '../../../bff/trpc/app-error';
import { toTrpcError } from './drives/drives.service';
import { DriveError } from './drives/s3-drive';
import { PathError } from './paths';

export const notFound = () => appError('NOT_FOUND', 'files.notFound', 'That file or folder does not exist (any more).');
export const exists = (name: string) => appError('CONFLICT', 'files.exists', `Something called “${name}” is already there.`);

/** The error to throw for `err`: TRPCErrors pass through, PathErrors and errno codes get reasons, anything else is rethrown as is. */
export function toFilesError(err: unknown): unknown {
  if (err instanceof TRPCError) return err;
  if (err instanceof DriveError) return toTrpcError(err);
  if (err instanceof PathError) {
    if (err.reason === 'files.path.notFound') return appError('NOT_FOUND', err.reason, err.message);
    if (err.reason === 'files.path.readOnly') return appError('FORBIDDEN', err.reason, err.message);
    return appError('BAD_REQUEST', err.reason, err.message);
  }
  switch ((err as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
      return notFound();
    case 'ENOTDIR':
      return appError('BAD_REQUEST', 'files.notFolder', 'A part of that path is a file, not a folder.');
    case 'EISDIR':
      return appError('BAD_REQUEST', 'files.isFolder', 'That is a folder, not a file.');
    case 'EACCES':
    case 'EPERM':
      return appError('FORBIDDEN', 'files.denied', 'The server may not read or change that file or folder.');
    case 'EROFS':
      return appError('FORBIDDEN', 'files.path.readOnly', 'That folder is on a read-only disk.');
    case 'EEXIST':
    case 'ENOTEMPTY':
      return appError('CONFLICT', 'files.exists', 'Something of that name is already there.');
    case 'ENOSPC':
      return appError('PAYLOAD_TOO_LARGE', 'files.disk.full', 'The disk is full.');
    case 'EDQUOT':
      return appError('PAYLOAD_TOO_LARGE', 'files.quota.exceeded', 'Your storage quota is used up.');
    case 'ENAMETOOLONG':
      return appError('BAD_REQUEST', 'files.path.tooLong', 'That name or path is too long.');
    case 'ELOOP':
      return appError('BAD_REQUEST', 'files.path.escapes', 'That path goes round in a loop of links.');
    default:
      return err;
  }
}

/** Runs `fn`, mapping what it throws with toFilesError. */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toFilesError(err);
  }
}

/** The reason key for a job's error field. */
export function reasonOf(err: unknown): string {
  const mapped = toFilesError(err);
  if (mapped instanceof TRPCError) {
    const cause = mapped.cause as { reason?: string } | undefined;
    if (cause?.reason) return cause.reason;
  }
  return 'files.failed';
}
