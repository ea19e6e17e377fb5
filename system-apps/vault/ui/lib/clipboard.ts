// Copies a secret and clears the clipboard after a while (30 s), unless something else was copied meanwhile.
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  /** May throw (the browser asks for permission, or refuses): then the clipboard is overwritten anyway. */
  readText(): Promise<string>;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const CLEAR_AFTER_MS = 30_000;

export function createClipboardGuard(clip: ClipboardLike, delayMs = CLEAR_AFTER_MS, timers: Timers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number) }) {
  let copied: string | null = null;
  let timer: unknown = null;

  /** Clears now if the clipboard still holds what we copied (or cannot be read). */
  async function clear(): Promise<void> {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const ours = copied;
    copied = null;
    if (ours === null) return;
    let now: string | null = null;
    try {
      now = await clip.readText();
    } catch {
      now = null;
    }
    if (now === null || now === ours) await clip.writeText('').catch(() => undefined);
  }

  /** Copies `text`; false when the browser refused. */
  async function copy(text: string): Promise<boolean> {
    try {
      await clip.writeText(text);
    } catch {
      return false;
    }
    copied = text;
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => void clear(), delayMs);
    return true;
  }

  return { copy, clear, pending: () => copied !== null };
}

/** The browser's clipboard, with the old `execCommand('copy')` when the page has no clipboard API (plain http). */
export const browserClipboard: ClipboardLike = {
  async writeText(text) {
    if (navigator.clipboard?.writeText) {
      try {
        await navigator.clipboard.writeText(text);
        return;
      } catch {
        // fall back below
      }
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      if (!document.execCommand('copy')) throw new Error('copy refused');
    } finally {
      area.remove();
    }
  },
  async readText() {
    if (!navigator.clipboard?.readText) throw new Error('unreadable');
    return navigator.clipboard.readText();
  },
};
