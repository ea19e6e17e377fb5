// Desktop notifications: other services call notify(); the centre lists, marks read and clears; apps can be muted.
import { TRPCError } from '@trpc/server';
import type pg from 'pg';
import { withTransaction } from '../db/pool';
import type { EventBus } from '../realtime/bus';
import { NotificationsStore, type NotificationView } from './notifications.store';
import { notifyInput, type NotifyInput, type Selection } from './schemas';

/** Each user keeps at most this many; notify deletes the oldest beyond it. */
export const MAX_PER_USER = 500;

export interface Page {
  items: NotificationView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
  unread: number;
}

export class NotificationsService {
  private readonly store: NotificationsStore;
  constructor(
    private readonly db: pg.Pool,
    private readonly bus: EventBus,
  ) {
    this.store = new NotificationsStore(db);
  }

  /**
   * Stores a notification for `userId` and pushes it to the user's open desktops as a toast
   * (socket event `notification`). A notification from an app the user muted is still stored, so
   * it shows in the notification centre, but it is not pushed: muting silences toasts, not history.
   * Invalid input is a BAD_REQUEST whose fields name what is wrong.
   */
  async notify(userId: string, input: NotifyInput): Promise<{ notification: NotificationView; pushed: boolean }> {
    const parsed = notifyInput.safeParse(input);
    if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', message: 'invalid notification', cause: parsed.error });
    const { notification, muted } = await withTransaction(this.db, async (client) => {
      const store = new NotificationsStore(client);
      await store.lockUser(userId);
      const notification = await store.insert(userId, parsed.data);
      await store.trim(userId, MAX_PER_USER);
      return { notification, muted: await store.isMuted(userId, parsed.data.appId) };
    });
    if (!muted) this.bus.emit('user.event', { userId, event: 'notification', payload: notification });
    return { notification, pushed: !muted };
  }

  /** A notification from Settings to the caller, so a person can check that notifications arrive. */
  sendTest(userId: string, title?: string): Promise<{ notification: NotificationView; pushed: boolean }> {
    return this.notify(userId, {
      appId: 'settings',
      title: title ?? 'Test notification',
      body: 'If this appeared as a toast, notifications work on this desktop.',
    });
  }

  async list(userId: string, opts: { cursor?: string | null; limit: number }): Promise<Page> {
    const after = opts.cursor ? { createdAt: opts.cursor.slice(0, 27), id: opts.cursor.slice(28) } : null;
    const rows = await this.store.page(userId, after, opts.limit + 1);
    const items = rows.slice(0, opts.limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > opts.limit && last ? `${last.createdAt}_${last.id}` : null;
    return { items, nextCursor, unread: await this.store.unread(userId) };
  }

  async markRead(userId: string, which: Selection): Promise<{ marked: number; unread: number }> {
    const marked = await this.store.markRead(userId, 'ids' in which ? which.ids : null);
    return { marked, unread: await this.synced(userId, marked) };
  }

  async clear(userId: string, which: Selection): Promise<{ cleared: number; unread: number }> {
    const cleared = await this.store.clear(userId, 'ids' in which ? which.ids : null);
    return { cleared, unread: await this.synced(userId, cleared) };
  }

  mutes(userId: string): Promise<{ appId: string; mutedAt: string }[]> {
    return this.store.mutes(userId);
  }

  async setMuted(userId: string, appId: string, muted: boolean): Promise<{ appId: string; muted: boolean }> {
    await this.store.setMuted(userId, appId, muted);
    return { appId, muted };
  }

  /** The unread count after a change; when something changed, the user's other desktops hear it for their badge. */
  private async synced(userId: string, changed: number): Promise<number> {
    const unread = await this.store.unread(userId);
    if (changed > 0) this.bus.emit('user.event', { userId, event: 'notification.sync', payload: { unread } });
    return unread;
  }
}
