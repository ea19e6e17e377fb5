// Finds the feeds a web page names in <link rel="alternate">, with common paths (/feed, /rss.xml…) as marked guesses when it names none.
import { parseHtmlDocument } from './dom';
import type { DiscoveredFeed } from './types';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/rdf+xml', 'application/x.atom+xml', 'application/x-atom+xml', 'text/xml', 'application/xml']);

/** Paths where blogs and CMSs usually serve their feed, tried by readFeedAt only when the page names none. */
const GUESSES: { path: string; type: string }[] = [
  { path: '/feed', type: 'application/rss+xml' },
  { path: '/rss.xml', type: 'application/rss+xml' },
  { path: '/atom.xml', type: 'application/atom+xml' },
  { path: '/feed.xml', type: 'application/rss+xml' },
  { path: '/index.xml', type: 'application/rss+xml' },
  { path: '/feed.json', type: 'application/feed+json' },
];

/** Guessed feed URLs for a page's site (marked `guess: true`). */
export function guessFeeds(pageUrl: string): DiscoveredFeed[] {
  let origin: string;
  try {
    origin = new URL(pageUrl).origin;
  } catch {
    return [];
  }
  return GUESSES.map((g) => ({ url: `${origin}${g.path}`, title: null, type: g.type, guess: true }));
}

/**
 * The feeds a page links to (absolute URLs, in page order, no duplicates, comment feeds last), or when it names
 * none, the guesses. An `application/json` link counts only when its title or URL says it is a feed.
 */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const doc = parseHtmlDocument(html);
  let base = pageUrl;
  const baseHref = doc.querySelector('base[href]')?.getAttribute('href');
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      /* a broken <base> is ignored, as browsers do */
    }
  }
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const link of Array.from(doc.querySelectorAll('link[rel][href]'))) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rels.includes('alternate') && !rels.includes('feed')) continue;
    const type = (link.getAttribute('type') ?? '').split(';')[0]!.trim().toLowerCase();
    const href = link.getAttribute('href') ?? '';
    const title = link.getAttribute('title')?.replace(/\s+/g, ' ').trim() || null;
    if (!FEED_TYPES.has(type) && !(rels.includes('feed') && !type)) continue;
    if ((type === 'application/json' || type === 'text/xml' || type === 'application/xml') && !/feed|rss|atom/i.test(`${title ?? ''} ${href}`)) continue;
    let url: string;
    try {
      const abs = new URL(href.trim(), base);
      if (abs.protocol !== 'http:' && abs.protocol !== 'https:') continue;
      url = abs.href;
    } catch {
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    found.push({ url, title, type: type || 'application/rss+xml' });
  }
  if (!found.length) return guessFeeds(pageUrl);
  // A site's main feed before its comment feeds.
  const comments = (f: DiscoveredFeed) => /comment/i.test(`${f.title ?? ''} ${f.url}`);
  return [...found.filter((f) => !comments(f)), ...found.filter(comments)];
}
