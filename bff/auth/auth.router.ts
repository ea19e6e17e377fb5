// Procedures for first run, login, second factor, logout and the caller's own sessions.
import { z } from 'zod';
import { appError } from '../trpc/app-error';
import { authedProcedure, pendingProcedure, publicProcedure, rateLimited, router, sessionProcedure } from '../trpc/init';
import { codeInput, loginInput, passwordInput, setupInput } from './schemas';
import type { Session } from './types';

const sessionView = (s: Session, currentId: string) => ({
  id: s.id,
  createdAt: s.createdAt.toISOString(),
  lastSeenAt: s.lastSeenAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
  ip: s.ip,
  userAgent: s.userAgent,
  current: s.id === currentId,
});

export const authRouter = router({
  /** Where the browser stands: first run needed, logged in, or waiting for the second factor. */
  status: publicProcedure.query(async ({ ctx }) => {
    const auth = await ctx.auth();
    const setupRequired = auth ? false : await ctx.services.auth.setupRequired();
    return {
      setupRequired,
      secondFactorPending: auth?.session.state === 'pending',
      locked: auth?.session.state === 'active' && auth.session.locked,
      user: auth?.session.state === 'active' ? { ...auth.user, createdAt: auth.user.createdAt.toISOString() } : null,
    };
  }),

  setup: publicProcedure.use(rateLimited).input(setupInput).mutation(async ({ ctx, input }) => {
    const { user, issued } = await ctx.services.auth.setupOwner(input, ctx.client);
    ctx.cookies.setSession(issued.token, issued.session.expiresAt);
    ctx.log.info({ user: user.name }, 'owner created at first run');
    return { name: user.name, role: user.role };
  }),

  login: publicProcedure.use(rateLimited).input(loginInput).mutation(async ({ ctx, input }) => {
    const previous = await ctx.auth().catch(() => null);
    const result = await ctx.services.auth.login(input, ctx.client, previous?.session ?? null);
    ctx.cookies.setSession(result.issued.token, result.issued.session.expiresAt);
    return { status: result.status };
  }),

  verifySecondFactor: pendingProcedure.use(rateLimited).input(codeInput).mutation(async ({ ctx, input }) => {
    const { issued } = await ctx.services.auth.verifySecondFactor(ctx.pending, input.code, ctx.client);
    ctx.cookies.setSession(issued.token, issued.session.expiresAt);
    return { status: 'ok' as const };
  }),

  /** Ends the caller's session, logged in or halfway; harmless without one. */
  logout: publicProcedure.mutation(async ({ ctx }) => {
    const auth = await ctx.auth();
    if (auth) await ctx.services.auth.logout(auth.session);
    ctx.cookies.clearSession();
    return { ok: true };
  }),

  /** Locks the desktop: the session stays, everything but unlock and sign-out is refused. */
  lock: sessionProcedure.mutation(async ({ ctx }) => {
    await ctx.services.sessions.setLocked(ctx.session.id, true);
    return { ok: true };
  }),

  unlock: sessionProcedure.use(rateLimited).input(passwordInput).mutation(async ({ ctx, input }) => {
    await ctx.services.auth.unlock(ctx.authState, input.password, ctx.client);
    return { ok: true };
  }),

  me: authedProcedure.query(({ ctx }) => ({
    user: { ...ctx.user, createdAt: ctx.user.createdAt.toISOString() },
    session: sessionView(ctx.session, ctx.session.id),
  })),

  sessions: router({
    list: authedProcedure.query(async ({ ctx }) => {
      const sessions = await ctx.services.sessions.listActive(ctx.user.id);
      return sessions.map((s) => sessionView(s, ctx.session.id));
    }),
    revoke: authedProcedure.input(z.object({ id: z.uuid('not a session id') })).mutation(async ({ ctx, input }) => {
      const ok = await ctx.services.sessions.revokeOwned(ctx.user.id, input.id);
      if (!ok) throw appError('NOT_FOUND', 'sessions.notFound', 'No such session of yours.');
      if (input.id === ctx.session.id) ctx.cookies.clearSession();
      return { ok: true };
    }),
  }),
});
