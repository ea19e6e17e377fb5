// Any failure as a sentence for the user: Vault's own errors by their code, server refusals by their reason.
import type { Composer } from 'vue-i18n';
import { errorMessage } from '../../../../frontend/sdk';
import type { VaultError } from '../core/types';

export function describeError(err: unknown, t: Composer['t'], te: Composer['te']): string {
  if ((err as { name?: string } | null)?.name === 'VaultError') {
    const e = err as VaultError;
    if (e.code === 'badImport') return e.message;
    return t(`vault.errors.${e.code}`);
  }
  return errorMessage(err, t, te);
}
