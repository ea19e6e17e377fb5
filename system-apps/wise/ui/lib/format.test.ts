// Reader dates and lengths: relative within a week, dates after; reading time for Latin and Chinese text; hosts.
import { describe, expect, it } from 'vitest';
import { hostOf, longWhen, readingMinutes, shortWhen } from './format';

const now = Date.UTC(2024, 5, 15, 12, 0, 0);

describe('shortWhen', () => {
  it('is relative within a week', () => {
    expect(shortWhen(now - 5 * 60_000, 'en-US', now)).toBe('5 min. ago');
    expect(shortWhen(now - 3 * 3_600_000, 'en-US', now)).toBe('3 hr. ago');
    expect(shortWhen(now - 86_400_000, 'en-US', now)).toBe('yesterday');
    expect(shortWhen(now - 10_000, 'en-US', now)).toBe('now');
  });
  it('is a date after a week, with the year only when it differs', () => {
    expect(shortWhen(Date.UTC(2024, 2, 12, 12), 'en-US', now)).toBe('Mar 12');
    expect(shortWhen(Date.UTC(2021, 2, 12, 12), 'en-US', now)).toBe('Mar 12, 2021');
    expect(shortWhen(null, 'en-US', now)).toBe('');
  });
  it('speaks Chinese', () => {
    expect(shortWhen(now - 86_400_000, 'zh-CN', now)).toBe('昨天');
    expect(longWhen(now, 'zh-CN')).toContain('2024');
  });
});

describe('readingMinutes and hostOf', () => {
  it('counts words and CJK characters', () => {
    expect(readingMinutes('word '.repeat(460))).toBe(2);
    expect(readingMinutes('汉'.repeat(1200))).toBe(3);
    expect(readingMinutes('')).toBe(1);
  });
  it('names hosts', () => {
    expect(hostOf('https://www.example.com/a')).toBe('example.com');
    expect(hostOf('not a url')).toBe('');
    expect(hostOf(null)).toBe('');
  });
});
