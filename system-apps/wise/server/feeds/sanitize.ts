// Makes a feed's or page's HTML safe to show in the reader: DOMPurify on the shared jsdom window, absolute links, tracking pixels dropped, images through the BFF's proxy.
import createDOMPurify, { type Config } from 'dompurify';
import { domWindow, htmlToPlainText } from './dom';
import type { ProxyImage } from './types';

export interface SanitizedHtml {
  html: string;
  text: string;
  firstImage: string | null;
}

const CONFIG: Config & { IN_PLACE: true } = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'input', 'button', 'select', 'option', 'textarea', 'link', 'meta', 'base', 'noscript', 'template', 'dialog'],
  // Page styling and ids would collide with the reader's own; data-* carry nothing a reader needs.
  FORBID_ATTR: ['style', 'class', 'id', 'name', 'srcdoc', 'formaction', 'action', 'ping', 'background'],
  ALLOW_DATA_ATTR: false,
  // Lazy-loading pages keep the real image here; rewriteImage moves it to src.
  ADD_ATTR: ['data-src', 'data-srcset'],
  // Sanitises the parsed element where it is: no new document per call (jsdom documents are slow to create).
  IN_PLACE: true,
};

let purifier: ReturnType<typeof createDOMPurify> | null = null;
/** DOMPurify on the shared window, configured once (parsing the config on every call costs more than small bodies do). */
function purify(): ReturnType<typeof createDOMPurify> {
  if (!purifier) {
    purifier = createDOMPurify(domWindow() as unknown as Parameters<typeof createDOMPurify>[0]);
    purifier.setConfig(CONFIG);
  }
  return purifier;
}

/**
 * A document to parse into, replaced every few calls: jsdom keeps each NodeIterator DOMPurify creates in its document
 * until garbage collection and walks all of them on every node removal, which makes one long-lived document slow.
 */
let scratch: Document | null = null;
let scratchUses = 0;
function scratchDocument(): Document {
  if (!scratch || ++scratchUses > 20) {
    scratch = domWindow().document.implementation.createHTMLDocument('');
    scratchUses = 0;
  }
  return scratch;
}

