// Compile-time proof that the real tRPC client fits the structural SettingsApi that the stores are written against (it holds once the `gpu` router lands).
import type { TrpcClient } from '../../../frontend/sdk';
import type { SettingsApi } from './api';

type Fits<T extends SettingsApi['gpu']> = T;
export type GpuApiFromTrpc = Fits<TrpcClient['gpu']>;
