// Wise's search and recommendations behind one class: indexing hooks for new entries and feedback, full-text search with safe highlights, and "For you".
import type pg from 'pg';
import type { EntryListItem, ForYouItem, SearchHit } from '../../shared/wire';
import { EntriesStore } from '../entries.store';
import type { ImageSigner } from '../image-proxy';
import { listItem } from '../views';
import type { FeedbackEvent, FeedbackKind, WiseHooks, WiseSearchApi } from '../wise.deps';
import { BODY_HEADLINE, hasMark, headlineHtml, probeWord, queryCjkRuns, searchText, TITLE_HEADLINE } from './highlight';
import { indexEntries } from './indexer';
import { ProfileStore } from './profile.store';
import { Recommender, type RecommendOptions } from './recommend';
import { SearchStore } from './search.store';

export interface WiseSearchDeps {
  pool: pg.Pool;
  /** Signs image URLs of the list items (the image proxy's). */
  images: ImageSigner;
  log?: { warn(obj: object, msg: string): void };
  /** The clock (tests move it). */
  now?: () => number;
  recommend?: Partial<RecommendOptions>;
}

export class WiseSearch implements WiseSearchApi, WiseHooks {
  private readonly store = new SearchStore();
  private readonly entries = new EntriesStore();
  private readonly recommender: Recommender;

  constructor(private readonly d: WiseSearchDeps) {
    this.recommender = new Recommender({ pool: d.pool, store: new ProfileStore(), now: d.now ?? Date.now }, d.recommend);
  }

  /** Indexes entries just stored or changed (a refresh's new items, a saved article, a document). */
  async onEntriesAdded(entryIds: string[]): Promise<void> {
    if (entryIds.length) await indexEntries(this.d.pool, this.store, entryIds);
  }

  /** Folds a user's read, star, unstar or dismissal of an entry into their "For you" profile. */
  async onFeedback(userId: string, entryId: string, kind: FeedbackKind): Promise<void> {
    await this.recommender.feedback(userId, entryId, kind);
  }

  /** Folds several of a user's feedback events at once (one profile update): as `onFeedback` for each, in order. */
  async onFeedbackMany(userId: string, events: FeedbackEvent[]): Promise<void> {
    await this.recommender.feedbackMany(userId, events);
  }

  /**
   * Entries the user may see (subscribed feeds, own saved articles and documents) matching a web-search style
   * query — words, "quoted phrases", or, -excluded — in the title or text; best first, title and snippet as
   * escaped HTML with the matches in <mark>. Chinese and Japanese match through bigrams (one character alone by prefix).
   */
  async query(userId: string, q: string, limit: number): Promise<SearchHit[]> {
    const text = searchText(q);
    // Nothing to find, or only words to leave out (which would match nearly everything, without the index).
    if (!/[\p{L}\p{N}]/u.test(text) || text.split(/\s+/).every((w) => w.startsWith('-'))) return [];
    const cjk = queryCjkRuns(q);
    const found = await this.store.search(this.d.pool, userId, {
      text,
      limit,
      titleOptions: TITLE_HEADLINE,
      bodyOptions: BODY_HEADLINE,
      cjkRun: cjk[0] ?? null,
      probe: probeWord(q),
    });
    return found.map((f): SearchHit => {
      // ts_headline finds words, not CJK runs inside unsegmented text: then the text around the run is the snippet.
      const snippet = cjk.length && !hasMark(f.snippetHeadline) && f.cjkWindow ? f.cjkWindow : f.snippetHeadline;
      return {
        ...listItem(f, this.d.images),
        titleHtml: headlineHtml(f.titleHeadline, cjk),
        snippetHtml: headlineHtml(snippet, cjk),
        rank: Math.round(f.rank * 1e6) / 1e6,
      };
    });
  }

  /** The user's unread entries ranked by what they read, star and dismiss, each with why. */
  async forYou(userId: string, limit: number): Promise<ForYouItem[]> {
    const ranked = await this.recommender.rank(userId, limit);
    const items = await this.items(userId, ranked.map((r) => r.id));
    return ranked.flatMap((r): ForYouItem[] => {
      const item = items.get(r.id);
      if (!item) return [];
      const reasons = r.reasons.map((x) => (x.key === 'favouriteFeed' ? { ...x, feed: item.source } : x));
      return [{ ...item, score: r.score, reasons }];
    });
  }

  private async items(userId: string, ids: string[]): Promise<Map<string, EntryListItem>> {
    const rows = await this.entries.items(this.d.pool, userId, ids);
    return new Map(rows.map((r) => [r.id, listItem(r, this.d.images)]));
  }
}
