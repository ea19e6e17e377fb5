// Share procedures for the signed-in owner: links, shares with people, revoking; thin, as the caller.
import { z } from 'zod';
import { authedProcedure, router } from '../../../../bff/trpc/init';
import type { Caller } from '../files.api';

const caller = (ctx: { user: { id: string; name: string; role: 'owner' | 'admin' | 'member' } }): Caller => ({ id: ctx.user.id, name: ctx.user.name, role: ctx.user.role });
const vpath = z.string().min(1).max(4096);

export const filesSharesRouter = router({
  /** The caller's live links and user shares. */
  list: authedProcedure.query(({ ctx }) => ctx.services.filesShares.list(caller(ctx))),
  /** A public, read-only link to a file or folder; optional password (8+ characters) and expiry. */
  createLink: authedProcedure
    .input(
      z.object({
        path: vpath,
        password: z.string().min(8, 'a link password has at least 8 characters').max(256).nullish(),
        expiresAt: z.number().int().positive().nullish(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.filesShares.createLink(caller(ctx), input)),
  /** Shares a folder with another user of this Olares, read-only or read-write (again: changes the access). */
  shareWith: authedProcedure
    .input(z.object({ path: vpath, user: z.string().min(1).max(64), access: z.enum(['read', 'write']).default('read') }))
    .mutation(({ ctx, input }) => ctx.services.filesShares.shareWith(caller(ctx), input)),
  revoke: authedProcedure.input(z.object({ id: z.string().uuid('must be a share id') })).mutation(({ ctx, input }) => ctx.services.filesShares.revoke(caller(ctx), input.id)),
  /** The other users of this Olares, to share with. */
  people: authedProcedure.query(({ ctx }) => ctx.services.filesShares.people(caller(ctx))),
});
