// The recommendation maths: words, hashing, TF-IDF vectors, cosine and decay.
import { describe, expect, it } from 'vitest';
import { articleTerms, bucketOf, bucketSet, cosine, decay, DIMS, dot, foldIn, hash32, idf, norm, normalize, termCounts, tfidfVector, tokenize, topTerms } from './vectors';

const flat = () => 1;

describe('tokenize', () => {
  it('keeps content words in lower case, leaving out stop words, one letter and bare numbers', () => {
    expect(tokenize('The Kubernetes scheduler, and ITS pods: 2024 a b node-pools')).toEqual(['kubernetes', 'scheduler', 'pods', 'node', 'pools']);
  });

  it("drops a possessive 's and curly apostrophes alike", () => {
    expect(tokenize('Docker’s runtime isn’t Kubernetes\'s')).toEqual(['docker', 'runtime', 'kubernetes']);
  });

  it('cuts Chinese and Japanese into bigrams, words beside them kept', () => {
    expect(tokenize('容器编排 k8s集群')).toEqual(['容器', '器编', '编排', 'k8s', '集群']);
    expect(tokenize('東京の天気')).toEqual(['東京', '京の', 'の天', '天気']);
  });

  it('folds full-width letters (NFKC)', () => {
    expect(tokenize('ＫＵＢＥＲＮＥＴＥＳ')).toEqual(['kubernetes']);
  });
});

describe('hashing', () => {
  it('is stable and spreads words over every bucket with both signs', () => {
    expect(hash32('kubernetes')).toBe(hash32('kubernetes'));
    expect(hash32('kubernetes')).not.toBe(hash32('kubernetez'));
    const buckets = new Set<number>();
    let negative = 0;
    let outside = 0;
    for (let i = 0; i < 20_000; i++) {
      const { bucket, sign } = bucketOf(`word${i}`);
      if (!(bucket >= 0 && bucket < DIMS && Number.isInteger(bucket))) outside++;
      buckets.add(bucket);
      if (sign < 0) negative++;
    }
    expect(outside).toBe(0);
    expect(buckets.size).toBe(DIMS);
    expect(negative / 20_000).toBeGreaterThan(0.45);
    expect(negative / 20_000).toBeLessThan(0.55);
  });

  it('lists each bucket a document touches once, in order', () => {
    const set = bucketSet(termCounts(['a1', 'b2', 'a1', 'c3']));
    expect(set).toEqual([...new Set(['a1', 'b2', 'c3'].map((t) => bucketOf(t).bucket))].sort((a, b) => a - b));
  });
});

describe('tf-idf vectors', () => {
  it('weighs rare buckets more, and a bucket in every document still counts', () => {
    expect(idf(1, 100)).toBeGreaterThan(idf(50, 100));
    expect(idf(100, 100)).toBeCloseTo(1, 5);
    expect(idf(0, 0)).toBeCloseTo(1, 5);
  });

  it('makes unit vectors with the signed weight in the term’s bucket', () => {
    const v = tfidfVector(termCounts(['kubernetes', 'kubernetes', 'pods']), flat);
    expect(v).toHaveLength(DIMS);
    expect(norm(v)).toBeCloseTo(1, 5);
    const k = bucketOf('kubernetes');
    const p = bucketOf('pods');
    const wk = 1 + Math.log(2);
    expect(v[k.bucket]! / v[p.bucket]!).toBeCloseTo((k.sign * wk) / p.sign, 4);
    expect(norm(tfidfVector(new Map(), flat))).toBe(0);
  });

  it('puts articles on one subject closer together than articles on different ones', () => {
    const vec = (title: string, body: string) => tfidfVector(articleTerms(title, body), flat);
    const k1 = vec('Kubernetes operators', 'Writing a Kubernetes operator for stateful pods and clusters');
    const k2 = vec('Scaling Kubernetes clusters', 'Autoscaling pods across Kubernetes clusters and nodes');
    const cook = vec('Slow-cooked ragù', 'Tomatoes, onions and a long simmer make the sauce');
    expect(cosine(k1, k2)).toBeGreaterThan(0.3);
    expect(cosine(k1, k2)).toBeGreaterThan(cosine(k1, cook) + 0.2);
  });

  it('names the words that weigh most', () => {
    const counts = termCounts(['kubernetes', 'kubernetes', 'kubernetes', 'pods', 'helm']);
    expect(topTerms(counts, flat, 2).map((t) => t.term)).toEqual(['kubernetes', 'helm']);
  });
});

describe('vector maths', () => {
  it('computes dot, norm, cosine and normalisation', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(norm([3, 4])).toBe(5);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 10);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(normalize([3, 4])).toEqual([0.6, 0.8]);
    expect(normalize([0, 0])).toEqual([0, 0]);
  });

  it('halves a signal every half-life', () => {
    expect(decay(0, 1000)).toBe(1);
    expect(decay(1000, 1000)).toBeCloseTo(0.5, 10);
    expect(decay(3000, 1000)).toBeCloseTo(0.125, 10);
    expect(decay(-5, 1000)).toBe(1);
  });

  it('folds feedback into a profile with decay', () => {
    const e = new Array<number>(DIMS).fill(0);
    e[3] = 1;
    const first = foldIn(null, 0.5, e, 3);
    expect(first[3]).toBe(3);
    expect(first).toHaveLength(DIMS);
    const second = foldIn(first, 0.5, e, -2);
    expect(second[3]).toBe(-0.5);
  });
});
