// The idle timer behind auto-lock: fires after `minutes` without a touch (0 = never); touches restart it.
import type { Timers } from './clipboard';

export function createIdleTimer(onIdle: () => void, timers: Timers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number) }) {
  let minutes = 0;
  let handle: unknown = null;
  let lastTouch = 0;

  function stop(): void {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  }
  function start(): void {
    stop();
    if (minutes > 0) handle = timers.setTimeout(fire, minutes * 60_000);
  }
  function fire(): void {
    handle = null;
    onIdle();
  }
  return {
    /** Sets the idle time and starts counting afresh. */
    set(m: number): void {
      minutes = m;
      start();
    },
    /** A pointer or key inside the window: counting starts again (at most once a second, to stay cheap). */
    touch(now = Date.now()): void {
      if (minutes <= 0 || now - lastTouch < 1000) return;
      lastTouch = now;
      start();
    },
    stop,
  };
}
