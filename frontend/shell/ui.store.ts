// Which shell overlays are open (launchpad, spotlight, switcher, shortcut sheet, lock) and the snap preview.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Rect } from '../window-manager/geometry';

export type Overlay = 'launchpad' | 'spotlight' | 'shortcuts' | 'notifications' | null;

export const useShellUi = defineStore('shell-ui', () => {
  const overlay = ref<Overlay>(null);
  const locked = ref(false);
  const snapPreview = ref<Rect | null>(null);
  /** The element that had focus before an overlay opened, to return focus to when it closes. */
  let returnFocus: HTMLElement | null = null;
  let restoreTimer: number | undefined;

  function open(which: Exclude<Overlay, null>): void {
    window.clearTimeout(restoreTimer);
    if (overlay.value === null) returnFocus = document.activeElement as HTMLElement | null;
    overlay.value = which;
  }

  function close(): void {
    overlay.value = null;
    const target = returnFocus;
    returnFocus = null;
    // Back to where focus was, unless a window took it meanwhile (an overlay that opened an app).
    // Checked after the overlay's leave transition, during which its own input still holds focus.
    window.clearTimeout(restoreTimer);
    restoreTimer = window.setTimeout(() => {
      const now = document.activeElement as HTMLElement | null;
      if (overlay.value === null && target?.isConnected && !now?.closest('.wm-window')) target.focus();
    }, 220);
  }

  function toggle(which: Exclude<Overlay, null>): void {
    if (overlay.value === which) close();
    else open(which);
  }

  return { overlay, locked, snapPreview, open, close, toggle };
});
