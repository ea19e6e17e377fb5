// Quasar's Notify plugin, installed on the first toast instead of at start-up: its install mounts a second Vue app
// (nine toast containers, ~6 ms of the desktop's first render on a 2-core machine) that most starts never use.
import type { App } from 'vue';
import { Notify, type QNotifyCreateOptions } from 'quasar';

type Show = (opts: QNotifyCreateOptions | string) => (props?: QNotifyCreateOptions) => void;

let parent: App | null = null;
let installed = false;

function ensureInstalled(): void {
  if (installed || !parent) return;
  installed = true;
  const $q = parent.config.globalProperties.$q;
  // What Quasar's installer would have called: it sets $q.notify and mounts the containers.
  (Notify as unknown as { install(opts: { $q: typeof $q; parentApp: App }): void }).install({ $q, parentApp: parent });
}

/** Shows a toast (Notify.create's options); the plugin is installed on the first call. */
export const notify: Show = (opts) => {
  ensureInstalled();
  return Notify.create(opts);
};

/** After Quasar is installed: `$q.notify` (what apps call through useQuasar()) installs the plugin on first use. */
export function installLazyNotify(app: App): void {
  parent = app;
  installed = false;
  app.config.globalProperties.$q.notify = notify as typeof app.config.globalProperties.$q.notify;
}

/** Whether the plugin has been installed (its containers mounted): for tests. */
export const notifyInstalled = (): boolean => installed;
