// Turns pushed notifications into toasts and keeps the notification centre's data fresh across the user's browsers.
import { onBeforeUnmount, onMounted } from 'vue';
import { useQueryClient } from '@tanstack/vue-query';
import { useI18n } from 'vue-i18n';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../bff/trpc/app-router';
import { appsById } from '../app-registry/registry';
import { useSocket } from '../boot/socket';
import { toast } from '../shell/shell-api';
import { useWindowsStore } from '../window-manager/windows.store';

export type NotificationItem = inferRouterOutputs<AppRouter>['notifications']['list']['items'][number];
export const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useNotificationPush(): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  const windows = useWindowsStore();
  const { t } = useI18n();

  function openFrom(n: NotificationItem, actionId?: string) {
    const app = appsById.get(n.appId);
    if (app) windows.open(app, { notification: n.id, ...(actionId ? { action: actionId } : {}) });
  }

  function onNotification(n: NotificationItem) {
    void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    const app = appsById.get(n.appId);
    toast({
      title: n.title,
      body: n.body ? `${app ? `${t(app.title)} · ` : ''}${n.body}` : app ? t(app.title) : undefined,
      level: n.level,
      actions: n.actions.map((a) => ({ label: a.label, run: () => openFrom(n, a.id) })),
    });
  }

  const onSync = () => void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });

  onMounted(() => {
    socket.on('notification', onNotification);
    socket.on('notification.sync', onSync);
  });
  onBeforeUnmount(() => {
    socket.off('notification', onNotification);
    socket.off('notification.sync', onSync);
  });
}
