// What Wise's services are given rather than build: the feed engine (fetching, parsing, sanitising), the image proxy's URL maker, and the search helper's hooks.
import type { ForYouItem, SearchHit } from '../shared/wire';
import type { ExtractedArticle, FetchOptions, FetchResult, ParsedFeed, ProxyImage, ReadFeedResult } from './feeds/types';

/** The feed engine (system-apps/wise/server/feeds): injected so tests can pass a fake one. */
export interface FeedEngine {
  fetchUrl(url: string, opts: FetchOptions): Promise<FetchResult>;
  decodeBody(body: Uint8Array, contentType: string | null): string;
  parseFeed(text: string, feedUrl: string, opts: { proxyImage: ProxyImage }): ParsedFeed;
  sanitizeHtml(html: string, baseUrl: string, opts: { proxyImage: ProxyImage }): { html: string; text: string; firstImage: string | null };
  extractArticle(html: string, pageUrl: string, opts: { proxyImage: ProxyImage }): ExtractedArticle;
  readFeedAt(url: string, opts: FetchOptions & { proxyImage: ProxyImage }): Promise<ReadFeedResult>;
}

/** What a user did to an entry, for recommendations: read (weight 1), starred (3), unstarred (−3), dismissed (−2). */
export type FeedbackKind = 'read' | 'star' | 'unstar' | 'dismiss';

/** One piece of feedback on an entry. */
export interface FeedbackEvent {
  entryId: string;
  kind: FeedbackKind;
}

/** Called after entries are stored and after a user's feedback changes (search indexing, recommendation profiles); failures are logged, never fatal. */
export interface WiseHooks {
  onEntriesAdded(ids: string[]): Promise<void> | void;
  onFeedback(userId: string, entryId: string, kind: FeedbackKind): Promise<void> | void;
  /** Several pieces of feedback of one user at once, in order (a multi-select mark): the same result as one by one. */
  onFeedbackMany(userId: string, events: FeedbackEvent[]): Promise<void> | void;
}

/** Search and recommendations (system-apps/wise/server/search), called by the router's search.query and recommend.forYou. */
export interface WiseSearchApi {
  query(userId: string, q: string, limit: number): Promise<SearchHit[]>;
  forYou(userId: string, limit: number): Promise<ForYouItem[]>;
}

/** Neither searches nor recommends: what the platform uses until a search service is plugged in. */
export const NO_SEARCH: WiseSearchApi & WiseHooks = {
  query: async () => [],
  forYou: async () => [],
  onEntriesAdded: () => undefined,
  onFeedback: () => undefined,
  onFeedbackMany: () => undefined,
};
