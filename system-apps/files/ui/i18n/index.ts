// Files' strings, merged into the desktop's messages when the app's chunk first loads (they stay out of the shell's bundle).
import type { Composer } from 'vue-i18n';
import browser from './browser';
import extras from './extras';
import transfers from './transfers';
import admin from '../admin/messages';

type Tree = Record<string, unknown>;
type Part = { 'en-US': Tree; 'zh-CN': Tree };

// Transfers last: where two parts name the same string (a job's kind), the transfer panel's own wins.
const parts: Part[] = [browser, extras, admin, transfers];
let merged = false;

/** Adds `files.*` and the `errors['files.…']` sentences to both locales, once. */
export function mergeFilesMessages(i18n: Pick<Composer, 'mergeLocaleMessage'>): void {
  if (merged) return;
  merged = true;
  for (const locale of ['en-US', 'zh-CN'] as const) {
    for (const part of parts) i18n.mergeLocaleMessage(locale, part[locale] as never);
  }
}
