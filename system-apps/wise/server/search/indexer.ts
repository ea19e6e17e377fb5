// Indexes new or changed entries: their words for full-text search and their hashed TF-IDF vector, with the bucket document frequencies kept up as they arrive.
import type pg from 'pg';
import { withTransaction } from '../../../../bff/db/pool';
import { cjkTails, withCjkBigrams } from '../../../../bff/text/cjk';
import type { SearchStore } from './search.store';
import { articleTerms, idf, nonZeroBuckets, tfidfVector, topTerms } from './vectors';

/** Entries indexed per statement (a refresh rarely brings more; an OPML import or the bench does). */
export const INDEX_BATCH = 500;
/** Words kept per entry for explanations. */
export const TERMS_PER_ENTRY = 16;

/** The words PostgreSQL indexes: CJK runs as bigrams, the mark characters of highlights never. */
const indexWords = (s: string) => withCjkBigrams(s.replace(/[\uE000\uE001]/g, ' '));

/** `delta[b] += by` for each bucket. */
function count(delta: Map<number, number>, buckets: number[], by: number): void {
  for (const b of buckets) delta.set(b, (delta.get(b) ?? 0) + by);
}

/**
 * Indexes the entries (those that no longer exist are skipped). An entry counts in the document frequencies of
 * the buckets where its vector is non-zero; indexed again, its old vector's counts give way to the new one's, and
 * a deleted vector's counts are taken away by a trigger (migration 0003). Vectors use the idf of the moment they
 * are made: older ones are not rescaled as the collection grows.
 */
export async function indexEntries(pool: pg.Pool, store: SearchStore, ids: string[]): Promise<number> {
  let done = 0;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += INDEX_BATCH) {
    const batch = unique.slice(i, i + INDEX_BATCH);
    const entries = await store.entries(pool, batch);
    if (!entries.length) continue;
    const counts = entries.map((e) => articleTerms(e.title, e.text));
    // Where each vector will be non-zero (the idf scales a bucket, it never empties one).
    const expected = counts.map((c) => nonZeroBuckets(tfidfVector(c, () => 1)));
    // Words first, outside the transaction: to_tsvector and the GIN index are the slow part, and concurrent
    // batches should not queue behind each other's for it. Rewriting them is harmless.
    await store.upsertWords(
      pool,
      entries.map((e) => ({
        id: e.id,
        feedId: e.feedId,
        userId: e.userId,
        sortAt: e.sortAt,
        titleWords: indexWords(e.title),
        bodyWords: indexWords(e.text),
        cjkTails: cjkTails(`${e.title} ${e.text}`),
      })),
    );
    // The frequencies and the vectors together: an entry counts in the frequencies exactly when it has a vector.
    await withTransaction(pool, async (c) => {
      const known = await store.indexedVectors(c, entries.map((e) => e.id));
      const delta = new Map<number, number>();
      entries.forEach((e, k) => {
        count(delta, expected[k]!, 1);
        const old = known.get(e.id);
        if (old) count(delta, nonZeroBuckets(old), -1);
      });
      const { docs, df } = await store.addFrequencies(c, entries.length - known.size, delta);
      const idfOf = (b: number) => idf(df.get(b) ?? 0, docs);
      const vecs = counts.map((cnt) => tfidfVector(cnt, idfOf));
      // Rounding may, very rarely, leave a bucket zero after all (or not): the counts follow the stored vectors.
      const fix = new Map<number, number>();
      vecs.forEach((v, k) => {
        const actual = nonZeroBuckets(v);
        if (actual.join() === expected[k]!.join()) return;
        count(fix, actual, 1);
        count(fix, expected[k]!, -1);
      });
      if (fix.size) await store.addFrequencies(c, 0, fix);
      await store.upsertVectors(
        c,
        entries.map((e, k) => ({
          id: e.id,
          feedId: e.feedId,
          userId: e.userId,
          sortAt: e.sortAt,
          vec: vecs[k]!,
          terms: topTerms(counts[k]!, idfOf, TERMS_PER_ENTRY).map((t) => t.term),
        })),
      );
    });
    done += entries.length;
  }
  return done;
}
