// Test support: a WatchClock whose time moves only when a test advances it, so reconnects happen exactly when the test says.
import type { WatchClock } from './watch';

export interface ManualClock {
  clock: WatchClock;
  /** Delays (ms from now) of the timers waiting to fire. */
  pending(): number[];
  /** Moves time forward, fires the timers that are due, then lets I/O and promise callbacks run. */
  advance(ms: number): Promise<void>;
}

export const flushIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** random() is 1, so each backoff is its ceiling: 250, 500, 1000 ms… */
export function manualClock(): ManualClock {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    clock: {
      setTimeout: (fn, ms) => {
        timers.set(++next, { at: now + ms, fn });
        return next;
      },
      clearTimeout: (handle) => void timers.delete(handle as number),
      random: () => 1,
      now: () => now,
    },
    pending: () => [...timers.values()].map((t) => t.at - now),
    async advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.fn();
        }
      }
      await flushIo();
    },
  };
}
