// Turns what Files' HTTP routes throw into `{ statusCode, error, reason, message }` with a `files.*` reason — never a host path or stack.
import { STATUS_CODES } from 'node:http';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyReply } from 'fastify';
import { DriveError } from '../drives/s3-drive';
import { PathError } from '../paths';

/** A refusal of the HTTP routes themselves (not a path): status, reason key and a sentence for people. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  reason: string;
  message: string;
}

const PATH_STATUS: Partial<Record<PathError['reason'], number>> = {
  'files.path.notFound': 404,
  'files.path.unknownRoot': 404,
  'files.path.readOnly': 403,
  'files.path.escapes': 403,
};

/** A bucket's refusals (anything else it says is a bad gateway). 422, not 409, for a name taken: tus clients retry 409. */
const DRIVE_STATUS: Record<string, number> = { 'files.drive.notFound': 404, 'files.drive.denied': 403, 'files.exists': 422 };

const ERRNO: Record<string, [number, string, string]> = {
  ENOENT: [404, 'files.notFound', 'That file or folder does not exist (any more).'],
  ENOTDIR: [400, 'files.notFolder', 'A part of that path is a file, not a folder.'],
  EISDIR: [400, 'files.isFolder', 'That is a folder, not a file.'],
  EACCES: [403, 'files.denied', 'The server may not read or change that file or folder.'],
  EPERM: [403, 'files.denied', 'The server may not read or change that file or folder.'],
  EROFS: [403, 'files.path.readOnly', 'That folder is on a read-only disk.'],
  ENOSPC: [507, 'files.disk.full', 'The disk is full.'],
  EDQUOT: [413, 'files.quota.exceeded', 'Your storage quota is used up.'],
  ENAMETOOLONG: [400, 'files.path.tooLong', 'That name or path is too long.'],
  ELOOP: [400, 'files.path.escapes', 'That path goes round in a loop of links.'],
};

/** The response for `err`; `internal` is true when it is our fault (log it; the client only learns that something failed). */
export function toErrorBody(err: unknown): ErrorBody & { internal: boolean } {
  const body = (statusCode: number, reason: string, message: string, internal = false) => ({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', reason, message, internal });
  if (err instanceof HttpError) return body(err.statusCode, err.reason, err.message);
  if (err instanceof PathError) return body(PATH_STATUS[err.reason] ?? 400, err.reason, err.message);
  if (err instanceof DriveError) return body(DRIVE_STATUS[err.reason] ?? 502, err.reason, err.message);
  if (err instanceof TRPCError) {
    const reason = (err.cause as { reason?: unknown } | undefined)?.reason;
    const status = getHTTPStatusCodeFromError(err);
    if (status >= 500 && typeof reason !== 'string') return body(500, 'files.failed', 'Something went wrong on the server.', true);
    return body(status, typeof reason === 'string' ? reason : 'files.failed', err.message);
  }
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const known = code ? ERRNO[code] : undefined;
  if (known) return body(...known);
  return body(500, 'files.failed', 'Something went wrong on the server.', true);
}

/** Sends `err` as JSON (before any byte of a body was sent); logs it when it is our fault. */
export function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  const { internal, ...b } = toErrorBody(err);
  if (internal) reply.log.error({ err }, 'files request failed');
  return reply.code(b.statusCode).type('application/json; charset=utf-8').send(b);
}
