// Start-up work waits for a frame and then for idle time: it runs behind what was already queued for idle time, once, and not at all when cancelled.
// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from './after-paint';

/** A page's frames and idle periods, run by hand. */
function fakePage() {
  const frames: FrameRequestCallback[] = [];
  const idles: { fn: IdleRequestCallback; timeout?: number }[] = [];
  vi.stubGlobal('requestAnimationFrame', (fn: FrameRequestCallback) => frames.push(fn));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => (frames[id - 1] = () => undefined));
  vi.stubGlobal('requestIdleCallback', (fn: IdleRequestCallback, opts?: IdleRequestOptions) => idles.push({ fn, timeout: opts?.timeout }));
  vi.stubGlobal('cancelIdleCallback', (id: number) => (idles[id - 1]!.fn = () => undefined));
  return {
    idles,
    frame: () => frames.splice(0).forEach((f) => f(performance.now())),
    idle: () => idles.splice(0).forEach(({ fn }) => fn({ didTimeout: false, timeRemaining: () => 50 })),
  };
}

describe('afterPaint', () => {
  beforeEach(() => vi.useRealTimers());
  afterEach(() => vi.unstubAllGlobals());

  it('runs once, in the first idle period after the next frame, behind idle work queued before that frame', () => {
    const page = fakePage();
    const order: string[] = [];
    const job = vi.fn(() => order.push('job'));
    afterPaint(job, { timeout: 1000 });
    requestIdleCallback(() => order.push('queued during the render'));
    page.idle(); // an idle period before any frame: too early
    expect(job).not.toHaveBeenCalled();
    requestIdleCallback(() => order.push('queued during the render, too'));
    page.frame();
    expect(page.idles.map((i) => i.timeout)).toEqual([undefined, 1000]);
    page.idle();
    page.frame();
    page.idle();
    expect(job).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['queued during the render', 'queued during the render, too', 'job']);
  });

  it('never runs once cancelled, before or after the frame', () => {
    const page = fakePage();
    const early = vi.fn();
    const late = vi.fn();
    afterPaint(early, { timeout: 1000 })();
    const cancelLate = afterPaint(late, { timeout: 1000 });
    page.frame();
    cancelLate();
    page.idle();
    expect(early).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });

  it('goes straight to idle time in a hidden tab, which draws no frames', () => {
    const page = fakePage();
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const job = vi.fn();
    afterPaint(job, { timeout: 1000 });
    page.idle();
    expect(job).toHaveBeenCalledTimes(1);
    visibility.mockRestore();
  });

  it('falls back to a timer where there is no requestIdleCallback', () => {
    const page = fakePage();
    vi.stubGlobal('requestIdleCallback', undefined);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const job = vi.fn();
    afterPaint(job, { timeout: 3000 });
    page.frame();
    vi.advanceTimersByTime(199);
    expect(job).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(job).toHaveBeenCalledTimes(1);
  });
});
