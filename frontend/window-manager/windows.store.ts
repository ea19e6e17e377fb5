// The open windows: geometry, state, z-order and focus, with snapping and viewport clamping. No DOM here.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { cascade, keepReachable, snapRect, type Rect, type SnapZone, type Viewport } from './geometry';

export type WindowMode = 'normal' | 'minimized' | SnapZone;

export interface WindowState extends Rect {
  id: string;
  appId: string;
  state: WindowMode;
  z: number;
  /** The normal-state rectangle to go back to from a snap or maximise. */
  restore?: Rect;
  /** The state a minimised window returns to. */
  before?: Exclude<WindowMode, 'minimized'>;
  title?: string;
  badge?: string | number | null;
  props?: Record<string, unknown>;
  minWidth: number;
  minHeight: number;
}

export interface AppWindowSpec {
  id: string;
  window: { width: number; height: number; minWidth: number; minHeight: number; multiInstance?: boolean };
  /** Set for apps that open elsewhere than in a window (see SystemAppManifest.launch). */
  launch?: (props?: Record<string, unknown>) => void;
}

/** The part of the windows' state that is saved with the user's desktop. */
export interface SavedWindows {
  windows: Omit<WindowState, 'title' | 'badge' | 'before' | 'minWidth' | 'minHeight'>[];
  focusedId: string | null;
  appSizes: Record<string, { width: number; height: number }>;
}

let counter = 0;
const newId = (appId: string) => `${appId}-${Date.now().toString(36)}${(counter++).toString(36)}`;

