// Turns any error from a tRPC call into a sentence in the user's language.
import { TRPCClientError } from '@trpc/client';
import type { Composer } from 'vue-i18n';

interface ErrorData {
  reason?: string;
  code?: string;
  fields?: Record<string, string>;
}

export function errorData(err: unknown): ErrorData | undefined {
  return err instanceof TRPCClientError ? (err.data as ErrorData | undefined) : undefined;
}

export function errorReason(err: unknown): string | undefined {
  return errorData(err)?.reason;
}

export function errorMessage(err: unknown, t: Composer['t'], te: Composer['te']): string {
  if (err instanceof TRPCClientError) {
    const data = err.data as ErrorData | undefined;
    // Reasons contain dots (`auth.wrongCredentials`): look them up as one key, not a path.
    const key = data?.reason ? `errors['${data.reason}']` : '';
    if (key && data?.reason !== 'input.invalid' && te(key)) return t(key);
    // Input errors name their field; the server's sentence is the most precise one available.
    if (data) return err.message;
    return t('errors.network');
  }
  return t('errors.unknown');
}
