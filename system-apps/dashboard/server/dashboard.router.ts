// The `dashboard` tRPC router: thin; the service decides what each caller may see.
import { router } from '../../../bff/trpc/init';

export const dashboardRouter = router({});
