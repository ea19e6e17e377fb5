// Indexes new or changed entries: their words for full-text search and their hashed TF-IDF vector, with the bucket document frequencies kept up as they arrive.
import type pg from 'pg';
import { withTransaction } from '../../../../bff/db/pool';
import { withCjkBigrams } from '../../../../bff/text/cjk';
import type { SearchStore } from './search.store';
import { articleTerms, bucketSet, idf, tfidfVector, topTerms } from './vectors';

/** Entries indexed per statement (a refresh rarely brings more; an OPML import or the bench does). */
export const INDEX_BATCH = 500;
/** Words kept per entry for explanations. */
export const TERMS_PER_ENTRY = 16;

/** The words PostgreSQL indexes: CJK runs as bigrams, the mark characters of highlights never. */
const indexWords = (s: string) => withCjkBigrams(s.replace(/[\uE000\uE001]/g, ' '));

/**
 * Indexes the entries (those that no longer exist are skipped). An entry indexed before is rewritten but not
 * counted again in the document frequencies; a deleted entry leaves its counts (idf only drifts a little).
 * Vectors use the idf of the moment they are made: older ones are not rescaled as the collection grows.
 */
export async function indexEntries(pool: pg.Pool, store: SearchStore, ids: string[]): Promise<number> {
  let done = 0;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += INDEX_BATCH) {
    const batch = unique.slice(i, i + INDEX_BATCH);
    const entries = await store.entries(pool, batch);
    if (!entries.length) continue;
    const known = await store.indexed(pool, batch);
    const counts = entries.map((e) => articleTerms(e.title, e.text));
    const buckets = new Map<number, number>();
    let fresh = 0;
    entries.forEach((e, k) => {
      if (known.has(e.id)) return;
      fresh++;
      for (const b of bucketSet(counts[k]!)) buckets.set(b, (buckets.get(b) ?? 0) + 1);
    });
    // Words first, outside the transaction: to_tsvector and the GIN index are the slow part, and concurrent
    // batches should not queue behind each other's for it. Rewriting them is harmless.
    await store.upsertWords(
      pool,
      entries.map((e) => ({ id: e.id, feedId: e.feedId, userId: e.userId, sortAt: e.sortAt, titleWords: indexWords(e.title), bodyWords: indexWords(e.text) })),
    );
    // The frequencies and the vectors together: an entry counts in the frequencies exactly when it has a vector.
    await withTransaction(pool, async (c) => {
      const { docs, df } = await store.addFrequencies(c, fresh, buckets);
      const idfOf = (b: number) => idf(df.get(b) ?? 0, docs);
      await store.upsertVectors(
        c,
        entries.map((e, k) => ({
          id: e.id,
          feedId: e.feedId,
          userId: e.userId,
          sortAt: e.sortAt,
          vec: tfidfVector(counts[k]!, idfOf),
          terms: topTerms(counts[k]!, idfOf, TERMS_PER_ENTRY).map((t) => t.term),
        })),
      );
    });
    done += entries.length;
  }
  return done;
}
