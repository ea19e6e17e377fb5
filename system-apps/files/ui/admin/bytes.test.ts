// Binary sizes in the user's language.
import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes';

describe('formatBytes', () => {
  it('picks the unit and formats the number for the locale', () => {
    expect(formatBytes(0, 'en-US')).toBe('0 B');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 ** 3, 'zh-CN')).toBe('5 GiB');
    expect(formatBytes(1000.5 * 1024 ** 3, 'en-US')).toBe('1,000.5 GiB');
  });
});
