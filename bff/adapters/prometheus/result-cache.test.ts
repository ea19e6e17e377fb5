// Unit tests of the result cache: hits until the boundary, single flight, failures not kept, the LRU and weight bounds.
import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache';

function setup(opts: { maxEntries?: number; maxWeight?: number } = {}) {
  const clock = { t: 1_000 };
  const cache = new ResultCache({ ...opts, now: () => clock.t });
  let calls = 0;
  const load = (v: unknown) => () => {
    calls++;
    return Promise.resolve(v);
  };
  return { clock, cache, load, calls: () => calls };
}

describe('ResultCache', () => {
  it('answers from memory until the expiry, then loads again', async () => {
    const { clock, cache, load, calls } = setup();
    expect(await cache.get('k', 2_000, load('a'))).toBe('a');
    clock.t = 1_999;
    expect(await cache.get('k', 2_000, load('b'))).toBe('a');
    expect(calls()).toBe(1);
    clock.t = 2_000;
    expect(await cache.get('k', 3_000, load('c'))).toBe('c');
    expect(calls()).toBe(2);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, entries: 1 });
  });

  it('shares one load among concurrent askers', async () => {
    const { cache } = setup();
    let calls = 0;
    let release!: (v: string) => void;
    const load = () => {
      calls++;
      return new Promise<string>((r) => (release = r));
    };
    const askers = Array.from({ length: 10 }, () => cache.get('k', 5_000, load));
    release('shared');
    expect(await Promise.all(askers)).toEqual(Array(10).fill('shared'));
    expect(calls).toBe(1);
    expect(cache.stats()).toMatchObject({ misses: 1, shared: 9 });
  });

  it('never keeps a failure: every concurrent asker sees it, the next asker loads again', async () => {
    const { cache, load, calls } = setup();
    let failures = 0;
    const failing = () => {
      failures++;
      return Promise.reject(new Error('down'));
    };
    const askers = [cache.get('k', 5_000, failing), cache.get('k', 5_000, failing)];
    for (const a of askers) await expect(a).rejects.toThrow('down');
    expect(failures).toBe(1);
    expect(await cache.get('k', 5_000, load('back'))).toBe('back');
    expect(calls()).toBe(1);
    expect(cache.stats().entries).toBe(1);
  });

  it('does not keep an answer that arrives after its expiry', async () => {
    const { clock, cache, load, calls } = setup();
    let release!: (v: string) => void;
    const p = cache.get('k', 2_000, () => new Promise<string>((r) => (release = r)));
    clock.t = 2_500;
    release('late');
    expect(await p).toBe('late');
    expect(cache.stats().entries).toBe(0);
    expect(await cache.get('k', 3_000, load('fresh'))).toBe('fresh');
    expect(calls()).toBe(1);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const { cache, load, calls } = setup({ maxEntries: 2 });
    await cache.get('a', 9_000, load('a'));
    await cache.get('b', 9_000, load('b'));
    await cache.get('a', 9_000, load('x')); // a is now the most recent
    await cache.get('c', 9_000, load('c')); // b leaves
    expect(cache.stats().entries).toBe(2);
    expect(calls()).toBe(3);
    expect(await cache.get('a', 9_000, load('a2'))).toBe('a');
    expect(await cache.get('b', 9_000, load('b2'))).toBe('b2');
    expect(calls()).toBe(4);
  });

  it('bounds the total weight and skips an answer heavier than the bound', async () => {
    const { cache, load, calls } = setup({ maxWeight: 10 });
    const w = (n: number) => () => n;
    await cache.get('a', 9_000, load('a'), w(6));
    await cache.get('b', 9_000, load('b'), w(6)); // a leaves to make room
    expect(cache.stats()).toMatchObject({ entries: 1, weight: 6 });
    await cache.get('huge', 9_000, load('huge'), w(11));
    expect(cache.stats()).toMatchObject({ entries: 1, weight: 6 });
    await cache.get('b', 9_000, load('b2'), w(6));
    expect(calls()).toBe(3);
  });

  it('drops expired answers first when making room', async () => {
    const { clock, cache, load } = setup({ maxEntries: 2 });
    await cache.get('old', 1_500, load('old'));
    await cache.get('keep', 9_000, load('keep'));
    clock.t = 1_600;
    await cache.get('new', 9_000, load('new'));
    expect(cache.stats().entries).toBe(2);
    expect(await cache.get('keep', 9_000, load('reloaded'))).toBe('keep');
  });
});
