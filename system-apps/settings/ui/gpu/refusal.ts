// The one refusal the page words itself: a VRAM amount over what the card has free, with the amount left (the server's `details.freeBytes`).
import type { Composer } from 'vue-i18n';
import { formatVram } from './format';

/** The sentence for `gpu.memoryOvercommitted` carrying `details.freeBytes`; null for any other error data. */
export function overFree(data: unknown, t: Composer['t'], locale: string): string | null {
  const d = data as { reason?: string; details?: { freeBytes?: unknown } } | undefined;
  const free = d?.details?.freeBytes;
  return d?.reason === 'gpu.memoryOvercommitted' && typeof free === 'number' ? t('settings.gpu.overFree', { amount: formatVram(free, locale) }) : null;
}
