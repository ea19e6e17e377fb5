// Compile-time proof that the real tRPC client's `wise` router fits the structural WiseApi that the stores are written against.
import type { TrpcClient } from '../../../frontend/sdk';
import type { WiseApi } from './api';

type Fits<T extends WiseApi> = T;
export type WiseApiFromTrpc = Fits<TrpcClient['wise']>;
