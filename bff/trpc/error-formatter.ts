// Shapes every tRPC error for the client: a message a person can act on, the field at fault, never a stack, SQL or path.
import type { TRPCError } from '@trpc/server';
import type { DefaultErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { Reason } from './app-error';

export interface ErrorData {
  code: string;
  httpStatus: number;
  path?: string;
  /** A stable key the frontend translates (`auth.wrongCredentials`, `input.invalid`, …). */
  reason?: string;
  /** For invalid input: the message for each field, keyed by its dotted path. */
  fields?: Record<string, string>;
  /** What the client needs to recover from a business refusal (e.g. the current layout after a conflict). */
  details?: unknown;
}

export interface ErrorShape {
  message: string;
  code: DefaultErrorShape['code'];
  data: ErrorData;
}

interface Issue {
  path?: readonly (PropertyKey | { key: PropertyKey })[];
  message: string;
}

function issuesOf(cause: unknown): Issue[] | null {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as Issue[]) : null;
}

function pathOf(issue: Issue): string {
  return (issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') || 'input';
}

const GENERIC: Record<string, string> = {
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server. Try again; if it keeps happening, the server log has the details.',
  SERVICE_UNAVAILABLE: 'The service is unavailable right now (the database cannot be reached). Try again shortly.',
};

export function formatError({ shape, error }: { shape: DefaultErrorShape; error: TRPCError }): ErrorShape {
  const data: ErrorData = { code: shape.data.code, httpStatus: shape.data.httpStatus };
  if (shape.data.path) data.path = shape.data.path;
  let message = shape.message;
  const issues = error.code === 'BAD_REQUEST' ? issuesOf(error.cause) : null;
  if (issues) {
    data.reason = 'input.invalid';
    data.fields = {};
    for (const issue of issues) data.fields[pathOf(issue)] ??= issue.message;
    message = Object.entries(data.fields)
      .map(([field, msg]) => `${field}: ${msg}`)
      .join('; ');
  } else if (error.cause instanceof Reason) {
    data.reason = error.cause.reason;
    if (error.cause.details !== undefined) data.details = error.cause.details;
  } else if (GENERIC[error.code]) {
    // Unexpected errors may carry SQL, file paths or stack fragments in their message: never send them.
    message = GENERIC[error.code]!;
    data.reason = error.code === 'SERVICE_UNAVAILABLE' ? 'service.unavailable' : 'server.error';
  }
  return { message, code: shape.code, data };
}
