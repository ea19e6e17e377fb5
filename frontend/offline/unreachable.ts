// Tells "the server did not answer" (down, or the network is) apart from an answer that is an error.
import { TRPCClientError } from '@trpc/client';

/**
 * True when a tRPC call failed without an answer from the desktop's server: the fetch failed, or something in
 * between (a proxy's error page) answered without the tRPC error shape. Every error our server sends carries `data`.
 */
export function isServerUnreachable(err: unknown): boolean {
  if (err instanceof TRPCClientError) return !err.data;
  return err instanceof TypeError; // fetch's "Failed to fetch" when it is not wrapped
}
