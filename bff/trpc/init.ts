// The one tRPC init: the only procedure builders an app may use — public, authed, admin, and their variants.
import { initTRPC, TRPCError } from '@trpc/server';
import { isDatabaseUnavailable } from '../db/errors';
import { isAdmin } from '../auth/types';
import { appError } from './app-error';
import type { Context } from './context';
import { formatError } from './error-formatter';

const t = initTRPC.context<Context>().create({
  errorFormatter: formatError,
  isServer: true,
  // Stacks are never sent, whatever NODE_ENV says.
  isDev: false,
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Turns "the database is unreachable", wherever it happened, into a clear 503. The HTTP handler
 * applies it to every failed call (a middleware would cost every successful call a step too).
 */
export function mapUnavailable(error: TRPCError): TRPCError {
  if (error.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(error.cause)) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'database unavailable', cause: error.cause });
  }
  return error;
}

/** Anyone, logged in or not. */
export const publicProcedure = t.procedure;

/** A caller with a fully logged-in session, locked or not (only unlocking and locking use this). */
export const sessionProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const auth = await ctx.auth();
  if (!auth || auth.session.state !== 'active') throw appError('UNAUTHORIZED', 'auth.required', 'Sign in to continue; your session has ended or expired.');
  return next({ ctx: { ...ctx, session: auth.session, user: auth.user, authState: auth } });
});

/** A caller with a fully logged-in, unlocked session. */
export const authedProcedure = sessionProcedure.use(({ ctx, next }) => {
  if (ctx.session.locked) throw appError('FORBIDDEN', 'auth.locked', 'The desktop is locked; unlock it with your password.');
  return next();
});

/** The owner or an admin. */
export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!isAdmin(ctx.user.role)) throw appError('FORBIDDEN', 'auth.adminOnly', 'Only the owner or an admin may do this.');
  return next();
});

/** A caller whose password was right and who still owes the second factor. */
export const pendingProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const auth = await ctx.auth();
  if (!auth || auth.session.state !== 'pending') throw appError('UNAUTHORIZED', 'auth.noPendingLogin', 'Start again: enter your name and password.');
  return next({ ctx: { ...ctx, pending: auth } });
});

/** Public procedures that guess at secrets (login, first run, second factor) are limited per address. */
export const rateLimited = t.middleware(({ ctx, next }) => {
  if (!ctx.services.loginLimiter.hit(ctx.client.ip)) {
    throw appError('TOO_MANY_REQUESTS', 'auth.tooManyAttempts', 'Too many attempts from this address; wait a minute and try again.');
  }
  return next();
});
