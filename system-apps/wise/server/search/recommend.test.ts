// Reasons and feed affinities of "For you", without a database.
import { describe, expect, it } from 'vitest';
import type { Candidate } from './profile.store';
import { affinities, FEEDBACK_WEIGHTS, reasonsFor } from './recommend';

const now = new Date('2025-01-10T12:00:00Z');
const candidate = (over: Partial<Candidate>): Candidate => ({
  id: 'e',
  feedId: 'f',
  sortAt: new Date(now.getTime() - 48 * 3_600_000),
  terms: [],
  sim: 0,
  starSim: 0,
  fav: 0,
  fresh: 0,
  score: 0,
  ...over,
});

describe('for you reasons', () => {
  it('weighs feedback as the issue asks', () => {
    expect(FEEDBACK_WEIGHTS.read.all).toBe(1);
    expect(FEEDBACK_WEIGHTS.star.all).toBe(3);
    expect(FEEDBACK_WEIGHTS.unstar.all).toBe(-3);
    expect(FEEDBACK_WEIGHTS.dismiss.all).toBe(-2);
  });

  it('names the shared words the user weighs most, at most three, only when similar', () => {
    const terms = new Map([
      ['kubernetes', 5],
      ['pods', 2],
      ['helm', 3],
      ['cluster', 1],
      ['garlic', -4],
    ]);
    const c = candidate({ terms: ['pods', 'garlic', 'cluster', 'kubernetes', 'helm', 'other'], sim: 0.3 });
    expect(reasonsFor(c, terms, now)).toEqual([{ key: 'sharedTerms', terms: ['kubernetes', 'helm', 'pods'] }]);
    expect(reasonsFor({ ...c, sim: 0.01 }, terms, now)).toEqual([]);
  });

  it('adds favourite feed, likeness to stars and freshness', () => {
    const c = candidate({ fav: 0.8, starSim: 0.4, sortAt: new Date(now.getTime() - 3_600_000) });
    expect(reasonsFor(c, new Map(), now).map((r) => r.key)).toEqual(['favouriteFeed', 'similarToStarred', 'fresh']);
    expect(reasonsFor({ ...c, feedId: null }, new Map(), now).map((r) => r.key)).toEqual(['similarToStarred', 'fresh']);
  });

  it('makes feed affinities relative to the strongest feed, a star at least', () => {
    expect(affinities(new Map([['a', 1]])).get('a')).toBeCloseTo(1 / 3);
    const m = affinities(new Map([['a', 10], ['b', 5], ['c', -20]]));
    expect(m.get('a')).toBe(0.5);
    expect(m.get('b')).toBe(0.25);
    expect(m.get('c')).toBe(-1);
  });
});