export const useWindowsStore = defineStore('windows', () => {
  const windows = ref<WindowState[]>([]);
  const focusedId = ref<string | null>(null);
  const viewport = ref<Viewport>({ width: 1280, height: 760 });
  /** The last normal size of each app's window, used when it opens again. */
  const appSizes = ref<Record<string, { width: number; height: number }>>({});

  const byZ = computed(() => [...windows.value].sort((a, b) => a.z - b.z));
  const focused = computed(() => windows.value.find((w) => w.id === focusedId.value) ?? null);
  /** Most recently focused first: the order of the window switcher. */
  const recent = computed(() => [...windows.value].sort((a, b) => b.z - a.z));

  const get = (id: string) => windows.value.find((w) => w.id === id);
  const topZ = () => windows.value.reduce((m, w) => Math.max(m, w.z), 0);
  const min = (w: WindowState) => ({ width: w.minWidth, height: w.minHeight });

  function rememberSize(w: WindowState) {
    const r = w.state === 'normal' ? w : w.restore;
    if (r) appSizes.value[w.appId] = { width: r.width, height: r.height };
  }

  /** Opens a window of `app` (or focuses the one it has); '' when the app opens elsewhere (its `launch`, e.g. a browser tab). */
  function open(app: AppWindowSpec, props?: Record<string, unknown>): string {
    if (app.launch) {
      app.launch(props);
      return '';
    }
    if (!app.window.multiInstance) {
      const existing = windows.value.find((w) => w.appId === app.id);
      if (existing) {
        if (props) existing.props = props;
        focus(existing.id);
        return existing.id;
      }
    }
    const size = appSizes.value[app.id] ?? { width: app.window.width, height: app.window.height };
    const rect = keepReachable(cascade(size, viewport.value, windows.value.length), viewport.value, { width: app.window.minWidth, height: app.window.minHeight });
    const w: WindowState = { id: newId(app.id), appId: app.id, state: 'normal', z: topZ() + 1, ...rect, minWidth: app.window.minWidth, minHeight: app.window.minHeight, props };
    windows.value.push(w);
    focusedId.value = w.id;
    return w.id;
  }

  function focus(id: string): void {
    const w = get(id);
    if (!w) return;
    if (w.state === 'minimized') w.state = w.before ?? 'normal';
    if (w.z !== topZ() || focusedId.value !== id) w.z = topZ() + 1;
    focusedId.value = id;
  }

  /** Focuses the topmost window that is not minimised (after a close or minimise). */
  function focusTopmost(): void {
    const top = recent.value.find((w) => w.state !== 'minimized');
    focusedId.value = top?.id ?? null;
  }

  function close(id: string): void {
    const w = get(id);
    if (!w) return;
    rememberSize(w);
    windows.value = windows.value.filter((x) => x.id !== id);
    if (focusedId.value === id) focusTopmost();
  }

  function minimize(id: string): void {
    const w = get(id);
    if (!w || w.state === 'minimized') return;
    w.before = w.state;
    w.state = 'minimized';
    if (focusedId.value === id) focusTopmost();
  }

  function snap(id: string, zone: SnapZone): void {
    const w = get(id);
    if (!w) return;
    if (w.state === 'normal' || w.state === 'minimized') w.restore = { x: w.x, y: w.y, width: w.width, height: w.height };
    Object.assign(w, snapRect(zone, viewport.value));
    w.state = zone;
    focus(id);
  }

  function restore(id: string): void {
    const w = get(id);
    if (!w) return;
    if (w.restore) Object.assign(w, keepReachable(w.restore, viewport.value, min(w)));
    w.state = 'normal';
    w.restore = undefined;
    focus(id);
  }

  function toggleMaximize(id: string): void {
    const w = get(id);
    if (!w) return;
    if (w.state === 'maximized') restore(id);
    else snap(id, 'maximized');
  }

  /** Moves a window to (x, y); a snapped window is first returned to its normal size under the pointer. */
  function moveTo(id: string, x: number, y: number): void {
    const w = get(id);
    if (!w) return;
    if (w.state !== 'normal') {
      const r = w.restore ?? w;
      w.width = r.width;
      w.height = r.height;
      w.state = 'normal';
      w.restore = undefined;
    }
    w.x = Math.round(x);
    w.y = Math.round(y);
  }

  /** Ends a move or resize: keeps the window reachable and remembers the app's size. */
  function settle(id: string): void {
    const w = get(id);
    if (!w || w.state !== 'normal') return;
    Object.assign(w, keepReachable(w, viewport.value, min(w)));
    rememberSize(w);
  }

  function setRect(id: string, r: Rect): void {
    const w = get(id);
    if (!w) return;
    Object.assign(w, { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) });
    w.state = 'normal';
    w.restore = undefined;
  }

  /** The desktop area changed size: snapped windows follow it, others stay reachable. */
  function setViewport(vp: Viewport): void {
    viewport.value = { width: Math.max(1, Math.round(vp.width)), height: Math.max(1, Math.round(vp.height)) };
    for (const w of windows.value) {
      const mode = w.state === 'minimized' ? w.before ?? 'normal' : w.state;
      if (mode !== 'normal') Object.assign(w, snapRect(mode, viewport.value));
      else Object.assign(w, keepReachable(w, viewport.value, min(w)));
    }
  }

  /** Focuses the next window in stacking order (the one below the focused one, wrapping round). */
  function focusNext(): void {
    const list = recent.value.filter((w) => w.state !== 'minimized');
    if (list.length < 2) return;
    // Bring the bottom-most window up: cycling through all windows in turn.
    focus(list[list.length - 1]!.id);
  }

  function update(id: string, patch: Partial<Pick<WindowState, 'title' | 'badge'>>): void {
    const w = get(id);
    if (w) Object.assign(w, patch);
  }

  /** Forgets every window (at sign-out, before another user's desktop loads). */
  function clear(): void {
    windows.value = [];
    focusedId.value = null;
    appSizes.value = {};
  }

  function serialize(): SavedWindows {
    return {
      windows: windows.value.map(({ id, appId, x, y, width, height, state, z, restore: r, props }) => ({ id, appId, x, y, width, height, state, z, ...(r ? { restore: r } : {}), ...(props ? { props } : {}) })),
      focusedId: focusedId.value,
      appSizes: { ...appSizes.value },
    };
  }

  /** Restores saved windows; windows of apps that no longer exist are dropped. */
  function hydrate(saved: SavedWindows, apps: ReadonlyMap<string, AppWindowSpec>): void {
    appSizes.value = { ...saved.appSizes };
    windows.value = saved.windows.flatMap((s) => {
      const app = apps.get(s.appId);
      if (!app) return [];
      return [{ ...s, minWidth: app.window.minWidth, minHeight: app.window.minHeight }];
    });
    focusedId.value = saved.focusedId && get(saved.focusedId) ? saved.focusedId : null;
    setViewport(viewport.value);
  }

  return { windows, focusedId, viewport, appSizes, byZ, focused, recent, get, open, focus, close, minimize, snap, restore, toggleMaximize, moveTo, settle, setRect, setViewport, focusNext, update, clear, serialize, hydrate };
});
