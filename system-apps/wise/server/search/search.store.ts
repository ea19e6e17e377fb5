// SQL for Wise's search index: entries to index, bucket document frequencies, index rows (words and vectors), and the ranked, access-checked search.
import type { Queryable } from '../../../../bff/db/pool';
import { singleCjkChars } from '../../../../bff/text/cjk';
import type { EntryRow } from '../entries.store';
import { MARK_CHARS } from './highlight';

/** The text of an entry as read for indexing (the body cut at `INDEX_TEXT_CHARS`). */
export interface EntryText {
  id: string;
  feedId: string | null;
  userId: string | null;
  sortAt: Date;
  title: string;
  text: string;
}

interface IndexedEntry {
  id: string;
  feedId: string | null;
  userId: string | null;
  sortAt: Date;
}

/** One entry's words as text for to_tsvector (CJK already as bigrams). */
export interface WordsRow extends IndexedEntry {
  titleWords: string;
  bodyWords: string;
  /** The last character of each CJK run (bff/text/cjk cjkTails), for one-character queries. */
  cjkTails: string;
}

/** One entry's vector and its heaviest words. */
export interface VectorRow extends IndexedEntry {
  vec: ArrayLike<number>;
  terms: string[];
}

/** A match: the entry as a list row, its rank and headlines. */
export interface FoundRow extends EntryRow {
  rank: number;
  /** ts_headline of the title and of the body, matches between the mark characters. */
  titleHeadline: string;
  snippetHeadline: string;
  /** Text around the first occurrence of the query's CJK run, when it has one and the body holds it. */
  cjkWindow: string | null;
}

/** The most of an article's text that is indexed (tsvector's own limit is 1 MB). */
export const INDEX_TEXT_CHARS = 200_000;
/** The most of an article's text ts_headline reads for a snippet (it parses all it is given); past it, a window around the first match. */
export const HEADLINE_TEXT_CHARS = 16_000;

/** Bucket -1 of wise_search_df counts the indexed entries. */
const DOCS = -1;

/** Vectors travel as array literals (compact, exact enough for real[]). */
const vectorLiteral = (v: ArrayLike<number>) => `{${Array.from(v, (x) => (x === 0 ? '0' : x.toPrecision(7))).join(',')}}`;

/** Whom an indexed row is for: its feed's subscribers, or the one user who owns it. `$1` is the user. */
export const VISIBLE_TO = (alias: string) =>
  `(${alias}.user_id = $1 OR ${alias}.feed_id IN (SELECT feed_id FROM wise_subscriptions WHERE user_id = $1))`;

export class SearchStore {
  async entries(q: Queryable, ids: string[]): Promise<EntryText[]> {
    const { rows } = await q.query<EntryText>(
      `SELECT id, feed_id AS "feedId", user_id AS "userId", sort_at AS "sortAt", title, left(text, $2) AS text
         FROM wise_entries WHERE id = ANY($1::uuid[])`,
      [ids, INDEX_TEXT_CHARS],
    );
    return rows;
  }

  /**
   * The vectors of those of the ids indexed already (their buckets are counted), locked for this transaction in id
   * order: a deletion of one of them, or another indexing of it, waits until the counts are settled.
   */
  async indexedVectors(q: Queryable, ids: string[]): Promise<Map<string, number[]>> {
    const { rows } = await q.query<{ entry_id: string; vec: number[] }>(
      'SELECT entry_id, vec FROM wise_vectors WHERE entry_id = ANY($1::uuid[]) ORDER BY entry_id FOR UPDATE',
      [ids],
    );
    return new Map(rows.map((r) => [r.entry_id, r.vec]));
  }

  /**
   * Adds `docs` to the number of entries and `delta` to the buckets' counts (either may be negative: an entry
   * indexed again with other text), then returns them all. Rows are locked in bucket order, the document count
   * first (as the deletion trigger does), so concurrent batches never deadlock.
   */
  async addFrequencies(q: Queryable, docs: number, delta: Map<number, number>): Promise<{ docs: number; df: Map<number, number> }> {
    const changed = [...delta].filter(([, n]) => n !== 0);
    if (docs !== 0 || changed.length) {
      const keys = [DOCS, ...changed.map(([b]) => b).sort((a, b) => a - b)];
      await q.query(
        `INSERT INTO wise_search_df (bucket, df)
         SELECT b, n FROM unnest($1::int[], $2::bigint[]) AS t(b, n) ORDER BY b
         ON CONFLICT (bucket) DO UPDATE SET df = greatest(0, wise_search_df.df + excluded.df)`,
        // Only a bucket counted before can go down: a new row's count is never negative.
        [keys, keys.map((k) => (k === DOCS ? docs : delta.get(k)!))],
      );
    }
    const { rows } = await q.query<{ bucket: number; df: string }>('SELECT bucket, df FROM wise_search_df');
    const df = new Map(rows.map((r) => [r.bucket, Number(r.df)]));
    return { docs: df.get(DOCS) ?? 0, df };
  }

