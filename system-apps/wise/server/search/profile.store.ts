// SQL for "For you": entries' vectors, users' taste profiles (vector, words, feeds) updated with decay, and candidates scored by cosine in SQL.
import type { Queryable } from '../../../../bff/db/pool';
import { VISIBLE_TO } from './search.store';

export interface EntryVector {
  feedId: string | null;
  vec: number[];
  terms: string[];
}

export interface Profile {
  vec: number[];
  starred: number[];
  events: number;
  updatedAt: Date;
}

export interface Candidate {
  id: string;
  feedId: string | null;
  sortAt: Date;
  terms: string[];
  /** Cosine with the profile, and with the starred part of it. */
  sim: number;
  starSim: number;
  /** The feed's affinity, −1..1. */
  fav: number;
  /** 1 for brand new, fading with age. */
  fresh: number;
  score: number;
}

/** How the parts of a score weigh: similarity to what you read, to what you starred, your feed, freshness. */
export interface ScoreWeights {
  sim: number;
  starSim: number;
  fav: number;
  fresh: number;
}

/** `weight` as of `$now`: halved every `$halfLife` seconds since it was last written. */
const decayed = (table: string, now: string, halfLife: string) =>
  `${table}.weight * power(0.5, greatest(0, extract(epoch FROM (${now} - ${table}.updated_at))) / ${halfLife})`;

export class ProfileStore {
  /** The vectors of the entries that are indexed, by entry id. */
  async vectors(q: Queryable, entryIds: string[]): Promise<Map<string, EntryVector>> {
    const { rows } = await q.query<EntryVector & { id: string }>(
      'SELECT entry_id AS id, feed_id AS "feedId", vec, terms FROM wise_vectors WHERE entry_id = ANY($1::uuid[])',
      [entryIds],
    );
    return new Map(rows.map(({ id, ...v }) => [id, v]));
  }

  async profile(q: Queryable, userId: string): Promise<Profile | null> {
    const { rows } = await q.query<Profile>('SELECT vec, starred, events, updated_at AS "updatedAt" FROM wise_profiles WHERE user_id = $1', [userId]);
    return rows[0] ?? null;
  }

  /** The user's profile row, locked for this transaction (made empty first when there is none). */
  async lockProfile(q: Queryable, userId: string, zero: number[], now: Date): Promise<Profile> {
    await q.query(
      `INSERT INTO wise_profiles (user_id, vec, starred, updated_at) VALUES ($1, $2::real[], $2::real[], $3) ON CONFLICT (user_id) DO NOTHING`,
      [userId, zero, now],
    );
    const { rows } = await q.query<Profile>(
      'SELECT vec, starred, events, updated_at AS "updatedAt" FROM wise_profiles WHERE user_id = $1 FOR UPDATE',
      [userId],
    );
    return rows[0]!;
  }

  async saveProfile(q: Queryable, userId: string, p: Profile): Promise<void> {
    await q.query('UPDATE wise_profiles SET vec = $2::real[], starred = $3::real[], events = $4, updated_at = $5 WHERE user_id = $1', [
      userId,
      p.vec,
      p.starred,
      p.events,
      p.updatedAt,
    ]);
  }

  /** Adds weights to the user's words (decaying what was there; each word once), then keeps only the `keep` strongest. */
  async addTerms(q: Queryable, userId: string, terms: { term: string; weight: number }[], now: Date, halfLifeS: number, keep: number): Promise<void> {
    if (!terms.length) return;
    await q.query(
      `INSERT INTO wise_profile_terms AS t (user_id, term, weight, updated_at)
       SELECT $1, x.term, x.weight, $4 FROM unnest($2::text[], $3::real[]) AS x(term, weight) ORDER BY x.term
       ON CONFLICT (user_id, term) DO UPDATE SET weight = ${decayed('t', 'excluded.updated_at', '$5')} + excluded.weight, updated_at = excluded.updated_at`,
      [userId, terms.map((t) => t.term), terms.map((t) => t.weight), now, halfLifeS],
    );
    await q.query(
      `DELETE FROM wise_profile_terms WHERE user_id = $1 AND term IN (
         SELECT t.term FROM wise_profile_terms t WHERE t.user_id = $1
          ORDER BY abs(${decayed('t', '$2::timestamptz', '$3')}) DESC, t.term OFFSET $4)`,
      [userId, now, halfLifeS, keep],
    );
  }

  /** Adds weights to the user's feeds (decaying what was there); each feed once. */
  async addFeeds(q: Queryable, userId: string, feeds: Map<string, number>, now: Date, halfLifeS: number): Promise<void> {
    if (!feeds.size) return;
    await q.query(
      `INSERT INTO wise_profile_feeds AS f (user_id, feed_id, weight, updated_at)
       SELECT $1, x.feed_id, x.weight, $4 FROM unnest($2::uuid[], $3::real[]) AS x(feed_id, weight) ORDER BY x.feed_id
       ON CONFLICT (user_id, feed_id) DO UPDATE SET weight = ${decayed('f', 'excluded.updated_at', '$5')} + excluded.weight, updated_at = excluded.updated_at`,
      [userId, [...feeds.keys()], [...feeds.values()], now, halfLifeS],
    );
  }

