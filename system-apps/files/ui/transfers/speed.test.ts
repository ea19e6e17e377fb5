import { describe, expect, it } from 'vitest';
import { addSample, etaSeconds, formatBytes, formatDuration, speedOf, type Sample } from './speed';

describe('speed', () => {
  it('is 0 until two samples and when time stands still', () => {
    expect(speedOf([])).toBe(0);
    expect(speedOf([{ at: 0, bytes: 0 }])).toBe(0);
    expect(speedOf([{ at: 5, bytes: 0 }, { at: 5, bytes: 100 }])).toBe(0);
  });

  it('measures bytes per second over the window and forgets older samples', () => {
    let s: Sample[] = [];
    for (let t = 0; t <= 10_000; t += 1000) s = addSample(s, { at: t, bytes: t < 5000 ? t * 10 : 50_000 + (t - 5000) * 1 }, 5000);
    // The window now starts at 5 s: 1 byte per ms = 1000 B/s, not the fast start.
    expect(s[0]!.at).toBe(5000);
    expect(speedOf(s)).toBe(1000);
  });

  it('gives the time left, or null when the speed is unknown', () => {
    expect(etaSeconds(10_000, 1000)).toBe(10);
    expect(etaSeconds(10_001, 1000)).toBe(11);
    expect(etaSeconds(0, 0)).toBe(0);
    expect(etaSeconds(100, 0)).toBeNull();
  });

  it('formats sizes and durations', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
