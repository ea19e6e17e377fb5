// Runs start-up work that the first screen does not need once the page has drawn a frame and then gone idle.
//
// A requestIdleCallback registered early (say, when the sign-in status arrives) can run before the desktop is
// even drawn, and runs ahead of everything queued for idle time after the desktop is drawn. Waiting for the next
// animation frame first puts such work behind the first frame that shows what is already rendered.

export interface AfterPaintOptions {
  /** Run by then even if the page never goes idle (ms after the frame). */
  timeout: number;
}

/** Calls `fn` in the first idle period after the next animation frame; `fn` runs at most once. Returns a cancel function. */
export function afterPaint(fn: () => void, { timeout }: AfterPaintOptions): () => void {
  let cancelled = false;
  let frame = 0;
  let idle = 0;
  let timer = 0;
  const run = () => {
    if (!cancelled) {
      cancelled = true;
      fn();
    }
  };
  const whenIdle = () => {
    if (cancelled) return;
    if (typeof window.requestIdleCallback === 'function') idle = window.requestIdleCallback(run, { timeout });
    else timer = window.setTimeout(run, Math.min(timeout, 200));
  };
  // A hidden tab draws no frames: go straight to idle time then (requestAnimationFrame would wait until shown).
  if (typeof window.requestAnimationFrame === 'function' && document.visibilityState !== 'hidden') frame = window.requestAnimationFrame(whenIdle);
  else whenIdle();
  return () => {
    cancelled = true;
    if (frame) window.cancelAnimationFrame(frame);
    if (idle) window.cancelIdleCallback(idle);
    if (timer) window.clearTimeout(timer);
  };
}