  /** The user's words with their weight now, strongest first. */
  async terms(q: Queryable, userId: string, now: Date, halfLifeS: number, limit: number): Promise<Map<string, number>> {
    const { rows } = await q.query<{ term: string; w: number }>(
      `SELECT t.term, ${decayed('t', '$2::timestamptz', '$3')} AS w FROM wise_profile_terms t WHERE t.user_id = $1 ORDER BY w DESC LIMIT $4`,
      [userId, now, halfLifeS, limit],
    );
    return new Map(rows.map((r) => [r.term, Number(r.w)]));
  }

  /** The user's feeds with their weight now (only feeds they still subscribe to). */
  async feeds(q: Queryable, userId: string, now: Date, halfLifeS: number): Promise<Map<string, number>> {
    const { rows } = await q.query<{ feed_id: string; w: number }>(
      `SELECT f.feed_id, ${decayed('f', '$2::timestamptz', '$3')} AS w FROM wise_profile_feeds f
         JOIN wise_subscriptions s ON s.user_id = f.user_id AND s.feed_id = f.feed_id WHERE f.user_id = $1`,
      [userId, now, halfLifeS],
    );
    return new Map(rows.map((r) => [r.feed_id, Number(r.w)]));
  }

  /**
   * The user's unread, undismissed entries since `since` (the newest `pool` of them), scored: the weighted sum
   * of cosine with the profile and with the stars (both unit vectors; wise_dot in SQL), the feed's affinity and
   * freshness (halving every `freshHalfLifeS`); best first.
   */
  async candidates(
    q: Queryable,
    userId: string,
    opts: {
      profile: number[];
      starred: number[];
      feeds: Map<string, number>;
      weights: ScoreWeights;
      now: Date;
      since: Date;
      freshHalfLifeS: number;
      pool: number;
      limit: number;
    },
  ): Promise<Candidate[]> {
    const w = opts.weights;
    const { rows } = await q.query<Candidate>(
      `WITH cand AS (
         SELECT v.entry_id, v.feed_id, v.sort_at, v.vec, v.terms
           FROM wise_vectors v
           LEFT JOIN wise_entry_state st ON st.user_id = $1 AND st.entry_id = v.entry_id
          WHERE ${VISIBLE_TO('v')} AND v.sort_at >= $2 AND st.read_at IS NULL AND st.dismissed_at IS NULL
          ORDER BY v.sort_at DESC
          LIMIT $3
       ), scored AS (
         SELECT c.entry_id AS id, c.feed_id AS "feedId", c.sort_at AS "sortAt", c.terms,
                wise_dot(c.vec, $4::real[]) AS sim, wise_dot(c.vec, $5::real[]) AS "starSim",
                coalesce(f.w, 0) AS fav,
                power(0.5, greatest(0, extract(epoch FROM ($8::timestamptz - c.sort_at))) / $9) AS fresh
           FROM cand c LEFT JOIN unnest($6::uuid[], $7::real[]) AS f(feed_id, w) ON f.feed_id = c.feed_id
       )
       SELECT *, $10 * sim + $11 * greatest("starSim", 0) + $12 * fav + $13 * fresh AS score
         FROM scored ORDER BY score DESC, "sortAt" DESC, id LIMIT $14`,
      [
        userId,
        opts.since,
        opts.pool,
        opts.profile,
        opts.starred,
        [...opts.feeds.keys()],
        [...opts.feeds.values()],
        opts.now,
        opts.freshHalfLifeS,
        w.sim,
        w.starSim,
        w.fav,
        w.fresh,
        opts.limit,
      ],
    );
    return rows.map((r) => ({ ...r, sim: Number(r.sim), starSim: Number(r.starSim), fav: Number(r.fav), fresh: Number(r.fresh), score: Number(r.score) }));
  }

  /** Cold start: the newest unread, undismissed entries since `since`. */
  async newest(q: Queryable, userId: string, since: Date, limit: number): Promise<{ id: string; sortAt: Date }[]> {
    const { rows } = await q.query<{ id: string; sortAt: Date }>(
      `SELECT v.entry_id AS id, v.sort_at AS "sortAt"
         FROM wise_vectors v
         LEFT JOIN wise_entry_state st ON st.user_id = $1 AND st.entry_id = v.entry_id
        WHERE ${VISIBLE_TO('v')} AND v.sort_at >= $2 AND st.read_at IS NULL AND st.dismissed_at IS NULL
        ORDER BY v.sort_at DESC, v.entry_id LIMIT $3`,
      [userId, since, limit],
    );
    return rows;
  }
}
