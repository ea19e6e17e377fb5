// Builds the tRPC client and the vue-query client once, and provides them to every component and store.
import type { App, InjectionKey } from 'vue';
import { inject } from 'vue';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query';
import type { AppRouter } from '../../bff/trpc/app-router';
import { earlyLink } from './early';

export type TrpcClient = ReturnType<typeof createTRPCClient<AppRouter>>;
export const trpcKey: InjectionKey<TrpcClient> = Symbol('trpc');

/** The header the BFF's CSRF check asks for on every mutation; a cross-site form cannot send it. */
export const CSRF_HEADER_VALUE = { 'x-olares-request': '1' } as const;
const CSRF_HEADERS = CSRF_HEADER_VALUE;

export function createTrpc(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): TrpcClient {
  return createTRPCClient<AppRouter>({
    links: [
      // The desktop's first queries may already be on their way (public/early.js).
      earlyLink(),
      httpBatchLink({ url: '/trpc', maxURLLength: 4000, headers: () => CSRF_HEADERS, fetch: fetchImpl }),
    ],
  });
}

export function installTrpc(app: App): { trpc: TrpcClient; queryClient: QueryClient } {
  const trpc = createTrpc();
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Authorisation and input errors do not get better by retrying.
        retry: (count, err) => count < 2 && !isClientError(err),
      },
    },
  });
  app.provide(trpcKey, trpc);
  app.use(VueQueryPlugin, { queryClient });
  return { trpc, queryClient };
}

function isClientError(err: unknown): boolean {
  const status = (err as { data?: { httpStatus?: number } } | undefined)?.data?.httpStatus;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export function useTrpc(): TrpcClient {
  const trpc = inject(trpcKey);
  if (!trpc) throw new Error('the tRPC client is not installed (frontend/boot/trpc.ts)');
  return trpc;
}
