// Search-as-you-type: the pause, stale answers dropped, errors passed on, clearing stops it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { iconMime, latestOnly } from './search';

describe('latestOnly', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once after the pause, with the last input', async () => {
    const run = vi.fn(async (q: string) => q.toUpperCase());
    const got: string[] = [];
    const s = latestOnly(run, 250, (r) => got.push(r), () => undefined);
    s.update('a');
    s.update('ab');
    await vi.advanceTimersByTimeAsync(249);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]![0]).toBe('ab');
    expect(got).toEqual(['AB']);
  });

  it('aborts a running question when a new one comes, and drops its answer', async () => {
    const resolvers: ((v: string) => void)[] = [];
    const signals: AbortSignal[] = [];
    const run = (q: string, signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<string>((r) => resolvers.push(() => r(q)));
    };
    const got: string[] = [];
    const s = latestOnly(run, 10, (r) => got.push(r), () => undefined);
    s.update('old');
    await vi.advanceTimersByTimeAsync(10);
    s.update('new');
    expect(signals[0]!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    resolvers[1]!('');
    resolvers[0]!('');
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toEqual(['new']);
  });

  it('passes errors on, and null stops asking', async () => {
    const errors: unknown[] = [];
    const run = vi.fn(async () => {
      throw new Error('boom');
    });
    const s = latestOnly(run, 10, () => undefined, (e) => errors.push(e));
    s.update('x');
    await vi.advanceTimersByTimeAsync(10);
    expect(errors).toHaveLength(1);
    s.update('y');
    s.update(null);
    await vi.advanceTimersByTimeAsync(50);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('iconMime', () => {
  it('names folders, media by extension, and nothing else', () => {
    expect(iconMime('a', 'dir')).toBe('inode/directory');
    expect(iconMime('Photo.JPG', 'file')).toBe('image/jpeg');
    expect(iconMime('notes.md', 'file')).toBe('');
  });
});
