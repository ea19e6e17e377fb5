// The slice of the tRPC client that the Settings window calls (the `gpu` router), typed structurally from the contract so the stores run against a fake server in tests.
import type { z } from 'zod';
import type { GpuChange, GpuInputs, GpuStatus } from '../shared/gpu-wire';
import { createApiSlot } from '../../../frontend/sdk/api-slot';

type In<K extends keyof typeof GpuInputs> = z.input<(typeof GpuInputs)[K]>;
interface Q0<O> {
  query(): Promise<O>;
}
interface M<I, O> {
  mutate(input: I): Promise<O>;
}

/** `useTrpc()` satisfies this (checked in api.typecheck.ts). */
export interface SettingsApi {
  gpu: {
    status: Q0<GpuStatus>;
    setMode: M<In<'setMode'>, GpuChange>;
    bind: M<In<'bind'>, GpuChange>;
    unbind: M<In<'unbind'>, GpuChange>;
  };
}

/** The window's client, set once by App.vue (or by a test). */
const slot = createApiSlot<SettingsApi>('Settings');
export const setSettingsApi = slot.set;
export const hasSettingsApi = slot.has;
export const settingsApi = slot.get;
