// Compile-time proof that the real tRPC client's `dashboard` router fits the structural DashboardApi that the stores are written against.
import type { TrpcClient } from '../../../frontend/sdk';
import type { DashboardApi } from './api';

type Fits<T extends DashboardApi> = T;
export type DashboardApiFromTrpc = Fits<TrpcClient['dashboard']>;
