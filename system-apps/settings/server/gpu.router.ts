// The `gpu` tRPC router (Settings → GPU): thin; reads for every signed-in user, changes for admins.
import { router } from '../../../bff/trpc/init';

export const gpuRouter = router({});
