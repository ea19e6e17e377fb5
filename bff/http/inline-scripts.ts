// The CSP sources ('sha256-…') for the inline scripts of the built index.html: the page's one inline script (public/early.js, inlined by vite.config.ts) may run and nothing else inline may.
import { createHash } from 'node:crypto';
import { readBuiltPage } from './built-page';

/** `'sha256-…'` for each classic inline <script> (no src) in the HTML, in order. */
export function inlineScriptSources(html: string): string[] {
  const sources: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attrs, body] = m;
    if (/\ssrc\s*=/i.test(attrs!) || !body!.trim()) continue;
    sources.push(`'sha256-${createHash('sha256').update(body!, 'utf8').digest('base64')}'`);
  }
  return sources;
}

/** The same for `<staticDir>/index.html`; none when there is no build (the API alone, or `npm run dev`). */
export function builtInlineScriptSources(staticDir: string): string[] {
  return inlineScriptSources(readBuiltPage(staticDir));
}
