// Auto-lock's timer: fires once after the chosen minutes, restarts on a touch, never with 0.
import { describe, expect, it, vi } from 'vitest';
import { createIdleTimer } from './idle';

function timers() {
  const live = new Map<number, { f: () => void; ms: number }>();
  let n = 0;
  return {
    live,
    t: { setTimeout: (f: () => void, ms: number) => (live.set(++n, { f, ms }), n), clearTimeout: (h: unknown) => void live.delete(h as number) },
    fire: () => [...live.entries()].forEach(([k, v]) => (live.delete(k), v.f())),
  };
}

describe('idle timer', () => {
  it('fires after the minutes chosen, restarted by touches', () => {
    const x = timers();
    const idle = vi.fn();
    const timer = createIdleTimer(idle, x.t);
    timer.set(5);
    expect([...x.live.values()].map((v) => v.ms)).toEqual([300_000]);
    timer.touch(10_000);
    expect(x.live.size).toBe(1);
    x.fire();
    expect(idle).toHaveBeenCalledTimes(1);
  });
  it('never fires with 0 (never), and stops', () => {
    const x = timers();
    const idle = vi.fn();
    const timer = createIdleTimer(idle, x.t);
    timer.set(0);
    timer.touch(5000);
    expect(x.live.size).toBe(0);
    timer.set(1);
    timer.stop();
    expect(x.live.size).toBe(0);
  });
});
