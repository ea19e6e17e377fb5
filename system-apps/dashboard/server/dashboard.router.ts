// The `dashboard` tRPC router: thin; the service decides what each caller may see.
import { authedProcedure, router } from '../../../bff/trpc/init';
import { Inputs } from '../shared/wire';

export const dashboardRouter = router({
  /** The overview cards: host figures, pods, GPUs, and where they come from. */
  overview: authedProcedure.query(({ ctx }) => ctx.services.dashboard.overview()),
  /** One detail panel over a range. */
  panel: authedProcedure.input(Inputs.panel).query(({ ctx, input }) => ctx.services.dashboard.panel(input.panel, input.range)),
  /** Apps ranked by use: every app for admins, the caller's own for members. */
  apps: authedProcedure.input(Inputs.apps).query(({ ctx, input }) => ctx.services.dashboard.apps(ctx.user, input)),
  /** Quota use: every user for admins, the caller alone for members. */
  quotas: authedProcedure.query(({ ctx }) => ctx.services.dashboard.quotas(ctx.user)),
  /** Starts or stops the live push to one of the caller's sockets. */
  watch: authedProcedure.input(Inputs.watch).mutation(({ ctx, input }) => ctx.services.dashboard.watch(ctx.session.id, input)),
});
