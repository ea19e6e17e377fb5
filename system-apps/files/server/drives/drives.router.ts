// Cloud-drive procedures for the signed-in user: list, add (checked against the bucket first), remove; thin, as the caller.
import { z } from 'zod';
import { authedProcedure, router } from '../../../../bff/trpc/init';
import type { Caller } from '../files.api';

const caller = (ctx: { user: { id: string; name: string; role: 'owner' | 'admin' | 'member' } }): Caller => ({ id: ctx.user.id, name: ctx.user.name, role: ctx.user.role });

export const filesDrivesRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.filesDrives.list(caller(ctx))),
  add: authedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(64),
        endpoint: z.string().min(1).max(500),
        region: z.string().trim().min(1).max(64).default('us-east-1'),
        bucket: z.string().trim().min(3).max(63).regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'must be a bucket name (lowercase letters, digits, dots and dashes)'),
        prefix: z.string().max(500).default(''),
        pathStyle: z.boolean().default(true),
        accessKeyId: z.string().min(1).max(256),
        secretAccessKey: z.string().min(1).max(256),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.filesDrives.add(caller(ctx), input)),
  remove: authedProcedure.input(z.object({ id: z.string().uuid('must be a drive id') })).mutation(({ ctx, input }) => ctx.services.filesDrives.remove(caller(ctx), input.id)),
});
