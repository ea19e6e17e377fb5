// Procedures for the minimal Users page: the owner and admins list accounts and create members and admins.
import { adminProcedure, router } from '../trpc/init';
import { createUserInput } from './schemas';
import type { User } from './types';

const view = (u: User) => ({ ...u, createdAt: u.createdAt.toISOString() });

export const usersRouter = router({
  list: adminProcedure.query(async ({ ctx }) => (await ctx.services.users.list()).map(view)),
  create: adminProcedure.input(createUserInput).mutation(async ({ ctx, input }) => {
    const user = await ctx.services.users.create(input, ctx.user.id);
    ctx.log.info({ user: user.name, role: user.role, by: ctx.user.name }, 'user created');
    return view(user);
  }),
});
