// The user's desktop as saved on the server: windows, dock, wallpaper, theme and language; loaded at sign-in, saved as it changes.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { Dark } from 'quasar';
import type { inferRouterOutputs } from '@trpc/server';
import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../bff/trpc/app-router';
import { loadInstalledApps } from '../app-registry/installed-sync';
import { appsById, INSTALLED_PREFIX } from '../app-registry/registry';
import { setLocale, i18n } from '../boot/i18n';
import { useTrpc } from '../boot/trpc';
import type { Locale } from '../i18n';
import { useWindowsStore } from '../window-manager/windows.store';

type Layout = inferRouterOutputs<AppRouter>['desktop']['layout']['get']['layout'];
export type Theme = Layout['theme'];
export type Wallpaper = Layout['wallpaper'];

const SAVE_DELAY_MS = 600;

export function applyTheme(theme: Theme): void {
  Dark.set(theme === 'auto' ? 'auto' : theme === 'dark');
}

export const useLayoutStore = defineStore('desktop-layout', () => {
  const trpc = useTrpc();
  const windows = useWindowsStore();
  const dock = ref<string[]>([]);
  const wallpaper = ref<Wallpaper>({ kind: 'builtin', id: 'aurora' });
  const theme = ref<Theme>('auto');
  const loaded = ref(false);
  let version = 0;
  let timer: number | undefined;
  let saving: Promise<void> | null = null;
  let stopWatching: (() => void) | null = null;

  function snapshot(): Layout {
    const w = windows.serialize();
    return { ...w, dock: [...dock.value], wallpaper: wallpaper.value, theme: theme.value, locale: i18n.global.locale.value as Locale };
  }

  let prefetched: ReturnType<typeof trpc.desktop.layout.get.query> | null = null;

  /** Starts fetching the layout early (as soon as the user is known), so that the desktop does not wait for it. */
  function prefetch(): void {
    prefetched ??= trpc.desktop.layout.get.query();
    prefetched.catch(() => undefined);
  }

  async function load(): Promise<void> {
    stopWatching?.();
    // A prefetch made before the sign-in status was known may have been refused: ask again then.
    const pending = prefetched ? prefetched.catch(() => trpc.desktop.layout.get.query()) : trpc.desktop.layout.get.query();
    prefetched = null;
    const { layout, version: v } = await pending;
    version = v;
    // Windows or dock items of apps installed from the Market: know those apps before restoring them.
    if ([...layout.windows.map((w) => w.appId), ...layout.dock].some((id) => id.startsWith(INSTALLED_PREFIX))) await loadInstalledApps(trpc);
    windows.hydrate({ ...layout, focusedId: layout.focusedId ?? null }, appsById);
    // Apps that exist but are missing from a saved dock are simply not pinned; unknown ones are dropped.
    dock.value = layout.dock.filter((id) => appsById.has(id));
    wallpaper.value = layout.wallpaper;
    theme.value = layout.theme;
    applyTheme(layout.theme);
    // A first desktop keeps the language chosen on the sign-in page.
    if (v > 0 && layout.locale !== i18n.global.locale.value) setLocale(layout.locale);
    loaded.value = true;
    stopWatching = watch([() => windows.serialize(), dock, wallpaper, theme, () => i18n.global.locale.value], schedule, { deep: true });
    if (v === 0) {
      // A first desktop greets its user with their own Profile window: who is signed in.
      const profile = appsById.get('profile');
      if (profile) windows.open(profile);
      schedule();
    }
  }

  function schedule(): void {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void save(), SAVE_DELAY_MS);
  }

  async function save(): Promise<void> {
    if (saving) await saving;
    saving = (async () => {
      const layout = snapshot();
      try {
        version = (await trpc.desktop.layout.save.mutate({ layout, baseVersion: version })).version;
      } catch (err) {
        // Another browser saved meanwhile: this browser's desktop is the newer intent, so save over it.
        if (err instanceof TRPCClientError && (err.data as { reason?: string } | undefined)?.reason === 'desktop.conflict') {
          version = (await trpc.desktop.layout.get.query()).version;
          version = (await trpc.desktop.layout.save.mutate({ layout, baseVersion: version })).version;
        } else {
          console.warn('the desktop layout could not be saved', err);
        }
      }
    })();
    try {
      await saving;
    } finally {
      saving = null;
    }
  }

  /** Saves now (before sign-out or lock), without waiting for the delay. */
  async function flush(): Promise<void> {
    if (!loaded.value) return;
    window.clearTimeout(timer);
    await save();
  }

  function setTheme(value: Theme): void {
    theme.value = value;
    applyTheme(value);
  }

  function pin(appId: string): void {
    if (!dock.value.includes(appId)) dock.value.push(appId);
  }

  function unpin(appId: string): void {
    dock.value = dock.value.filter((id) => id !== appId);
  }

  function moveInDock(appId: string, toIndex: number): void {
    const list = dock.value.filter((id) => id !== appId);
    list.splice(Math.max(0, Math.min(toIndex, list.length)), 0, appId);
    dock.value = list;
  }

  function reset(): void {
    prefetched = null;
    stopWatching?.();
    stopWatching = null;
    window.clearTimeout(timer);
    loaded.value = false;
    version = 0;
  }

  return { dock, wallpaper, theme, loaded, prefetch, load, flush, setTheme, pin, unpin, moveInDock, reset };
});
