// The lazily installed Notify plugin: nothing is mounted at start-up; the first toast, through either door, installs it and shows.
// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createApp, h, nextTick } from 'vue';
import { Quasar } from 'quasar';
import { installLazyNotify, notify, notifyInstalled } from './notify';

// Node resolves 'quasar' to its server build (no DOM, Notify does nothing): the browser build instead, as Vite bundles it.
// (The path is untyped: the types are those of 'quasar'.)
vi.mock('quasar', () => import(/* @vite-ignore */ 'quasar/dist/quasar.client.js' as string));

function bootApp() {
  document.body.innerHTML = '<div id="app"></div>';
  const app = createApp({ render: () => h('main', 'desktop') });
  app.use(Quasar, { config: { notify: { position: 'top-right', timeout: 0 } } });
  installLazyNotify(app);
  app.mount('#app');
  return app;
}

describe('lazy Notify', () => {
  it('mounts nothing until the first toast, which then shows with the configured defaults', async () => {
    bootApp();
    expect(notifyInstalled()).toBe(false);
    expect(document.getElementById('q-notify')).toBeNull();

    notify({ message: 'Saved', caption: 'to Files' });
    await nextTick();
    expect(notifyInstalled()).toBe(true);
    const container = document.getElementById('q-notify');
    expect(container).not.toBeNull();
    expect(container!.querySelector('.q-notifications__list--top.items-end')?.textContent).toContain('Saved');
    expect(container!.textContent).toContain('to Files');

    // A second toast reuses the same containers.
    notify('Again');
    await nextTick();
    expect(document.querySelectorAll('#q-notify')).toHaveLength(1);
    expect(container!.textContent).toContain('Again');
  });

  it('$q.notify, what apps call through useQuasar(), installs it too', async () => {
    const app = bootApp();
    const $q = app.config.globalProperties.$q;
    $q.notify({ message: 'From an app' });
    await nextTick();
    expect(document.getElementById('q-notify')?.textContent).toContain('From an app');
  });
});
