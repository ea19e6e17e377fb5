// Syntax highlighting with highlight.js's core and only the languages files actually need, registered on first use.
import type { HLJSApi } from 'highlight.js';
import { LOADERS, languageFor } from './languages';

let core: Promise<HLJSApi> | null = null;
const registered = new Set<string>();

/** Escapes text for HTML (the unhighlighted fallback). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** HTML of `text` highlighted for `name`'s language; escaped plain text when there is none or it is large (over 512 KB, to keep the page quick). */
export async function highlight(text: string, name: string): Promise<{ html: string; language: string | null }> {
  const lang = languageFor(name);
  if (!lang || !LOADERS[lang] || text.length > 512 * 1024) return { html: escapeHtml(text), language: null };
  core ??= import('highlight.js/lib/core').then((m) => m.default);
  const hljs = await core;
  if (!registered.has(lang)) {
    const mod = await LOADERS[lang]();
    hljs.registerLanguage(lang, mod.default);
    registered.add(lang);
  }
  return { html: hljs.highlight(text, { language: lang, ignoreIllegals: true }).value, language: lang };
}
