// Wise's feed engine, in one import: fetch, decode, parse, discover, sanitise and extract (contract in ./types).
export { fetchUrl, parseRetryAfter } from './fetch';
export { decodeBody, normalizeCharset } from './charset';
export { parseFeed } from './parse';
export { parseFeedDate } from './dates';
export { discoverFeeds, guessFeeds } from './discover';
export { sanitizeHtml, isTrackerUrl, type SanitizedHtml } from './sanitize';
export { extractArticle } from './extract';
export { readFeedAt } from './read';
export * from './types';
