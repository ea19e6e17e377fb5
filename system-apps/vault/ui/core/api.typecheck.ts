// Compile-time proof that the real tRPC client's `vault` router fits the structural VaultApi that core is written against.
import type { TrpcClient } from '../../../../frontend/sdk';
import type { VaultApi } from './api';

type Fits<T extends VaultApi> = T;
export type VaultApiFromTrpc = Fits<TrpcClient['vault']>;
