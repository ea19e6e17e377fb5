// Copy buttons: copy a value, say so in a toast, and clear the clipboard 30 s later (one guard per page, cleared at lock).
import { useQuasar } from 'quasar';
import { useI18n } from '../../../frontend/sdk';
import { browserClipboard, CLEAR_AFTER_MS, createClipboardGuard } from './lib/clipboard';

const guard = createClipboardGuard(browserClipboard);

/** Clears the clipboard now if it still holds something Vault copied (at lock). */
export function clearCopied(): void {
  if (guard.pending()) void guard.clear();
}

export function useCopy() {
  const $q = useQuasar();
  const { t } = useI18n();
  return async function copy(value: string, what: string): Promise<void> {
    if (await guard.copy(value)) {
      $q.notify({ message: t('vault.copy.done', { what, s: CLEAR_AFTER_MS / 1000 }), timeout: 2500, attrs: { 'data-testid': 'vault-copied' } });
    } else {
      $q.notify({ type: 'warning', message: t('vault.copy.failed') });
    }
  };
}
