// Files' search procedures: by name within a tree, by content, and a rescan; thin, as the signed-in user.
import { z } from 'zod';
import { authedProcedure, router } from '../../../../bff/trpc/init';
import type { Caller } from '../files.api';

const caller = (ctx: { user: { id: string; name: string; role: 'owner' | 'admin' | 'member' } }): Caller => ({ id: ctx.user.id, name: ctx.user.name, role: ctx.user.role });

export const filesSearchRouter = router({
  query: authedProcedure
    .input(
      z.object({
        q: z.string().trim().min(1, 'type something to search for').max(200),
        under: z.string().min(1).max(4096).optional(),
        content: z.boolean().default(true),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => ctx.services.filesSearch.search(caller(ctx), input)),
  rescan: authedProcedure.mutation(({ ctx }) => ctx.services.filesSearch.rescan(caller(ctx))),
});
