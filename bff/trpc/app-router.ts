// The one place that lists every router; the frontend sees it only as `import type { AppRouter }`.
import { authRouter } from '../auth/auth.router';
import { securityRouter } from '../auth/security.router';
import { usersRouter } from '../auth/users.router';
import { desktopRouter } from '../desktop/desktop.router';
import { notificationsRouter } from '../notifications/notifications.router';
import { marketRouter } from '../../system-apps/market/server/market.router';
import { filesRouter } from '../../system-apps/files/server/files.router';
import { vaultRouter } from '../../system-apps/vault/server/vault.router';
import { wiseRouter } from '../../system-apps/wise/server/wise.router';
import { dashboardRouter } from '../../system-apps/dashboard/server/dashboard.router';
import { gpuRouter } from '../../system-apps/settings/server/gpu.router';
import { router } from './init';
import { systemRouter } from './system.router';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  security: securityRouter,
  users: usersRouter,
  desktop: desktopRouter,
  notifications: notificationsRouter,
  market: marketRouter,
  files: filesRouter,
  vault: vaultRouter,
  wise: wiseRouter,
  dashboard: dashboardRouter,
  gpu: gpuRouter,
});

export type AppRouter = typeof appRouter;
