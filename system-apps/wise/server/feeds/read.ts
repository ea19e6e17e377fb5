// Reads the feed at a URL the way the refresher and subscribe need it: fetch, decode, parse, and when the URL is a web page, follow the feed it names (once).
import { decodeBody } from './charset';
import { discoverFeeds } from './discover';
import { fetchUrl } from './fetch';
import { parseFeed } from './parse';
import { FeedError, type FetchOptions, type ProxyImage, type ReadFeedResult } from './types';

/** The guesses tried when a page names no feed (each one a request, so only a few). */
const MAX_GUESSES = 4;

function looksLikeHtml(contentType: string | null, text: string): boolean {
  if (contentType && /^\s*(?:text\/html|application\/xhtml\+xml)/i.test(contentType)) {
    // Some servers send feeds as text/html: trust the body when it starts like a feed.
    return !/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]/i.test(text);
  }
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>])/i.test(text);
}

/**
 * Fetches and parses the feed at `url`. When the answer is an HTML page, the first feed it links to is read
 * instead (`feedUrl` says which); a page that names none has its site's common feed paths tried. With validators
 * in `opts` a 304 returns `feed: null`. Throws FeedError.
 */
export async function readFeedAt(url: string, opts: FetchOptions & { proxyImage: ProxyImage }): Promise<ReadFeedResult> {
  const { proxyImage, ...fetchOpts } = opts;
  const first = await fetchUrl(url, fetchOpts);
  if (first.status === 'notModified') return { feedUrl: first.permanentUrl ?? url, feed: null, fetch: first };
  const text = decodeBody(first.body, first.contentType);
  if (!looksLikeHtml(first.contentType, text)) {
    return { feedUrl: first.permanentUrl ?? url, feed: parseFeed(text, first.finalUrl, { proxyImage }), fetch: first };
  }

  // A page: its validators say nothing about the feed.
  const pageOpts: FetchOptions = { ...fetchOpts, etag: null, lastModified: null };
  const candidates = discoverFeeds(text, first.finalUrl);
  const named = candidates.filter((c) => !c.guess);
  if (named.length) {
    const target = named[0]!.url;
    const found = await fetchUrl(target, pageOpts);
    if (found.status === 'notModified') throw new FeedError('notAFeed', 'The feed this page names did not answer with a feed.');
    const feedText = decodeBody(found.body, found.contentType);
    if (looksLikeHtml(found.contentType, feedText)) throw new FeedError('notAFeed', 'The feed this page names is itself a web page.');
    return { feedUrl: found.permanentUrl ?? target, feed: parseFeed(feedText, found.finalUrl, { proxyImage }), fetch: found };
  }
  for (const guess of candidates.slice(0, MAX_GUESSES)) {
    if (guess.url === first.finalUrl) continue;
    try {
      const found = await fetchUrl(guess.url, pageOpts);
      if (found.status !== 'ok') continue;
      const feedText = decodeBody(found.body, found.contentType);
      if (looksLikeHtml(found.contentType, feedText)) continue;
      return { feedUrl: found.permanentUrl ?? guess.url, feed: parseFeed(feedText, found.finalUrl, { proxyImage }), fetch: found };
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      if (err instanceof FeedError && (err.kind === 'blocked' || err.kind === 'timeout')) break;
    }
  }
  throw new FeedError('notAFeed', 'This web page links to no feed.');
}
