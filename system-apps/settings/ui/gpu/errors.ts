// A GPU change's refusal as a sentence in the user's language: VRAM over what is free names the amount left (from the error's details); the rest as the SDK words them.
import type { Composer } from 'vue-i18n';
import { errorData, errorMessage } from '../../../../frontend/sdk';
import { overFree } from './refusal';

export function describeGpuError(err: unknown, t: Composer['t'], te: Composer['te'], locale: string): string {
  return overFree(errorData(err), t, locale) ?? errorMessage(err, t, te);
}
