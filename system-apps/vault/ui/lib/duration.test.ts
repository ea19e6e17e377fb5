// Rough durations: the largest unit, at least 1, and null past a century.
import { describe, expect, it } from 'vitest';
import { roughDuration } from './duration';

describe('roughDuration', () => {
  it('picks the largest unit', () => {
    expect(roughDuration(0.2, 'en-US')).toBe('1 second');
    expect(roughDuration(7200, 'en-US')).toBe('2 hours');
    expect(roughDuration(3 * 365 * 24 * 3600, 'en-US')).toBe('3 years');
    expect(roughDuration(7200, 'zh-CN')).toBe('2小时');
  });
  it('gives up past a century', () => {
    expect(roughDuration(1e12, 'en-US')).toBeNull();
  });
});
