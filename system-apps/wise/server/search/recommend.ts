// "For you": folds each read, star, unstar and dismissal into the user's profile, and ranks their unread entries by it, with the reasons why.
import type pg from 'pg';
import { withTransaction } from '../../../../bff/db/pool';
import type { ForYouItem } from '../../shared/wire';
import type { FeedbackEvent, FeedbackKind } from '../wise.deps';
import type { Candidate, ProfileStore, ScoreWeights } from './profile.store';
import { decay, DIMS, foldIn, norm, normalize } from './vectors';

const DAY_S = 86_400;

/** How much each kind of feedback counts towards the profile (and towards the stars alone). */
export const FEEDBACK_WEIGHTS: Record<FeedbackKind, { all: number; star: number }> = {
  read: { all: 1, star: 0 },
  star: { all: 3, star: 1 },
  unstar: { all: -3, star: -1 },
  dismiss: { all: -2, star: 0 },
};

export interface RecommendOptions {
  /** Signal halves over this many days. */
  halfLifeDays: number;
  /** Entries older than this many days are not recommended. */
  recentDays: number;
  /** At most this many of the newest unread entries are scored. */
  pool: number;
  /** Freshness halves over this many hours. */
  freshHalfLifeHours: number;
  /** Words kept per user. */
  keepTerms: number;
  weights: ScoreWeights;
}

export const RECOMMEND_DEFAULTS: RecommendOptions = {
  halfLifeDays: 30,
  recentDays: 14,
  pool: 3000,
  freshHalfLifeHours: 24,
  keepTerms: 400,
  weights: { sim: 0.6, starSim: 0.15, fav: 0.12, fresh: 0.13 },
};

/** Thresholds for naming a reason. */
const SHARED_TERMS_MIN_SIM = 0.05;
const SIMILAR_TO_STARRED_MIN = 0.2;
const FAVOURITE_FEED_MIN = 0.5;
/** A feed counts as a favourite only after this much weight (a star, or three reads). */
const FAVOURITE_FEED_FLOOR = 3;
const FRESH_HOURS = 24;

/** The ids to rank, with the score and reasons of each; the caller turns ids into list items. */
export interface Ranked {
  id: string;
  score: number;
  reasons: ForYouItem['reasons'];
}

export class Recommender {
  private readonly o: RecommendOptions;

  constructor(
    private readonly d: { pool: pg.Pool; store: ProfileStore; now: () => number },
    options: Partial<RecommendOptions> = {},
  ) {
    this.o = { ...RECOMMEND_DEFAULTS, ...options };
  }

  private get halfLifeS(): number {
    return this.o.halfLifeDays * DAY_S;
  }

  /** Folds one piece of feedback into the user's profile, words and feeds. An entry never indexed is ignored. */
  async feedback(userId: string, entryId: string, kind: FeedbackKind): Promise<void> {
    await this.feedbackMany(userId, [{ entryId, kind }]);
  }

  /**
   * Folds several pieces of feedback, in order, into the user's profile at once: one read of the vectors, one
   * profile update, one statement for the words and one for the feeds. As all happen at the same moment, the
   * result is that of folding them one by one (the words' cut to the strongest `keepTerms` is made once, after
   * all of them). Entries never indexed are ignored.
   */
  async feedbackMany(userId: string, events: FeedbackEvent[]): Promise<void> {
    if (!events.length) return;
    const vectors = await this.d.store.vectors(this.d.pool, [...new Set(events.map((e) => e.entryId))]);
    const known = events.flatMap((e) => {
      const entry = vectors.get(e.entryId);
      return entry ? [{ entry, w: FEEDBACK_WEIGHTS[e.kind] }] : [];
    });
    if (!known.length) return;
    const now = new Date(this.d.now());
    const terms = new Map<string, number>();
    const feeds = new Map<string, number>();
    for (const { entry, w } of known) {
      // The entry's words, heaviest first, weigh from 1 down to 1/2.
      const n = entry.terms.length;
      entry.terms.forEach((term, i) => terms.set(term, (terms.get(term) ?? 0) + w.all * (1 - i / (2 * Math.max(1, n)))));
      if (entry.feedId) feeds.set(entry.feedId, (feeds.get(entry.feedId) ?? 0) + w.all);
    }
    await withTransaction(this.d.pool, async (c) => {
      const p = await this.d.store.lockProfile(c, userId, new Array<number>(DIMS).fill(0), now);
      // What was there fades until now; the events, all at this moment, do not fade between each other.
      let f = decay(now.getTime() - p.updatedAt.getTime(), this.halfLifeS * 1000);
      let vec: number[] = p.vec;
      let starred: number[] = p.starred;
      for (const { entry, w } of known) {
        vec = foldIn(vec, f, entry.vec, w.all);
        starred = foldIn(starred, f, entry.vec, w.star);
        f = 1;
      }
      await this.d.store.saveProfile(c, userId, { vec, starred, events: p.events + known.length, updatedAt: now });
      await this.d.store.addTerms(
        c,
        userId,
        [...terms].map(([term, weight]) => ({ term, weight })),
        now,
        this.halfLifeS,
        this.o.keepTerms,
      );
      await this.d.store.addFeeds(c, userId, feeds, now, this.halfLifeS);
    });
  }

