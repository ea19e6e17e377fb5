// Procedures for the caller's two-step sign-in (TOTP) and recovery codes.
import { authedProcedure, router } from '../trpc/init';
import { codeInput, passwordInput } from './schemas';

export const securityRouter = router({
  overview: authedProcedure.query(({ ctx }) => ctx.services.security.overview(ctx.user.id)),

  beginTotp: authedProcedure.mutation(({ ctx }) => ctx.services.security.beginTotp(ctx.authState)),

  confirmTotp: authedProcedure.input(codeInput).mutation(async ({ ctx, input }) => {
    const { recoveryCodes, issued } = await ctx.services.security.confirmTotp(ctx.authState, input.code, ctx.client);
    ctx.cookies.setSession(issued.token, issued.session.expiresAt);
    return { recoveryCodes };
  }),

  disableTotp: authedProcedure.input(passwordInput).mutation(async ({ ctx, input }) => {
    await ctx.services.security.disableTotp(ctx.authState, input.password);
    return { ok: true };
  }),

  regenerateRecoveryCodes: authedProcedure.input(passwordInput).mutation(async ({ ctx, input }) => ({
    recoveryCodes: await ctx.services.security.regenerateRecoveryCodes(ctx.authState, input.password),
  })),
});
