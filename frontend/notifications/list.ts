// The notification centre's list query, shared by the bell (its unread count) and the open centre (NotificationList).
import { useQuery } from '@tanstack/vue-query';
import { useTrpc } from '../boot/trpc';
import { NOTIFICATIONS_KEY } from './useNotificationPush';

/** What the centre asks for: public/early.js asks the same at start-up, so it must match (frontend/boot/early.test.ts). */
export const NOTIFICATION_LIST_INPUT = { limit: 50 };

export function useNotificationList() {
  const trpc = useTrpc();
  return useQuery({ queryKey: [...NOTIFICATIONS_KEY, 'list'], queryFn: () => trpc.notifications.list.query(NOTIFICATION_LIST_INPUT) });
}
