// The maths behind "For you": words from text (English stop words out, CJK as bigrams), feature hashing into a small signed vector, TF-IDF, cosine and decay.
import { CJK_RUN, cjkBigrams, hasCjk } from '../../../../bff/text/cjk';

/** Buckets of a hashed vector. */
export const DIMS = 512;

/** At most this much of an article's body is read for its vector (its opening says what it is about). */
export const VECTOR_TEXT_CHARS = 20_000;

// prettier-ignore
const STOP_WORDS = new Set(`a about above after again against all also am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each even ever every few for from
further get gets got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's
however i i'd i'll i'm i've if in into is isn't it it's its itself just let's like made make many may me might more most much must mustn't
my myself new no nor not now of off on once one only or other ought our ours ourselves out over own per really said same say says see
shall shan't she she'd she'll she's should shouldn't since so some still such than that that's the their theirs them themselves then
there there's these they they'd they'll they're they've this those though through to too two under until up upon us use used using very
via was wasn't way we we'd we'll we're we've well were weren't what what's when when's where where's whether which while who who's whom
why why's will with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
http https www com org net html amp nbsp quot read more continue reading`.split(/\s+/));

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_]*/gu;

/** The words of a text: lower case, NFKC; English stop words, one-letter words and bare numbers left out; CJK runs as bigrams. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const normal = text.normalize('NFKC').toLowerCase();
  for (const m of normal.matchAll(WORD)) {
    const word = m[0];
    if (hasCjk(word)) {
      // Mixed runs like "k8s集群": the CJK part as bigrams, the rest as words of its own.
      let at = 0;
      for (const run of word.matchAll(CJK_RUN)) {
        pushWord(out, word.slice(at, run.index));
        out.push(...cjkBigrams(run[0]));
        at = run.index + run[0].length;
      }
      pushWord(out, word.slice(at));
    } else {
      pushWord(out, word);
    }
  }
  return out;
}

const PLAIN = /^[a-z][a-z0-9]*$/;

function pushWord(out: string[], raw: string): void {
  // Most words are plain lower-case ASCII: skip the clean-up for them.
  const word = PLAIN.test(raw) ? raw : raw.replace(/[’]/g, "'").replace(/^['_]+|['_]+$/g, '').replace(/'s$/, '');
  if (word.length < 2 || word.length > 40 || STOP_WORDS.has(word) || /^[\d_']+$/.test(word)) return;
  out.push(word);
}

/** How often each word occurs. */
export function termCounts(words: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** The words of an article for its vector: the title counts twice, then the opening of the body. */
export function articleTerms(title: string, text: string): Map<string, number> {
  const t = tokenize(title);
  return termCounts([...t, ...t, ...tokenize(text.slice(0, VECTOR_TEXT_CHARS))]);
}

/** 32-bit FNV-1a over UTF-16 code units, finished with murmur3's mixer so that low and high bits are both well spread. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A word's bucket (0..DIMS-1) and sign (±1): signed hashing, so that colliding words cancel out on average instead of adding up. */
export function bucketOf(term: string): { bucket: number; sign: 1 | -1 } {
  const h = hash32(term);
  return { bucket: h % DIMS, sign: h >>> 31 ? -1 : 1 };
}

/** The buckets a document touches (whether or not its words there cancel out). */
export function bucketSet(counts: Map<string, number>): number[] {
  const set = new Set<number>();
  for (const term of counts.keys()) set.add(bucketOf(term).bucket);
  return [...set].sort((a, b) => a - b);
}

/**
 * The buckets where a vector is non-zero: those a document counts in for the document frequencies (a deleted
 * vector's are taken away again in SQL, from the stored vector itself).
 */
export function nonZeroBuckets(vec: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < vec.length; i++) if (vec[i] !== 0) out.push(i);
  return out;
}

/** Smoothed inverse document frequency: rare buckets weigh more, a bucket in every document still weighs 1. */
export function idf(df: number, docs: number): number {
  return Math.log((1 + docs) / (1 + Math.max(0, df))) + 1;
}

/** A term's weight in a document: sublinear term frequency × the idf of its bucket. */
function weight(count: number, bucketIdf: number): number {
  return (1 + Math.log(count)) * bucketIdf;
}

/** The L2-normalised, signed, hashed TF-IDF vector of a document. `idfOf(bucket)` gives the current idf. */
export function tfidfVector(counts: Map<string, number>, idfOf: (bucket: number) => number): Float32Array {
  const v = new Float64Array(DIMS);
  for (const [term, count] of counts) {
    const { bucket, sign } = bucketOf(term);
    v[bucket]! += sign * weight(count, idfOf(bucket));
  }
  return Float32Array.from(normalize(v));
}

/** The `k` words that weigh most in a document (for explaining a recommendation in words). */
export function topTerms(counts: Map<string, number>, idfOf: (bucket: number) => number, k: number): { term: string; weight: number }[] {
  return [...counts]
    .map(([term, count]) => ({ term, weight: weight(count, idfOf(bucketOf(term).bucket)) }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, k);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** Cosine similarity; 0 when either vector is zero. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = norm(a) * norm(b);
  return n ? dot(a, b) / n : 0;
}

/** The vector scaled to length 1 (a zero vector stays zero). */
export function normalize(a: ArrayLike<number>): number[] {
  const n = norm(a);
  return Array.from(a, (x) => (n ? x / n : 0));
}

/** How much of an old signal is left after `ageMs`, halving every `halfLifeMs`. */
export function decay(ageMs: number, halfLifeMs: number): number {
  return Math.pow(0.5, Math.max(0, ageMs) / halfLifeMs);
}

/** `profile × decay + w × vec`: one feedback event folded into a profile (a missing profile is zero). */
export function foldIn(profile: ArrayLike<number> | null, decayFactor: number, vec: ArrayLike<number>, w: number): number[] {
  const out = new Array<number>(DIMS).fill(0);
  for (let i = 0; i < DIMS; i++) out[i] = (profile?.[i] ?? 0) * decayFactor + w * (vec[i] ?? 0);
  return out;
}
