// The Market's writes in one place: install, cancel, stop, resume, upgrade and uninstall, with the request in flight per app, errors as toasts and answers written into the caches.
import { inject, provide, reactive, ref, type InjectionKey } from 'vue';
import { useQueryClient } from '@tanstack/vue-query';
import { useQuasar } from 'quasar';
import { errorData, errorMessage, useI18n, useShell, useTrpc } from '../../../frontend/sdk';
import type { InstalledApp, InstalledEntrance } from '../server/market.types';
import { applyApp, keys } from './cache';
import { newRequestId, safeLink } from './format';

export type Op = 'install' | 'cancel' | 'stop' | 'resume' | 'upgrade' | 'uninstall';

export interface MarketActions {
  /** The operation whose request for this app is on its way, if any. */
  requesting(name: string): Op | undefined;
  readonly upgradingAll: { value: boolean };
  install(name: string): Promise<void>;
  cancel(name: string): Promise<void>;
  stop(name: string): Promise<void>;
  resume(name: string): Promise<void>;
  upgrade(name: string): Promise<void>;
  upgradeAll(): Promise<void>;
  uninstall(name: string, removeData: boolean): Promise<void>;
  /** Opens the uninstall confirmation for an app. */
  askUninstall(app: { name: string; title: string }): void;
  /** Entrances a person can open (visible, with a URL). */
  openable(app: InstalledApp): InstalledEntrance[];
  /** Asks the server for a way in (market.apps.enter) and opens it: a tab for openMethod 'window', else an iframe window. */
  open(app: InstalledApp, entrance?: InstalledEntrance): Promise<void>;
  /** The one reason's short name in the user's language, when known (`market.reasons`). */
  reasonTitle(reason: string | undefined): string | undefined;
}

const actionsKey: InjectionKey<MarketActions> = Symbol('market.actions');

/** Made once in App.vue and provided to every page; `confirmTarget` is what the uninstall dialog shows. */
export function provideMarketActions(confirmTarget: { value: { name: string; title: string } | null }): MarketActions {
  const trpc = useTrpc();
  const queryClient = useQueryClient();
  const shell = useShell();
  const $q = useQuasar();
  const { t, te } = useI18n();
  const pending = reactive(new Map<string, Op>());
  const upgradingAll = ref(false);

  function reasonTitle(reason: string | undefined): string | undefined {
    if (!reason) return undefined;
    const key = `market.reasons['${reason}']`;
    return te(key) ? t(key) : undefined;
  }

  function fail(err: unknown): void {
    const message = errorMessage(err, t, te);
    const title = reasonTitle(errorData(err)?.reason);
    $q.notify({ type: 'negative', message: title ?? message, ...(title && title !== message ? { caption: message } : {}) });
  }

  async function run(name: string, op: Op, call: () => Promise<InstalledApp>): Promise<void> {
    if (pending.has(name)) return;
    pending.set(name, op);
    try {
      applyApp(queryClient, await call());
    } catch (err) {
      fail(err);
    } finally {
      pending.delete(name);
    }
  }

  function openable(app: InstalledApp): InstalledEntrance[] {
    return app.entrances.filter((e) => !e.invisible && !!safeLink(e.url));
  }

  const actions: MarketActions = {
    requesting: (name) => pending.get(name),
    upgradingAll,
    install: (name) => {
      const requestId = newRequestId();
      return run(name, 'install', () => trpc.market.apps.install.mutate({ name, requestId }));
    },
    cancel: (name) => run(name, 'cancel', () => trpc.market.apps.cancel.mutate({ name })),
    stop: (name) => run(name, 'stop', () => trpc.market.apps.stop.mutate({ name })),
    resume: (name) => run(name, 'resume', () => trpc.market.apps.resume.mutate({ name })),
    upgrade: (name) => {
      const requestId = newRequestId();
      return run(name, 'upgrade', () => trpc.market.apps.upgrade.mutate({ name, requestId }));
    },
    async upgradeAll() {
      if (upgradingAll.value) return;
      upgradingAll.value = true;
      try {
        for (const app of await trpc.market.apps.upgradeAll.mutate()) applyApp(queryClient, app);
      } catch (err) {
        fail(err);
        void queryClient.invalidateQueries({ queryKey: keys.apps });
      } finally {
        upgradingAll.value = false;
      }
    },
    uninstall: (name, removeData) => run(name, 'uninstall', () => trpc.market.apps.uninstall.mutate({ name, removeData })),
    askUninstall(app) {
      confirmTarget.value = app;
    },
    openable,
    async open(app, entrance) {
      const e = entrance ?? openable(app)[0];
      if (!e || !safeLink(e.url)) return;
      // Its main entrance in a window: the app's own window (its icon in the dock), which enters by itself.
      if (e.openMethod !== 'window' && e === openable(app)[0] && shell.openApp(`app-${app.name}`)) return;
      // openMethod 'window' opens a tab: made now, while the click still counts as one (popup blockers), and pointed at the app once its URL is known.
      const tab = e.openMethod === 'window' ? window.open('about:blank', '_blank') : null;
      if (tab) tab.opener = null;
      try {
        // The server answers with the entrance's URL, with a one-use ticket when the entrance is private.
        const { url } = await trpc.market.apps.enter.mutate({ name: app.name, entrance: e.name });
        const safe = safeLink(url);
        if (!safe) throw new Error(`not an http(s) URL: ${url}`);
        if (e.openMethod === 'window') {
          if (tab) tab.location.href = safe;
          else window.open(safe, '_blank', 'noopener,noreferrer');
        } else {
          // Everything else opens in a sandboxed iframe window (the shell's web app window).
          shell.openUrl(safe, e.title && e.title !== app.title ? `${app.title} · ${e.title}` : app.title);
        }
      } catch (err) {
        tab?.close();
        fail(err);
      }
    },
    reasonTitle,
  };
  provide(actionsKey, actions);
  return actions;
}

export function useMarketActions(): MarketActions {
  const actions = inject(actionsKey);
  if (!actions) throw new Error('useMarketActions() is only available inside the Market window');
  return actions;
}
