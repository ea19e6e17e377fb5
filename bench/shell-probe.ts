// The in-page probe of the shell bench: timings, frame deltas and long frames, all measured inside the page.
import type { Page } from '@playwright/test';

/** What the probe below leaves on `window.__bench` in every page of the bench's browser contexts. */
export interface Probe {
  /** ms from navigation start until the ready selectors were all present and a requestIdleCallback then ran. */
  ready: Promise<number>;
  /** ms from the click on `button` until two animation frames after `content` appeared; set by armOpen. */
  opened: Promise<number> | null;
  armOpen(button: string, content: string): void;
  startFrames(): void;
  /** The deltas (ms) between the animation frames since startFrames, and when the first and last of them ran. */
  stopFrames(): { deltas: number[]; from: number; to: number };
  /** The page's long animation frames (over 50 ms) so far, with the scripts that ran in them. */
  longFrames: LongFrame[];
}
export interface LongFrame {
  start: number;
  duration: number;
  /** ms of the frame spent in style and layout (to its end: paint included). */
  styleLayout: number;
  scripts: { source: string; invoker: string; duration: number }[];
}
/** The little of PerformanceLongAnimationFrameTiming (not in TypeScript's DOM types yet) that the probe reads. */
interface LoafEntry {
  startTime: number;
  duration: number;
  styleAndLayoutStart: number;
  scripts: { sourceURL: string; invoker: string; duration: number }[];
}
export type ProbeWindow = Window & { __bench: Probe };

/**
 * Runs in the page before its own scripts (an init script): everything is timed in the page with
 * performance.now(), whose origin is the navigation's start (PerformanceNavigationTiming.startTime, 0).
 */
function installProbe(readySelectors: string[]): void {
  const w = window as unknown as ProbeWindow;
  let frames: number[] = [];
  let recording = false;
  const longFrames: LongFrame[] = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as LoafEntry[]) {
        const styleLayout = e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
        longFrames.push({ start: e.startTime, duration: e.duration, styleLayout, scripts: e.scripts.map((x) => ({ source: x.sourceURL, invoker: x.invoker, duration: x.duration })) });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // a browser without the Long Animation Frames API: no diagnosis, the timings stand
  }
  w.__bench = {
    longFrames,
    ready: new Promise<number>((resolve) => {
      const check = (observer: MutationObserver) => {
        if (!readySelectors.length || !readySelectors.every((s) => document.querySelector(s))) return;
        observer.disconnect();
        // Rendered, and then the main thread idle: a click now is handled at once.
        requestIdleCallback(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          resolve(performance.now() - (nav?.startTime ?? 0));
        });
      };
      const observer = new MutationObserver(() => check(observer));
      observer.observe(document, { childList: true, subtree: true });
    }),
    opened: null,
    armOpen(button, content) {
      let clickAt = -1;
      const armed = new AbortController();
      window.addEventListener(
        'click',
        (e) => {
          if (e.target instanceof Element && e.target.closest(button)) clickAt = e.timeStamp;
        },
        { capture: true, signal: armed.signal },
      );
      w.__bench.opened = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (clickAt < 0 || !document.querySelector(content)) return;
          observer.disconnect();
          armed.abort();
          // The first frame callback runs before the content's first paint, the second after it.
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - clickAt)));
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    },
    startFrames() {
      frames = [];
      recording = true;
      const tick = (t: number) => {
        if (!recording) return;
        frames.push(t);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    stopFrames() {
      recording = false;
      return { deltas: frames.slice(1).map((t, i) => t - frames[i]!), from: frames[0] ?? 0, to: frames[frames.length - 1] ?? 0 };
    },
  };
}

/**
 * The probe as init-script source. tsx (esbuild, keepNames) wraps named inner functions in `__name(...)`,
 * which does not exist in the page: the wrapper gets a local no-op one.
 */
export function probeScript(readySelectors: string[]): string {
  return `(() => { const __name = (f) => f; (${installProbe.toString()})(${JSON.stringify(readySelectors)}); })();`;
}

export const probe = (page: Page) => page.evaluate(() => (window as unknown as ProbeWindow).__bench.ready);
