// The Market's procedures: thin, each validates its input and calls the service as the signed-in user.
import { z } from 'zod';
import { authedProcedure, router } from '../../../bff/trpc/init';

const name = z.string().min(1).max(63).regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an app name (lowercase letters, digits and dashes)');
const requestId = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'must be a request id (letters, digits, - and _)');
const caller = (ctx: { user: { id: string; name: string; role: 'owner' | 'admin' | 'member' } }) => ({ id: ctx.user.id, name: ctx.user.name, role: ctx.user.role });

export const marketRouter = router({
  catalog: router({
    list: authedProcedure
      .input(z.object({ q: z.string().max(100).optional(), category: z.string().max(100).optional() }).optional())
      .query(({ ctx, input }) => ctx.services.market.catalogList(caller(ctx), input ?? {})),
    get: authedProcedure.input(z.object({ name })).query(({ ctx, input }) => ctx.services.market.catalogGet(caller(ctx), input.name)),
  }),
  cluster: router({
    summary: authedProcedure.query(({ ctx }) => ctx.services.market.clusterSummary()),
  }),
  apps: router({
    list: authedProcedure.query(({ ctx }) => ctx.services.market.list(caller(ctx))),
    install: authedProcedure.input(z.object({ name, requestId })).mutation(({ ctx, input }) => ctx.services.market.install(caller(ctx), input.name, input.requestId)),
    cancel: authedProcedure.input(z.object({ name })).mutation(({ ctx, input }) => ctx.services.market.cancel(caller(ctx), input.name)),
    stop: authedProcedure.input(z.object({ name })).mutation(({ ctx, input }) => ctx.services.market.stop(caller(ctx), input.name)),
    resume: authedProcedure.input(z.object({ name })).mutation(({ ctx, input }) => ctx.services.market.resume(caller(ctx), input.name)),
    upgrade: authedProcedure.input(z.object({ name, requestId })).mutation(({ ctx, input }) => ctx.services.market.upgrade(caller(ctx), input.name, input.requestId)),
    upgradeAll: authedProcedure.mutation(({ ctx }) => ctx.services.market.upgradeAll(caller(ctx))),
    uninstall: authedProcedure.input(z.object({ name, removeData: z.boolean().default(false) })).mutation(({ ctx, input }) => ctx.services.market.uninstall(caller(ctx), input.name, input.removeData)),
    operations: authedProcedure
      .input(z.object({ app: name.optional(), limit: z.number().int().min(1).max(500).default(100) }).optional())
      .query(({ ctx, input }) => ctx.services.market.operations(caller(ctx), input?.app, input?.limit ?? 100)),
    /** Pods and events of one of the caller's apps, read from the cluster as the caller. */
    status: authedProcedure.input(z.object({ name })).query(({ ctx, input }) => ctx.services.market.status(caller(ctx), input.name)),
    /** A URL that lets this browser into one of the caller's app entrances (with a one-use ticket when it is private). */
    enter: authedProcedure.input(z.object({ name, entrance: z.string().max(63).optional() })).mutation(({ ctx, input }) => ctx.services.market.enter(caller(ctx), input.name, input.entrance)),
  }),
});
