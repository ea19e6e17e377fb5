// The refresher's pure rules: dedupe keys, the schedule with backoff, Retry-After.
import { describe, expect, it } from 'vitest';
import { DAY_MS, dedupeKey, nextDelayMs, parseRetryAfter, savedKey } from './refresh-rules';

describe('dedupeKey', () => {
  it('prefers the guid, then the link, then title and date', () => {
    const base = { guid: null, link: null, title: 'Hello', publishedAt: 1 };
    expect(dedupeKey({ ...base, guid: 'a', link: 'http://x/1' })).toBe(dedupeKey({ ...base, guid: 'a', link: 'http://x/2' }));
    expect(dedupeKey({ ...base, link: 'http://x/1' })).toBe(dedupeKey({ ...base, link: 'http://x/1', title: 'Changed' }));
    expect(dedupeKey(base)).not.toBe(dedupeKey({ ...base, publishedAt: 2 }));
    expect(dedupeKey({ ...base, guid: '  ' })).toBe(dedupeKey(base));
  });

  it('keys a saved page by its URL without the fragment', () => {
    expect(savedKey('https://a.example/p#x')).toBe(savedKey('https://a.example/p'));
    expect(savedKey('https://a.example/p?q=1')).not.toBe(savedKey('https://a.example/p'));
  });
});

describe('nextDelayMs', () => {
  it('waits the interval after a good fetch and doubles it per failure, up to a day', () => {
    const min = 60_000;
    expect(nextDelayMs(30, 0)).toBe(30 * min);
    expect([1, 2, 3, 4].map((n) => nextDelayMs(30, n) / min)).toEqual([60, 120, 240, 480]);
    expect(nextDelayMs(30, 10)).toBe(DAY_MS);
    expect(nextDelayMs(30, 500)).toBe(DAY_MS);
  });

  it('honours a longer Retry-After, within a week', () => {
    expect(nextDelayMs(5, 1, 3 * 3_600_000)).toBe(3 * 3_600_000);
    expect(nextDelayMs(60, 1, 1000)).toBe(120 * 60_000);
    expect(nextDelayMs(60, 1, 30 * DAY_MS)).toBe(7 * DAY_MS);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});
