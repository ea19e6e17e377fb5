// The Market's reads: one vue-query composable per procedure of the server's market router, keyed as cache.ts says.
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { useTrpc } from '../../../frontend/sdk';
import type { InstalledApp } from '../server/market.types';
import { keys } from './cache';

export function useCatalogList(params: MaybeRefOrGetter<{ q?: string; category?: string }>) {
  const trpc = useTrpc();
  const input = computed(() => toValue(params));
  return useQuery({
    queryKey: computed(() => keys.catalogList(input.value)),
    queryFn: () => trpc.market.catalog.list.query(input.value),
    placeholderData: keepPreviousData,
  });
}

export function useCatalogDetail(name: MaybeRefOrGetter<string>) {
  const trpc = useTrpc();
  return useQuery({
    queryKey: computed(() => keys.detail(toValue(name))),
    queryFn: () => trpc.market.catalog.get.query({ name: toValue(name) }),
  });
}

export function useClusterSummary() {
  const trpc = useTrpc();
  return useQuery({ queryKey: keys.cluster, queryFn: () => trpc.market.cluster.summary.query() });
}

/** The user's apps; pushes keep it current (useMarketPush), so it never goes stale on a timer. */
export function useInstalledApps() {
  const trpc = useTrpc();
  const query = useQuery({ queryKey: keys.apps, queryFn: () => trpc.market.apps.list.query(), staleTime: Infinity });
  const byName = computed(() => new Map<string, InstalledApp>((query.data.value ?? []).map((a) => [a.name, a])));
  return { query, byName };
}

export function useOperations() {
  const trpc = useTrpc();
  return useQuery({ queryKey: keys.operations, queryFn: () => trpc.market.apps.operations.query({ limit: 200 }) });
}
