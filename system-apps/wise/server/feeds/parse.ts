// Parses a feed's text (RSS 0.9x/2.0, RDF, Atom 0.3/1.0, JSON Feed) into Wise's ParsedFeed: lenient with broken XML, links absolute, bodies sanitised, dates read.
import { parseFeed as feedsmithParse, type AnyFeed } from 'feedsmith';
import { parseFeedDate } from './dates';
import { htmlToPlainText } from './dom';
import { normalize, type RawBody, type RawEntry } from './normalize';
import { sanitizeHtml } from './sanitize';
import { FeedError, type ParsedEntry, type ParsedFeed, type ProxyImage } from './types';

// Characters XML 1.0 forbids (C0 controls but tab, newline and carriage return; lone surrogates are dropped by the decoder).
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** A bare `&` that starts no entity ("Tom & Jerry", "?a=1&b=2") written as `&amp;`. */
const BARE_AMPERSAND = /&(?!(?:[a-zA-Z][a-zA-Z0-9._-]*|#\d+|#x[0-9a-fA-F]+);)/g;

/** The fixes tried, in order, when feedsmith refuses the text as it is. */
const REPAIRS: ((text: string) => string)[] = [
  // Junk before the document (a BOM kept as text, a PHP warning, blank lines).
  (t) => t.replace(INVALID_XML_CHARS, '').replace(/^[\s\S]*?(?=<\?xml|<rss|<rdf:RDF|<feed|<RDF)/i, ''),
  (t) => t.replace(BARE_AMPERSAND, '&amp;'),
  // A body cut short (a dropped connection, a buggy generator): keep the items that are complete.
  (t) => {
    const lastItem = Math.max(t.lastIndexOf('</item>'), t.lastIndexOf('</entry>'));
    if (lastItem < 0) return t;
    const cut = t.slice(0, t.indexOf('>', lastItem) + 1);
    if (/<feed[\s>]/i.test(cut)) return `${cut}</feed>`;
    if (/<rdf:RDF[\s>]/i.test(cut)) return `${cut}</rdf:RDF>`;
    return `${cut}</channel></rss>`;
  },
];

/** JSON Feed written by hand: comments and trailing commas. */
function repairJson(text: string): unknown {
  const relaxed = text.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(relaxed);
}

function tryParse(input: unknown): AnyFeed | null {
  try {
    return feedsmithParse(input);
  } catch {
    return null;
  }
}

/** feedsmith's reading of the text, after the repairs a browser-grade reader would make; throws FeedError('notAFeed'). */
function readFormat(text: string): AnyFeed {
  const trimmed = text.replace(/^\ufeff/, '').trim();
  if (!trimmed) throw new FeedError('notAFeed', 'The answer is empty.');
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      try {
        json = repairJson(trimmed);
      } catch {
        throw new FeedError('notAFeed', 'The answer is JSON that cannot be read.');
      }
    }
    const parsed = tryParse(json);
    if (parsed) return parsed;
    throw new FeedError('notAFeed', 'The answer is JSON, but not a JSON Feed.');
  }
  let parsed = tryParse(trimmed);
  let repaired = trimmed;
  for (const repair of REPAIRS) {
    if (parsed) break;
    repaired = repair(repaired);
    parsed = tryParse(repaired);
  }
  if (parsed) return parsed;
  if (/^(?:<!doctype html|<html[\s>])/i.test(trimmed) || /<body[\s>]/i.test(trimmed.slice(0, 4096))) {
    throw new FeedError('notAFeed', 'This is a web page, not a feed.');
  }
  throw new FeedError('notAFeed', 'This is not an RSS, Atom or JSON feed, or it is too broken to read.');
}

function resolve(url: string | null | undefined, base: string): string | null {
  if (!url) return null;
  try {
    const abs = new URL(url.trim(), base);
    return abs.protocol === 'http:' || abs.protocol === 'https:' ? abs.href : null;
  } catch {
    return null;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The fullest body: the candidate with the most visible text (tags not counted). A plain-text candidate (iTunes
 * summary, JSON content_text) must be clearly longer to beat an HTML one, which keeps links and images.
 */
function fullestBody(bodies: RawBody[]): string {
  let best = '';
  let bestScore = -1;
  for (const b of bodies) {
    const visible = b.value.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim().length + (!b.text && /<img\b/i.test(b.value) ? 1 : 0);
    const score = b.text ? visible / 1.1 : visible;
    if (score <= bestScore) continue;
    bestScore = score;
    best = b.text ? `<p>${escapeHtml(b.value.trim()).replace(/\r?\n\s*\r?\n/g, '</p><p>').replace(/\r?\n/g, '<br>')}</p>` : b.value;
  }
  return best;
}

function cleanText(value: string | null, isText: boolean): string {
  if (!value) return '';
  return isText ? value.replace(INVALID_XML_CHARS, '').replace(/\s+/g, ' ').trim() : htmlToPlainText(value.replace(INVALID_XML_CHARS, ''));
}

function entryOf(raw: RawEntry, feedBase: string, proxyImage: ProxyImage): ParsedEntry {
  const base = resolve(raw.base, feedBase) ?? feedBase;
  const body = sanitizeHtml(fullestBody(raw.bodies), base, { proxyImage });
  let title = cleanText(raw.title, raw.titleIsText);
  if (!title && body.text) title = body.text.length > 80 ? `${body.text.slice(0, 79).trimEnd()}…` : body.text;
  const enclosureUrl = raw.enclosure ? resolve(raw.enclosure.url, base) : null;
  const imageUrl =
    body.firstImage ??
    raw.images.map((u) => resolve(u, base)).find((u): u is string => !!u) ??
    (enclosureUrl && raw.enclosure?.type?.startsWith('image/') ? enclosureUrl : null);
  return {
    guid: raw.guid?.trim() || null,
    link: resolve(raw.link, base),
    title,
    author: raw.author ? cleanText(raw.author, false) || null : null,
    publishedAt: parseFeedDate(raw.date),
    html: body.html,
    text: body.text,
    imageUrl,
    enclosure: enclosureUrl && raw.enclosure ? { url: enclosureUrl, type: raw.enclosure.type, length: raw.enclosure.length } : null,
  };
}

/**
 * A feed's text as a ParsedFeed. Relative links resolve against the entry's xml:base, the feed's xml:base, the
 * feed's own link, then `feedUrl`. Throws FeedError('notAFeed') when the text is no feed even after repairs.
 */
export function parseFeed(text: string, feedUrl: string, opts: { proxyImage: ProxyImage }): ParsedFeed {
  const raw = normalize(readFormat(text));
  const feedBase0 = resolve(raw.base, feedUrl) ?? feedUrl;
  const siteUrl = resolve(raw.siteUrl, feedBase0);
  const feedBase = raw.base ? feedBase0 : (siteUrl ?? feedUrl);
  let title = cleanText(raw.title, raw.titleIsText);
  if (!title) {
    // An untitled feed is named after its site (or, read from a file, the file).
    try {
      const url = new URL(siteUrl ?? feedUrl);
      title = url.hostname || decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '') || feedUrl;
    } catch {
      title = feedUrl;
    }
  }
  const description = raw.description ? cleanText(raw.description, false) || null : null;
  return {
    format: raw.format,
    title,
    siteUrl,
    description,
    iconUrl: resolve(raw.iconUrl, feedBase),
    entries: raw.entries.map((e) => entryOf(e, feedBase, opts.proxyImage)),
  };
}
