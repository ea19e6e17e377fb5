// The Market's vue-query keys, and how one changed app (a push or a mutation's answer) is written into every cached list that shows it.
import type { QueryClient } from '@tanstack/vue-query';
import type { CatalogDetail, CatalogEntry, InstalledApp } from '../server/market.types';

export const keys = {
  all: ['market'] as const,
  catalogLists: ['market', 'catalog', 'list'] as const,
  catalogList: (params: { q?: string; category?: string }) => ['market', 'catalog', 'list', params] as const,
  detail: (name: string) => ['market', 'catalog', 'detail', name] as const,
  apps: ['market', 'apps'] as const,
  operations: ['market', 'operations'] as const,
  cluster: ['market', 'cluster'] as const,
};

type CatalogList = { apps: CatalogEntry[] } & Record<string, unknown>;

/** Gone from the user's apps: the catalogue shows it as not installed again. */
const isGone = (app: InstalledApp) => app.state === 'uninstalled';

/** States after which free resources, blockers and the history have changed. */
const SETTLED = new Set(['running', 'stopped', 'uninstalled', 'canceled', 'installFailed', 'upgradeFailed', 'resumeFailed', 'stopFailed', 'uninstallFailed']);

function installedInfo(app: InstalledApp): CatalogEntry['installed'] {
  return isGone(app) ? undefined : { state: app.state, version: app.version, updateAvailable: !!app.updateAvailable };
}

function withInstalled<T extends CatalogEntry>(entry: T, app: InstalledApp): T {
  const installed = installedInfo(app);
  const { installed: _old, ...rest } = entry;
  return (installed ? { ...rest, installed } : rest) as T;
}

/** Writes one app's new state into the My apps list and the catalogue caches; on a change of state it refreshes the history, and once the app settles, free resources and blockers. */
export function applyApp(queryClient: QueryClient, app: InstalledApp): void {
  const known = queryClient.getQueryData<InstalledApp[]>(keys.apps)?.find((a) => a.name === app.name);
  // An answer that left the server before a push we already have (a mutation's reply after the state moved on) is stale.
  if (known && known.updatedAt > app.updatedAt) return;
  const before = known?.state;
  const changed = before !== app.state;
  queryClient.setQueryData<InstalledApp[]>(keys.apps, (list) => {
    if (!list) return list;
    const i = list.findIndex((a) => a.name === app.name);
    if (isGone(app)) return i < 0 ? list : list.filter((a) => a.name !== app.name);
    if (i < 0) return [...list, app];
    const next = list.slice();
    next[i] = app;
    return next;
  });
  queryClient.setQueriesData<CatalogList>({ queryKey: keys.catalogLists }, (data) => {
    if (!data?.apps?.some((e) => e.name === app.name)) return data;
    return { ...data, apps: data.apps.map((e) => (e.name === app.name ? withInstalled(e, app) : e)) };
  });
  queryClient.setQueryData<CatalogDetail>(keys.detail(app.name), (d) => (d ? withInstalled(d, app) : d));
  // Progress ticks repeat the same state: only a change of state refreshes the rest.
  if (!changed) return;
  void queryClient.invalidateQueries({ queryKey: keys.operations });
  if (SETTLED.has(app.state)) {
    void queryClient.invalidateQueries({ queryKey: keys.cluster });
    void queryClient.invalidateQueries({ queryKey: ['market', 'catalog', 'detail'] });
  }
}
