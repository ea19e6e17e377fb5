// The `vault` tRPC router: thin, every procedure for a signed-in, unlocked caller acting as themselves; the service decides the rest.
import { authedProcedure, router } from '../../../bff/trpc/init';
import { Inputs } from '../shared/wire';

export const vaultRouter = router({
  account: router({
    get: authedProcedure.query(({ ctx }) => ctx.services.vault.account(ctx.user.id)),
    setup: authedProcedure.input(Inputs.setup).mutation(({ ctx, input }) => ctx.services.vault.setup(ctx.user.id, input)),
    changePassword: authedProcedure.input(Inputs.changePassword).mutation(({ ctx, input }) => ctx.services.vault.changePassword(ctx.user.id, input)),
    verify: authedProcedure.input(Inputs.verify).mutation(({ ctx, input }) => ctx.services.vault.verify(ctx.user.id, input)),
    settings: authedProcedure.input(Inputs.settings).mutation(({ ctx, input }) => ctx.services.vault.settings(ctx.user.id, input)),
  }),
  vaults: router({
    list: authedProcedure.query(({ ctx }) => ctx.services.vault.listVaults(ctx.user.id)),
    create: authedProcedure.input(Inputs.createVault).mutation(({ ctx, input }) => ctx.services.vault.createVault(ctx.user.id, input)),
    rename: authedProcedure.input(Inputs.renameVault).mutation(({ ctx, input }) => ctx.services.vault.renameVault(ctx.user.id, input)),
    delete: authedProcedure.input(Inputs.vaultId).mutation(({ ctx, input }) => ctx.services.vault.deleteVault(ctx.user.id, input.vaultId)),
    rekey: authedProcedure.input(Inputs.rekey).mutation(({ ctx, input }) => ctx.services.vault.rekey(ctx.user.id, input)),
  }),
  members: router({
    list: authedProcedure.input(Inputs.vaultId).query(({ ctx, input }) => ctx.services.vault.members(ctx.user.id, input.vaultId)),
    people: authedProcedure.query(({ ctx }) => ctx.services.vault.people(ctx.user.id)),
    add: authedProcedure.input(Inputs.addMember).mutation(({ ctx, input }) => ctx.services.vault.addMember(ctx.user.id, input)),
    setRole: authedProcedure.input(Inputs.setMemberRole).mutation(({ ctx, input }) => ctx.services.vault.setMemberRole(ctx.user.id, input)),
    leave: authedProcedure.input(Inputs.vaultId).mutation(({ ctx, input }) => ctx.services.vault.leave(ctx.user.id, input.vaultId)),
  }),
  items: router({
    list: authedProcedure.input(Inputs.listItems).query(({ ctx, input }) => ctx.services.vault.items.list(ctx.user.id, input)),
    get: authedProcedure.input(Inputs.getItem).query(({ ctx, input }) => ctx.services.vault.items.get(ctx.user.id, input.id)),
    create: authedProcedure.input(Inputs.createItem).mutation(({ ctx, input }) => ctx.services.vault.items.create(ctx.user.id, input)),
    update: authedProcedure.input(Inputs.updateItem).mutation(({ ctx, input }) => ctx.services.vault.items.update(ctx.user.id, input)),
    trash: authedProcedure.input(Inputs.trashItem).mutation(({ ctx, input }) => ctx.services.vault.items.trash(ctx.user.id, input)),
    restore: authedProcedure.input(Inputs.restoreItem).mutation(({ ctx, input }) => ctx.services.vault.items.restore(ctx.user.id, input)),
    delete: authedProcedure.input(Inputs.deleteItem).mutation(({ ctx, input }) => ctx.services.vault.items.delete(ctx.user.id, input)),
    import: authedProcedure.input(Inputs.importItems).mutation(({ ctx, input }) => ctx.services.vault.items.import(ctx.user.id, input)),
  }),
  attachments: router({
    put: authedProcedure.input(Inputs.putAttachment).mutation(({ ctx, input }) => ctx.services.vault.items.putAttachment(ctx.user.id, input)),
    get: authedProcedure.input(Inputs.attachmentId).query(({ ctx, input }) => ctx.services.vault.items.getAttachment(ctx.user.id, input.id)),
    delete: authedProcedure.input(Inputs.attachmentId).mutation(({ ctx, input }) => ctx.services.vault.items.deleteAttachment(ctx.user.id, input.id)),
  }),
});
