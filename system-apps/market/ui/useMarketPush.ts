// Keeps the Market's caches current from the server's `market.app` pushes (no polling); after a reconnect it refetches what it may have missed.
import { onBeforeUnmount } from 'vue';
import { useQueryClient } from '@tanstack/vue-query';
import { useSocket } from '../../../frontend/sdk';
import type { AppEvent } from '../server/market.types';
import { applyApp, keys } from './cache';

export function useMarketPush(onApp?: (event: AppEvent) => void): void {
  const socket = useSocket();
  const queryClient = useQueryClient();

  const onEvent = (event: AppEvent) => {
    if (!event?.app?.name) return;
    applyApp(queryClient, event.app);
    onApp?.(event);
  };
  // Events sent while the connection was down are lost: read the lists again.
  const onReconnect = () => void queryClient.invalidateQueries({ queryKey: keys.all });

  socket.on('market.app', onEvent);
  socket.on('connect', onReconnect);
  onBeforeUnmount(() => {
    socket.off('market.app', onEvent);
    socket.off('connect', onReconnect);
  });
}