/** Hosts and paths that only count readers (feed analytics, ad servers, "flare" share buttons). */
const TRACKERS: RegExp[] = [
  /^https?:\/\/feeds\.feedburner\.com\/~(?:r|ff|a)\//i,
  /^https?:\/\/feedproxy\.google\.com\/~(?:r|ff|a)\//i,
  /^https?:\/\/[^/]*\/~r\/[^?#]*\/~4\//i,
  /^https?:\/\/pixel\.wp\.com\//i,
  /^https?:\/\/stats\.wordpress\.com\//i,
  /^https?:\/\/feeds\.wordpress\.com\/[\d.]+\/(?:comments|delicious|facebook|twitter|stumble|digg|reddit|email|print|share)/i,
  /^https?:\/\/(?:www\.)?google-analytics\.com\//i,
  /^https?:\/\/[^/]*doubleclick\.net\//i,
  /^https?:\/\/pixel\.quantserve\.com\//i,
  /^https?:\/\/sb\.scorecardresearch\.com\//i,
  /^https?:\/\/[^/]*feedsportal\.com\//i,
  /^https?:\/\/(?:www\.)?facebook\.com\/tr[/?]/i,
  /^https?:\/\/medium\.com\/_\/stat\b/i,
  /^https?:\/\/[^/]*\.list-manage\.com\/track\//i,
  /^https?:\/\/(?:[^/]*\.)?pixel\.[^/]+\//i,
  /^https?:\/\/[^/]+\/(?:[^?#]*\/)?(?:pixel|beacon|tracker|spacer|blank)\.(?:gif|png)(?:[?#]|$)/i,
];

export function isTrackerUrl(url: string): boolean {
  return TRACKERS.some((re) => re.test(url));
}

const BLOCK_TAGS = new Set(['P', 'DIV', 'BR', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TR', 'TD', 'TH', 'TABLE', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'SECTION', 'ARTICLE', 'HR', 'DT', 'DD', 'HEADER', 'FOOTER', 'ASIDE']);

/** Text of a fragment with blocks kept apart ("<p>a</p><p>b</p>" → "a b"), whitespace collapsed. */
function textOf(root: Node): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) parts.push(child.nodeValue ?? '');
      else if (child.nodeType === 1) {
        const block = BLOCK_TAGS.has((child as Element).tagName);
        if (block) parts.push(' ');
        walk(child);
        if (block) parts.push(' ');
      }
    }
  };
  walk(root);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function absolute(value: string | null, base: string): URL | null {
  if (!value) return null;
  try {
    return new URL(value.trim(), base);
  } catch {
    return null;
  }
}

const isWeb = (u: URL | null): boolean => !!u && (u.protocol === 'http:' || u.protocol === 'https:');

function tiny(el: Element): boolean {
  const w = el.getAttribute('width');
  const h = el.getAttribute('height');
  const small = (v: string | null) => v !== null && /^\s*[01](?:\.0*)?\s*(?:px)?\s*$/.test(v);
  return (small(w) && small(h)) || (small(w) && h === null) || (small(h) && w === null);
}

/** "a.jpg 1x, b.jpg 2x" with each URL made absolute and proxied; candidates that are not web URLs dropped. */
function rewriteSrcset(srcset: string, base: string, proxyImage: ProxyImage): string {
  return srcset
    .split(/,\s+/)
    .map((candidate) => {
      const [src, ...descriptor] = candidate.trim().split(/\s+/);
      const url = absolute(src ?? null, base);
      return url && isWeb(url) && !isTrackerUrl(url.href) ? [proxyImage(url.href), ...descriptor].join(' ') : null;
    })
    .filter((c): c is string => !!c)
    .join(', ');
}

function rewriteImage(img: Element, base: string, proxyImage: ProxyImage): string | null {
  const lazy = img.getAttribute('data-src');
  const lazySet = img.getAttribute('data-srcset');
  img.removeAttribute('data-src');
  img.removeAttribute('data-srcset');
  if (lazySet) img.setAttribute('srcset', lazySet);
  const raw = lazy || img.getAttribute('src');
  const url = absolute(raw, base);
  if (tiny(img) || (url && isTrackerUrl(url.href))) {
    img.remove();
    return null;
  }
  const srcset = img.getAttribute('srcset');
  if (srcset) {
    const rewritten = rewriteSrcset(srcset, base, proxyImage);
    if (rewritten) img.setAttribute('srcset', rewritten);
    else img.removeAttribute('srcset');
  }
  if (url && isWeb(url)) {
    img.setAttribute('src', proxyImage(url.href));
  } else if (!url || !/^data:image\/(?:png|jpe?g|gif|webp|avif)[;,]/i.test(url.href)) {
    if (!img.getAttribute('srcset')) {
      img.remove();
      return null;
    }
    img.removeAttribute('src');
  }
  img.setAttribute('loading', 'lazy');
  img.setAttribute('decoding', 'async');
  img.setAttribute('referrerpolicy', 'no-referrer');
  return url && isWeb(url) ? url.href : null;
}

/**
 * Markup that is safe exactly as written: text, character references and a few attribute-less formatting tags.
 * Such bodies (most of a big podcast's) skip the DOM entirely.
 */
const SIMPLE_TAG = /<\/?(?:p|b|i|u|em|strong|br|hr|ul|ol|li|blockquote|h[1-6]|code|pre|sub|sup|small|s|del|ins|mark|q|dl|dt|dd|span|div)\s*\/?>/gi;
const CHARACTER_REFERENCE = /&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;
const isSimpleMarkup = (html: string) => !/[<&]/.test(html.replace(SIMPLE_TAG, '').replace(CHARACTER_REFERENCE, ''));
const SIMPLE_BLOCK = /<\/?(?:p|br|hr|ul|ol|li|blockquote|h[1-6]|pre|dl|dt|dd|div)\s*\/?>/gi;

function simpleMarkup(html: string): SanitizedHtml {
  return { html: html.trim(), text: htmlToPlainText(html.replace(SIMPLE_BLOCK, ' ')), firstImage: null };
}

/** Cheap path for a body that is plain text: escape it and keep its paragraphs. */
function plainText(text: string): SanitizedHtml {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const paragraphs = escaped.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return {
    html: paragraphs.map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`).join(''),
    text: text.replace(/\s+/g, ' ').trim(),
    firstImage: null,
  };
}

/**
 * Sanitised HTML, its text and first image. No scripts, styles, frames, forms, event handlers or javascript: URLs;
 * links absolute and opening in a new tab without an opener or referrer; tracking pixels and share-button
 * trackers removed; images (src and srcset) absolute and routed through `proxyImage`. `firstImage` is the
 * original absolute URL (not proxied) of the first image kept.
 */
export function sanitizeHtml(html: string, baseUrl: string, opts: { proxyImage: ProxyImage }): SanitizedHtml {
  if (!html) return { html: '', text: '', firstImage: null };
  if (!/[<&]/.test(html)) return plainText(html);
  if (isSimpleMarkup(html)) return simpleMarkup(html);
  const fragment = scratchDocument().createElement('div');
  fragment.innerHTML = html;
  purify().sanitize(fragment);

  // Share buttons wrapped in tracker links go with their images.
  for (const a of Array.from(fragment.querySelectorAll('a[href]'))) {
    const url = absolute(a.getAttribute('href'), baseUrl);
    if (url && isTrackerUrl(url.href)) {
      a.remove();
      continue;
    }
    if (url && (isWeb(url) || url.protocol === 'mailto:')) {
      a.setAttribute('href', url.href);
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
    } else {
      a.removeAttribute('href');
    }
  }

  let firstImage: string | null = null;
  for (const img of Array.from(fragment.querySelectorAll('img'))) {
    const kept = rewriteImage(img, baseUrl, opts.proxyImage);
    firstImage ??= kept;
  }
  for (const source of Array.from(fragment.querySelectorAll('source'))) {
    const srcset = source.getAttribute('srcset');
    if (srcset) source.setAttribute('srcset', rewriteSrcset(srcset, baseUrl, opts.proxyImage));
    const src = absolute(source.getAttribute('src'), baseUrl);
    const inPicture = source.parentElement?.tagName === 'PICTURE';
    if (src && isWeb(src)) source.setAttribute('src', inPicture ? opts.proxyImage(src.href) : src.href);
    else source.removeAttribute('src');
  }
  for (const media of Array.from(fragment.querySelectorAll('audio, video'))) {
    const src = absolute(media.getAttribute('src'), baseUrl);
    if (src && isWeb(src)) media.setAttribute('src', src.href);
    else media.removeAttribute('src');
    const poster = absolute(media.getAttribute('poster'), baseUrl);
    if (poster && isWeb(poster)) media.setAttribute('poster', opts.proxyImage(poster.href));
    else media.removeAttribute('poster');
    media.setAttribute('preload', 'none');
    media.setAttribute('controls', '');
    media.removeAttribute('autoplay');
  }
  for (const el of Array.from(fragment.querySelectorAll('[cite], [longdesc]'))) {
    for (const attr of ['cite', 'longdesc']) {
      const url = absolute(el.getAttribute(attr), baseUrl);
      if (el.hasAttribute(attr)) {
        if (url && isWeb(url)) el.setAttribute(attr, url.href);
        else el.removeAttribute(attr);
      }
    }
  }

  return { html: fragment.innerHTML.trim(), text: textOf(fragment), firstImage };
}
