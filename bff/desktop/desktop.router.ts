// Procedures for the caller's own desktop: the saved layout and the wallpapers to choose from. Uploads are an HTTP route (wallpaper.routes.ts).
import { z } from 'zod';
import { authedProcedure, router } from '../trpc/init';
import { saveLayoutInput, uploadId } from './layout.schema';

export const desktopRouter = router({
  layout: router({
    get: authedProcedure.query(({ ctx }) => ctx.services.desktop.get(ctx.user.id)),
    save: authedProcedure.input(saveLayoutInput).mutation(({ ctx, input }) => ctx.services.desktop.save(ctx.user.id, input.layout, input.baseVersion)),
  }),
  wallpapers: router({
    list: authedProcedure.query(({ ctx }) => ctx.services.wallpapers.list(ctx.user.id)),
    remove: authedProcedure.input(z.strictObject({ id: uploadId })).mutation(async ({ ctx, input }) => {
      await ctx.services.wallpapers.remove(ctx.user.id, input.id);
      return { ok: true };
    }),
  }),
});
