// The desktop's keyboard handler: every shortcut in shortcuts.ts, on key codes so that any keyboard layout works.
import { onBeforeUnmount, onMounted } from 'vue';
import { appsById } from '../app-registry/registry';
import { useLayoutStore } from '../desktop/layout.store';
import type { SnapZone } from '../window-manager/geometry';
import { useWindowsStore } from '../window-manager/windows.store';
import { isTyping } from './shortcuts';
import { useSwitcher } from './switcher.store';
import { useShellUi } from './ui.store';

const QUARTERS: Record<string, SnapZone> = { KeyU: 'snapped-top-left', KeyI: 'snapped-top-right', KeyJ: 'snapped-bottom-left', KeyK: 'snapped-bottom-right' };

export function useDesktopKeys(actions: { lock(): void }): void {
  const windows = useWindowsStore();
  const layout = useLayoutStore();
  const ui = useShellUi();
  const switcher = useSwitcher();

  function onKeyDown(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    const focused = windows.focusedId;
    let handled = true;
    if (mod && !e.altKey && e.code === 'KeyK') ui.toggle('spotlight');
    else if (e.shiftKey && !mod && !e.altKey && e.code === 'Space' && !isTyping(e.target)) ui.toggle('spotlight');
    else if (e.key === '?' && !mod && !e.altKey && !isTyping(e.target)) ui.toggle('shortcuts');
    else if (e.altKey && !mod && e.code === 'Backquote') switcher.step(e.shiftKey);
    else if (e.key === 'Escape' && switcher.open) switcher.cancel();
    else if (e.altKey && !mod && e.shiftKey) {
      if (!focused) return;
      if (e.code === 'ArrowLeft') windows.snap(focused, 'snapped-left');
      else if (e.code === 'ArrowRight') windows.snap(focused, 'snapped-right');
      else if (e.code === 'ArrowUp') windows.toggleMaximize(focused);
      else if (e.code === 'ArrowDown') windows.restore(focused);
      else if (QUARTERS[e.code]) windows.snap(focused, QUARTERS[e.code]!);
      else handled = false;
    } else if (e.altKey && !mod) {
      const digit = /^Digit([1-9])$/.exec(e.code);
      if (e.code === 'KeyA') ui.toggle('launchpad');
      else if (e.code === 'KeyW' && focused) windows.close(focused);
      else if (e.code === 'KeyM' && focused) windows.minimize(focused);
      else if (e.code === 'KeyN') windows.focusNext();
      else if (e.code === 'KeyL') actions.lock();
      else if (digit) {
        const app = appsById.get(layout.dock[Number(digit[1]) - 1] ?? '');
        if (app) {
          const existing = windows.recent.find((w) => w.appId === app.id);
          if (existing) windows.focus(existing.id);
          else windows.open(app);
        }
      } else handled = false;
    } else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  function onKeyUp(e: KeyboardEvent): void {
    if (e.key === 'Alt' && switcher.open) switcher.commit();
  }

  /** Leaving the page while Alt is held (Alt+Tab in the OS) must not leave the switcher stuck open. */
  function onBlur(): void {
    switcher.cancel();
  }

  onMounted(() => {
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    window.addEventListener('blur', onBlur);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('keyup', onKeyUp, true);
    window.removeEventListener('blur', onBlur);
  });
}
