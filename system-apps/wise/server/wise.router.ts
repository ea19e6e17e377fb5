// The `wise` tRPC router: thin, every procedure for a signed-in, unlocked caller acting as themselves; the services decide the rest.
import { authedProcedure, router } from '../../../bff/trpc/init';
import { Inputs } from '../shared/wire';

export const wiseRouter = router({
  feeds: router({
    list: authedProcedure.query(({ ctx }) => ctx.services.wise.subscriptions.list(ctx.user.id)),
    subscribe: authedProcedure.input(Inputs.subscribe).mutation(({ ctx, input }) => ctx.services.wise.subscriptions.subscribe(ctx.user.id, input)),
    update: authedProcedure.input(Inputs.updateFeed).mutation(({ ctx, input }) => ctx.services.wise.subscriptions.update(ctx.user.id, input)),
    unsubscribe: authedProcedure.input(Inputs.feedId).mutation(({ ctx, input }) => ctx.services.wise.subscriptions.unsubscribe(ctx.user.id, input.feedId)),
    refresh: authedProcedure.input(Inputs.refresh).mutation(({ ctx, input }) => ctx.services.wise.subscriptions.refresh(ctx.user.id, input)),
  }),
  folders: router({
    create: authedProcedure.input(Inputs.folderName).mutation(({ ctx, input }) => ctx.services.wise.subscriptions.createFolder(ctx.user.id, input.name)),
    rename: authedProcedure.input(Inputs.renameFolder).mutation(({ ctx, input }) => ctx.services.wise.subscriptions.renameFolder(ctx.user.id, input.folderId, input.name)),
    delete: authedProcedure.input(Inputs.folderId).mutation(({ ctx, input }) => ctx.services.wise.subscriptions.deleteFolder(ctx.user.id, input.folderId)),
  }),
  opml: router({
    import: authedProcedure.input(Inputs.importOpml).mutation(({ ctx, input }) => ctx.services.wise.subscriptions.importOpml(ctx.user.id, input)),
    export: authedProcedure.query(({ ctx }) => ctx.services.wise.subscriptions.exportOpml(ctx.user.id)),
  }),
  entries: router({
    list: authedProcedure.input(Inputs.listEntries).query(({ ctx, input }) => ctx.services.wise.entries.list(ctx.user.id, input)),
    get: authedProcedure.input(Inputs.entryId).query(({ ctx, input }) => ctx.services.wise.entries.get(ctx.user.id, input.id)),
    mark: authedProcedure.input(Inputs.mark).mutation(({ ctx, input }) => ctx.services.wise.entries.mark(ctx.user.id, input)),
    markAllRead: authedProcedure.input(Inputs.markAllRead).mutation(({ ctx, input }) => ctx.services.wise.entries.markAllRead(ctx.user.id, input)),
    progress: authedProcedure.input(Inputs.progress).mutation(({ ctx, input }) => ctx.services.wise.entries.progress(ctx.user.id, input)),
    tags: authedProcedure.input(Inputs.tags).mutation(({ ctx, input }) => ctx.services.wise.entries.tags(ctx.user.id, input)),
    note: authedProcedure.input(Inputs.note).mutation(({ ctx, input }) => ctx.services.wise.entries.note(ctx.user.id, input)),
  }),
  tags: router({
    list: authedProcedure.query(({ ctx }) => ctx.services.wise.entries.tagList(ctx.user.id)),
  }),
  highlights: router({
    add: authedProcedure.input(Inputs.addHighlight).mutation(({ ctx, input }) => ctx.services.wise.entries.addHighlight(ctx.user.id, input)),
    update: authedProcedure.input(Inputs.updateHighlight).mutation(({ ctx, input }) => ctx.services.wise.entries.updateHighlight(ctx.user.id, input)),
    remove: authedProcedure.input(Inputs.highlightId).mutation(({ ctx, input }) => ctx.services.wise.entries.removeHighlight(ctx.user.id, input.id)),
  }),
  library: router({
    save: authedProcedure.input(Inputs.saveUrl).mutation(({ ctx, input }) => ctx.services.wise.library.save(ctx.user.id, input)),
    remove: authedProcedure.input(Inputs.entryId).mutation(({ ctx, input }) => ctx.services.wise.library.remove(ctx.user.id, input.id)),
  }),
  search: router({
    query: authedProcedure.input(Inputs.search).query(({ ctx, input }) => ctx.services.wise.search.query(ctx.user.id, input.q, input.limit)),
  }),
  recommend: router({
    forYou: authedProcedure.input(Inputs.forYou).query(({ ctx, input }) => ctx.services.wise.search.forYou(ctx.user.id, input?.limit ?? 30)),
  }),
});
