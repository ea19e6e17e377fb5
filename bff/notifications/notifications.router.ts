// Procedures for the caller's notification centre, per-app mutes and the Settings "send a test" button.
import { authedProcedure, router } from '../trpc/init';
import { listInput, selection, setMuteInput, testInput } from './schemas';

export const notificationsRouter = router({
  /** Newest first, with the unread count for the badge. */
  list: authedProcedure.input(listInput).query(({ ctx, input }) => ctx.services.notifications.list(ctx.user.id, input)),
  markRead: authedProcedure.input(selection).mutation(({ ctx, input }) => ctx.services.notifications.markRead(ctx.user.id, input)),
  /** Deletes; ids that are not the caller's are left alone. */
  clear: authedProcedure.input(selection).mutation(({ ctx, input }) => ctx.services.notifications.clear(ctx.user.id, input)),
  mutes: router({
    list: authedProcedure.query(({ ctx }) => ctx.services.notifications.mutes(ctx.user.id)),
    set: authedProcedure.input(setMuteInput).mutation(({ ctx, input }) => ctx.services.notifications.setMuted(ctx.user.id, input.appId, input.muted)),
  }),
  /** Sends the caller a notification from Settings. */
  test: authedProcedure.input(testInput).mutation(({ ctx, input }) => ctx.services.notifications.sendTest(ctx.user.id, input.title)),
});
