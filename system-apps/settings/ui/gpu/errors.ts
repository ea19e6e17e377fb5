// A GPU change's refusal as a sentence in the user's language: VRAM over what is free names the amount left (from the error's details); the rest as the SDK words them.
import type { Composer } from 'vue-i18n';
import { errorData, errorMessage } from '../../../../frontend/sdk';
import { formatVram } from './format';

export function describeGpuError(err: unknown, t: Composer['t'], te: Composer['te'], locale: string): string {
  const data = errorData(err) as { reason?: string; details?: { freeBytes?: unknown } } | undefined;
  const free = data?.details?.freeBytes;
  if (data?.reason === 'gpu.memoryOvercommitted' && typeof free === 'number') return t('settings.gpu.overFree', { amount: formatVram(free, locale) });
  return errorMessage(err, t, te);
}