  /** Writes (or rewrites) entries' words: the costly part of indexing (to_tsvector, GIN), done outside any lock. */
  async upsertWords(q: Queryable, rows: WordsRow[]): Promise<void> {
    if (!rows.length) return;
    await q.query(
      `INSERT INTO wise_search (entry_id, feed_id, user_id, sort_at, tsv)
       SELECT r.id, r.feed_id, r.user_id, r.sort_at,
              setweight(to_tsvector('simple', r.title), 'A') || setweight(to_tsvector('simple', r.body), 'B') || setweight(to_tsvector('simple', r.tails), 'D')
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::text[]) AS r(id, feed_id, user_id, sort_at, title, body, tails)
       ON CONFLICT (entry_id) DO UPDATE SET tsv = excluded.tsv, sort_at = excluded.sort_at`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.feedId),
        rows.map((r) => r.userId),
        rows.map((r) => r.sortAt.toISOString()),
        rows.map((r) => r.titleWords),
        rows.map((r) => r.bodyWords),
        rows.map((r) => r.cjkTails),
      ],
    );
  }

  /** Writes (or rewrites) entries' vectors; an entry with a vector counts as indexed. */
  async upsertVectors(q: Queryable, rows: VectorRow[]): Promise<void> {
    if (!rows.length) return;
    await q.query(
      `INSERT INTO wise_vectors (entry_id, feed_id, user_id, sort_at, vec, terms)
       SELECT r.id, r.feed_id, r.user_id, r.sort_at, r.vec::real[], string_to_array(r.terms, ' ')
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[]) AS r(id, feed_id, user_id, sort_at, vec, terms)
       ON CONFLICT (entry_id) DO UPDATE SET vec = excluded.vec, terms = excluded.terms, sort_at = excluded.sort_at`,
      // Terms never hold a space (they are words or bigrams).
      [
        rows.map((r) => r.id),
        rows.map((r) => r.feedId),
        rows.map((r) => r.userId),
        rows.map((r) => r.sortAt.toISOString()),
        rows.map((r) => vectorLiteral(r.vec)),
        rows.map((r) => r.terms.join(' ')),
      ],
    );
  }

  /**
   * The best matches of a websearch query the user may see, with headlines of the title and the body, and the
   * entries' list columns (as entries.store's ITEM_COLUMNS: one round trip). The mark characters are taken out of
   * the text first, so only ts_headline's marks are in the result.
   */
  async search(
    q: Queryable,
    userId: string,
    opts: { text: string; limit: number; titleOptions: string; bodyOptions: string; cjkRun: string | null; probe: string | null },
  ): Promise<FoundRow[]> {
    const { rows } = await q.query<FoundRow>(
      // A CJK character alone (in $11) matches by prefix: the bigrams it starts, or the run it ends.
      `WITH query AS (SELECT CASE WHEN $11::text = '' THEN websearch_to_tsquery('simple', $2)
                                  ELSE regexp_replace(websearch_to_tsquery('simple', $2)::text, '''([' || $11 || '])''', '''\\1'':*', 'g')::tsquery END AS q),
       hits AS (
         SELECT w.entry_id, ts_rank(w.tsv, query.q, 1) AS rank, w.sort_at
           FROM wise_search w, query
          WHERE w.tsv @@ query.q AND ${VISIBLE_TO('w')}
          ORDER BY rank DESC, w.sort_at DESC
          LIMIT $3
       )
       SELECT e.id, e.kind, e.feed_id AS "feedId", COALESCE(s.title, NULLIF(f.title, ''), f.url, e.site_name) AS source,
              e.title, e.url, e.author, e.published_at AS "publishedAt", e.summary, e.image_url AS "imageUrl",
              COALESCE(st.read_at IS NOT NULL, false) AS read, COALESCE(st.starred_at IS NOT NULL, false) AS starred,
              COALESCE(st.tags, '{}') AS tags, (extract(epoch FROM e.sort_at) * 1000000)::bigint::text AS "sortUs",
              h.rank,
              ts_headline('simple', translate(e.title, $4, ''), query.q, $5) AS "titleHeadline",
              ts_headline('simple', translate(CASE WHEN p.at > $7 - 500 THEN substr(e.text, p.at - 1000, 3000) ELSE left(e.text, $7) END, $4, ''), query.q, $6)
                AS "snippetHeadline",
              CASE WHEN $8::text <> '' AND strpos(left(e.text, $9), $8) > 0
                   THEN translate(substr(e.text, greatest(1, strpos(left(e.text, $9), $8) - 60), 220), $4, '') END AS "cjkWindow"
         FROM hits h
         JOIN wise_entries e ON e.id = h.entry_id
         LEFT JOIN wise_subscriptions s ON s.feed_id = e.feed_id AND s.user_id = $1
         LEFT JOIN wise_feeds f ON f.id = e.feed_id
         LEFT JOIN wise_entry_state st ON st.entry_id = e.id AND st.user_id = $1
         -- A long text: where the probe word first occurs, so that a match past the headline's reach still gets its snippet.
         CROSS JOIN LATERAL (SELECT CASE WHEN $10::text <> '' AND length(e.text) > $7 THEN strpos(lower(left(e.text, $9)), $10) ELSE 0 END AS at) p,
         query
        ORDER BY h.rank DESC, h.sort_at DESC`,
      [userId, opts.text, opts.limit, MARK_CHARS, opts.titleOptions, opts.bodyOptions, HEADLINE_TEXT_CHARS, opts.cjkRun ?? '', INDEX_TEXT_CHARS, opts.probe ?? '', singleCjkChars(opts.text)],
    );
    return rows.map((r) => ({ ...r, rank: Number(r.rank) }));
  }
}