  /** The user's unread entries, best first, with reasons; newest first (reason: fresh) until there is a profile. */
  async rank(userId: string, limit: number): Promise<Ranked[]> {
    const now = new Date(this.d.now());
    const since = new Date(now.getTime() - this.o.recentDays * DAY_S * 1000);
    const profile = await this.d.store.profile(this.d.pool, userId);
    const taste = profile ? normalize(profile.vec) : null;
    if (!profile || !taste || norm(taste) === 0) {
      const rows = await this.d.store.newest(this.d.pool, userId, since, limit);
      return rows.map((r) => ({ id: r.id, score: this.freshness(now, r.sortAt), reasons: [{ key: 'fresh' }] }));
    }
    const [terms, feedWeights] = await Promise.all([
      this.d.store.terms(this.d.pool, userId, now, this.halfLifeS, this.o.keepTerms),
      this.d.store.feeds(this.d.pool, userId, now, this.halfLifeS),
    ]);
    const feeds = affinities(feedWeights);
    const rows = await this.d.store.candidates(this.d.pool, userId, {
      profile: taste,
      starred: normalize(profile.starred),
      feeds,
      weights: this.o.weights,
      now,
      since,
      freshHalfLifeS: this.o.freshHalfLifeHours * 3600,
      pool: this.o.pool,
      limit,
    });
    return rows.map((r) => ({ id: r.id, score: round(r.score), reasons: reasonsFor(r, terms, now) }));
  }

  private freshness(now: Date, at: Date): number {
    return round(decay(now.getTime() - at.getTime(), this.o.freshHalfLifeHours * 3_600_000));
  }
}

/** Feed weights as affinities in −1..1: relative to the strongest feed (at least a star's worth), favourites near 1. */
export function affinities(weights: Map<string, number>): Map<string, number> {
  const top = Math.max(FAVOURITE_FEED_FLOOR, ...[...weights.values()].map(Math.abs));
  return new Map([...weights].map(([id, w]) => [id, Math.max(-1, Math.min(1, w / top))]));
}

/**
 * Why a candidate ranks where it does: the user's words it shares (strongest first, at most three), a feed the
 * user favours, its likeness to what they starred, and being new. The feed's name is filled in by the caller.
 */
export function reasonsFor(c: Candidate, userTerms: Map<string, number>, now: Date): ForYouItem['reasons'] {
  const reasons: ForYouItem['reasons'] = [];
  if (c.sim >= SHARED_TERMS_MIN_SIM) {
    const shared = c.terms
      .filter((t) => (userTerms.get(t) ?? 0) > 0)
      .sort((a, b) => userTerms.get(b)! - userTerms.get(a)!)
      .slice(0, 3);
    if (shared.length) reasons.push({ key: 'sharedTerms', terms: shared });
  }
  if (c.fav >= FAVOURITE_FEED_MIN && c.feedId) reasons.push({ key: 'favouriteFeed' });
  if (c.starSim >= SIMILAR_TO_STARRED_MIN) reasons.push({ key: 'similarToStarred' });
  if (now.getTime() - c.sortAt.getTime() < FRESH_HOURS * 3_600_000) reasons.push({ key: 'fresh' });
  return reasons;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
