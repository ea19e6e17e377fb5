// The `gpu` tRPC router (Settings → GPU): thin; reads for every signed-in user, changes for admins.
import { adminProcedure, authedProcedure, router } from '../../../bff/trpc/init';
import { GpuInputs } from '../shared/gpu-wire';

const caller = (ctx: { user: { name: string; role: 'owner' | 'admin' | 'member' } }) => ({ name: ctx.user.name, role: ctx.user.role });

export const gpuRouter = router({
  /** GPUs, their modes and bound apps, and the apps that ask for a GPU; `canManage` tells the page whether to offer changes. */
  status: authedProcedure.query(({ ctx }) => ctx.services.gpu.service.status(caller(ctx))),
  /** Sets one GPU's mode; bound apps are re-patched and restart. */
  setMode: adminProcedure.input(GpuInputs.setMode).mutation(({ ctx, input }) => ctx.services.gpu.service.setMode(caller(ctx), input)),
  /** Binds an app to a GPU (moving it when bound elsewhere). */
  bind: adminProcedure.input(GpuInputs.bind).mutation(({ ctx, input }) => ctx.services.gpu.service.bind(caller(ctx), input)),
  /** Unpins an app: it keeps `nvidia.com/gpu: 1` and HAMi places it on any GPU. */
  unbind: adminProcedure.input(GpuInputs.unbind).mutation(({ ctx, input }) => ctx.services.gpu.service.unbind(caller(ctx), input)),
});
