// The feed engine's contract: what fetching, parsing, sanitising and extracting return, used by the refresher, the library and `npm run feeds:check`.

/** One entry of a feed, normalised across RSS 0.9x/1.0 (RDF)/2.0, Atom and JSON Feed. */
export interface ParsedEntry {
  /** The feed's id for the entry (guid, atom:id, JSON Feed id); null when it gives none (dedupe falls back to the link, then to title+date). */
  guid: string | null;
  /** Absolute URL (relative ones resolved against xml:base, the feed's link or its URL). */
  link: string | null;
  title: string;
  author: string | null;
  /** ms since epoch; null when the feed gives no date or an unreadable one. */
  publishedAt: number | null;
  /** Sanitised HTML of the fullest body the feed carries (content:encoded, atom:content, content_html…), images proxied. */
  html: string;
  /** Plain text of the body (for search, summaries and recommendations). */
  text: string;
  /** First image worth showing as a thumbnail (absolute, not proxied), if any. */
  imageUrl: string | null;
  /** Podcast or media enclosure. */
  enclosure: { url: string; type: string | null; length: number | null } | null;
}

export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  title: string;
  /** The site's home page. */
  siteUrl: string | null;
  description: string | null;
  iconUrl: string | null;
  entries: ParsedEntry[];
}

/** Why a feed could not be read: shown on that feed in the UI and by feeds:check. */
export type FeedErrorKind =
  | 'network' // DNS, refused, reset
  | 'timeout'
  | 'tooLarge'
  | 'http' // a 4xx/5xx status (status in the message)
  | 'blocked' // a private address while private networks are not allowed
  | 'notAFeed' // HTML without a feed link, or unparseable XML/JSON
  | 'tooManyRedirects';

export class FeedError extends Error {
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    readonly status?: number,
    /** From a 429/503 answer's Retry-After: how long the server asks us to wait (the refresher's backoff honours it). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

export interface FetchOptions {
  /** Validators from the last successful fetch, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number; // default 15 s
  maxBytes?: number; // default 10 MiB
  maxRedirects?: number; // default 5
  allowPrivateNetwork?: boolean;
  userAgent?: string;
  /** The Accept header (default: feeds first, then HTML). */
  accept?: string;
  /** Cancels the fetch (shutdown); reported as the abort, not as a FeedError. */
  signal?: AbortSignal;
}

export type FetchResult =
  | { status: 'notModified'; finalUrl: string; /** As on 'ok': set when the URL redirected permanently. */ permanentUrl?: string | null }
  | {
      status: 'ok';
      finalUrl: string;
      /** Set when the URL answered permanently with a redirect (the subscription should move). */
      permanentUrl: string | null;
      contentType: string | null;
      body: Uint8Array;
      etag: string | null;
      lastModified: string | null;
    };

/** A readable article extracted from a web page (Readability), sanitised, images proxied. */
export interface ExtractedArticle {
  title: string;
  byline: string | null;
  siteName: string | null;
  publishedAt: number | null;
  html: string;
  text: string;
  excerpt: string | null;
  imageUrl: string | null;
  lang: string | null;
}

/**
 * The engine (system-apps/wise/server/feeds/index.ts exports these):
 *   fetchUrl(url: string, opts: FetchOptions): Promise<FetchResult>                       — throws FeedError
 *   decodeBody(body: Uint8Array, contentType: string | null): string                       — BOM, HTTP charset, XML prolog, <meta charset>; GBK, Big5, Latin-1, Windows-1252…
 *   parseFeed(text: string, feedUrl: string, opts: { proxyImage(url: string): string }): ParsedFeed   — throws FeedError('notAFeed')
 *   discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[]   — the page's own links first, then guesses (guess: true) when it names none
 *   sanitizeHtml(html: string, baseUrl: string, opts: { proxyImage(url: string): string }): { html: string; text: string; firstImage: string | null }
 *   extractArticle(html: string, pageUrl: string, opts: { proxyImage(url: string): string }): ExtractedArticle  — throws FeedError('notAFeed') when nothing readable
 *   readFeedAt(url: string, opts: FetchOptions & { proxyImage(url: string): string }): Promise<ReadFeedResult>
 *       — fetch, decode, and when the answer is an HTML page, follow its first discovered feed link (once);
 *         feed is null (and fetch.status 'notModified') when the validators matched.
 */
/** What readFeedAt returns: a parsed feed, or nothing new when the validators matched (304). */
export type ReadFeedResult =
  | { feedUrl: string; feed: ParsedFeed; fetch: Extract<FetchResult, { status: 'ok' }> }
  | { feedUrl: string; feed: null; fetch: Extract<FetchResult, { status: 'notModified' }> };

/** A feed link found on a web page; `guess` marks a common path (/feed, /rss.xml…) the page did not name. */
export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: string;
  guess?: boolean;
}

export type ProxyImage = (url: string) => string;
