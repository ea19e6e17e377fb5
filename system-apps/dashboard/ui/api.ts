// The slice of the tRPC client the Dashboard calls (the `dashboard` router), typed structurally from the contract so the stores run against a fake server in tests.
import type { z } from 'zod';
import type { AppUsage, Inputs, Overview, Panel, QuotaUse } from '../shared/wire';
import { createApiSlot } from '../../../frontend/sdk/api-slot';

type In<K extends keyof typeof Inputs> = z.input<(typeof Inputs)[K]>;
interface Q<I, O> {
  query(input: I, opts?: { signal?: AbortSignal }): Promise<O>;
}
interface Q0<O> {
  query(): Promise<O>;
}
interface M<I, O> {
  mutate(input: I): Promise<O>;
}

/** `useTrpc().dashboard` satisfies this. */
export interface DashboardApi {
  overview: Q0<Overview>;
  panel: Q<In<'panel'>, Panel>;
  apps: Q<In<'apps'>, AppUsage[]>;
  quotas: Q0<QuotaUse[]>;
  watch: M<In<'watch'>, unknown>;
}

/** The window's client, set once by App.vue (or by a test). */
const slot = createApiSlot<DashboardApi>('Dashboard');
export const setDashboardApi = slot.set;
export const hasDashboardApi = slot.has;
export const dashboardApi = slot.get;
