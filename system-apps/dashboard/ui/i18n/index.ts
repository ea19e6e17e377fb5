// The Dashboard's strings, merged into the desktop's messages when the app's chunk first loads (they stay out of the shell's bundle).
import type { Composer } from 'vue-i18n';
import main from './main';
import usage from './usage';

type Tree = Record<string, unknown>;
type Part = { 'en-US': Tree; 'zh-CN': Tree };

export const parts: Part[] = [main, usage];
let merged = false;

/** Adds `dashboard.*` to both locales, once. */
export function mergeDashboardMessages(i18n: Pick<Composer, 'mergeLocaleMessage'>): void {
  if (merged) return;
  merged = true;
  for (const locale of ['en-US', 'zh-CN'] as const) {
    for (const part of parts) i18n.mergeLocaleMessage(locale, part[locale] as never);
  }
}
