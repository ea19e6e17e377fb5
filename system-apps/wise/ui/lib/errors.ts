// Any failure as a sentence in the user's language: upload refusals and server reasons (`wise.feed.notAFeed`…) by their key, the rest as the SDK words them.
import type { Composer } from 'vue-i18n';
import { errorMessage } from '../../../../frontend/sdk';

export function describeError(err: unknown, t: Composer['t'], te: Composer['te']): string {
  if ((err as { name?: string } | null)?.name === 'UploadError') {
    const e = err as { reason: string; message: string };
    const key = `errors['${e.reason}']`;
    return te(key) ? t(key) : e.message;
  }
  return errorMessage(err, t, te);
}
