// One jsdom window for the whole engine (creating a window is slow; parsing into it is not): DOMPurify, page parsing and entity decoding share it.
import { JSDOM } from 'jsdom';

type Window = JSDOM['window'];
let shared: Window | null = null;

/** The shared window (scripts never run in it; it has no URL of its own). */
export function domWindow(): Window {
  if (!shared) shared = new JSDOM('<!doctype html><html><head></head><body></body></html>').window;
  return shared;
}

/** Parses an HTML page into a fresh document of the shared window (no scripts run, nothing is fetched). */
export function parseHtmlDocument(html: string): Document {
  return new (domWindow().DOMParser)().parseFromString(html, 'text/html');
}

const SIMPLE_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
}

const namedCache = new Map<string, string>();
/** A named HTML entity (`&eacute;`) decoded by the HTML parser; unknown names stay as written. */
function namedEntity(name: string): string {
  let decoded = namedCache.get(name);
  if (decoded === undefined) {
    const el = domWindow().document.createElement('textarea');
    el.innerHTML = `&${name};`;
    decoded = el.value;
    if (namedCache.size < 2000) namedCache.set(name, decoded);
  }
  return decoded;
}

/**
 * A title or name that may carry HTML (entities, `<sup>`, `<b>`) as plain text: tags dropped, entities decoded,
 * whitespace collapsed. Common entities are decoded here; rarer named ones go through the HTML parser.
 */
export function htmlToPlainText(value: string): string {
  let s = value;
  if (/<\/?[a-zA-Z][^>]*>/.test(s)) s = s.replace(/<!--[\s\S]*?-->/g, '').replace(/<\/?[a-zA-Z][^>]*>/g, '');
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z][a-zA-Z0-9]*);/g, (_whole, name: string) => {
      if (name[0] === '#') return codePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
      return SIMPLE_ENTITIES[name] ?? namedEntity(name);
    });
  }
  return s.replace(/\s+/g, ' ').trim();
}
