// Settings' strings, merged into the desktop's messages when the app's chunk first loads (they stay out of the shell's bundle).
import type { Composer } from 'vue-i18n';
import gpu from './gpu';
import main from './main';

type Tree = Record<string, unknown>;
type Part = { 'en-US': Tree; 'zh-CN': Tree };

export const parts: Part[] = [main, gpu];
let merged = false;

/** Adds `settings.*` and the `errors['gpu.…']` sentences to both locales, once. */
export function mergeSettingsMessages(i18n: Pick<Composer, 'mergeLocaleMessage'>): void {
  if (merged) return;
  merged = true;
  for (const locale of ['en-US', 'zh-CN'] as const) {
    for (const part of parts) i18n.mergeLocaleMessage(locale, part[locale] as never);
  }
}
