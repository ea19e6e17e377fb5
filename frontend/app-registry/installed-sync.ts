// Keeps the shell's list of installed apps current: fetched with the desktop, then patched by the Market's pushes (`market.app`).
import { onBeforeUnmount, ref, watch } from 'vue';
import { useQuery, useQueryClient } from '@tanstack/vue-query';
import { useSocket } from '../boot/socket';
import { useTrpc, type TrpcClient } from '../boot/trpc';
import { afterPaint } from '../shared/after-paint';
import { installedManifests, type InstalledApp } from './installed-apps';
import { appsById, setInstalledApps } from './registry';

export const INSTALLED_QUERY_KEY = ['market', 'apps'] as const;

/** Opens an app's entrance in a browser tab; the tab is opened at once (inside the click) and sent on when the ticket comes. */
function openTab(trpc: TrpcClient, app: InstalledApp): void {
  const tab = window.open('about:blank', '_blank');
  void trpc.market.apps.enter.mutate({ name: app.name }).then(
    ({ url }) => {
      if (!tab) return void window.open(url, '_blank', 'noopener');
      tab.opener = null;
      tab.location.href = url;
    },
    () => tab?.close(),
  );
}

export function applyInstalledApps(trpc: TrpcClient, list: InstalledApp[]): void {
  const web = appsById.get('web');
  if (!web) return;
  setInstalledApps(installedManifests(list, { component: web.component, openTab: (a) => openTab(trpc, a) }));
}

/** For a saved desktop that has windows or dock items of installed apps: those apps must be known before it is restored. */
export async function loadInstalledApps(trpc: TrpcClient): Promise<void> {
  try {
    applyInstalledApps(trpc, await trpc.market.apps.list.query());
  } catch {
    // no Market (no cluster) or offline: the desktop opens without them
  }
}

/** Mounted by the desktop: the list, and every pushed change to it. */
export function useInstalledAppsSync(): void {
  const trpc = useTrpc();
  const socket = useSocket();
  const queryClient = useQueryClient();
  // Asked once the desktop is up and idle: its first paint does not wait for the cluster.
  const enabled = ref(false);
  const start = () => (enabled.value = true);
  onBeforeUnmount(afterPaint(start, { timeout: 1000 }));
  const list = useQuery({ queryKey: INSTALLED_QUERY_KEY, queryFn: () => trpc.market.apps.list.query(), retry: false, enabled });
  watch(
    () => list.data.value,
    (apps) => apps && applyInstalledApps(trpc, apps),
    { immediate: true },
  );
  const onApp = ({ app }: { app: InstalledApp }) => {
    queryClient.setQueryData<InstalledApp[]>(INSTALLED_QUERY_KEY, (old) => {
      if (!old) return old;
      // Older than what is known (pushes and replies can cross): keep the newer.
      if (old.some((a) => a.name === app.name && a.updatedAt > app.updatedAt)) return old;
      const gone = app.state === 'uninstalled' || app.state === 'canceled';
      const rest = old.filter((a) => a.name !== app.name);
      return gone ? rest : [...rest, app].sort((a, b) => a.title.localeCompare(b.title));
    });
  };
  socket.on('market.app', onApp);
  onBeforeUnmount(() => socket.off('market.app', onApp));
}
