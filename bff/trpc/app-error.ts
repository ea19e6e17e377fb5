// Typed errors with a stable reason key that the frontend translates; the message stays for logs and API users.
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/unstable-core-do-not-import';

/** Carried as the cause of a TRPCError; the error formatter copies `reason` into the error's data. */
export class Reason extends Error {
  constructor(
    readonly reason: string,
    /** What the client needs to recover (e.g. the current version after a conflict); sent as the error's `data.details`. */
    readonly details?: unknown,
  ) {
    super(reason);
    this.name = 'Reason';
  }
}

export function appError(code: TRPC_ERROR_CODE_KEY, reason: string, message: string, details?: unknown): TRPCError {
  return new TRPCError({ code, message, cause: new Reason(reason, details) });
}

export const WRONG_CREDENTIALS = () => appError('UNAUTHORIZED', 'auth.wrongCredentials', 'Wrong name or password.');
