// The desktop's pages and the guard that sends each visitor to first run, sign-in or the desktop.
import { createRouter, createWebHistory, type Router } from 'vue-router';
import DesktopPage from './desktop/DesktopPage.vue';
import { isServerUnreachable } from './offline/unreachable';
import { useLayoutStore } from './desktop/layout.store';
import { useSessionStore } from './session/session.store';

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      // The desktop is what a signed-in visit shows first: in the entry chunk, not a second round of downloads.
      { path: '/', name: 'desktop', component: DesktopPage },
      { path: '/app/:id', name: 'app', component: () => import('./desktop/AppPage.vue') },
      { path: '/login', name: 'login', component: () => import('./login/LoginPage.vue'), meta: { public: true } },
      { path: '/first-run', name: 'first-run', component: () => import('./first-run/FirstRunPage.vue'), meta: { public: true } },
      { path: '/offline', name: 'offline', component: () => import('./offline/OfflinePage.vue') },
      // A public share link: open to anyone with it, signed in or not, and never redirected.
      { path: '/s/:token', name: 'share', component: () => import('./share/SharePage.vue'), meta: { share: true } },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  });

  router.beforeEach(async (to) => {
    if (to.meta.share) return true;
    const session = useSessionStore();
    // Going to the desktop: ask for the layout in the same batched request as the sign-in status.
    if (to.name === 'desktop' && !session.status) useLayoutStore().prefetch();
    try {
      await session.ensureLoaded();
    } catch (err) {
      // The shell came from the service worker's cache and the server does not answer: say so, not a blank page.
      if (!isServerUnreachable(err)) throw err;
      return to.name === 'offline' ? true : { name: 'offline', query: { next: to.fullPath }, replace: true };
    }
    // Back online ("Try again" reloads /offline): go where the visitor was going.
    if (to.name === 'offline') return { path: safeNext(to.query.next), replace: true };
    if (session.setupRequired) return to.name === 'first-run' ? true : { name: 'first-run' };
    // Once the owner exists, the first-run page is gone.
    if (to.name === 'first-run') return { name: session.user ? 'desktop' : 'login' };
    if (to.meta.public) return session.user ? { name: 'desktop' } : true;
    if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
    if (to.name === 'desktop' && !session.locked) {
      // The saved desktop before the page: its first render draws the dock and the restored windows with the top bar,
      // not in a second pass. (Failed: the desktop page asks again when it mounts.)
      const layout = useLayoutStore();
      if (!layout.loaded) await layout.load().catch(() => undefined);
    }
    return true;
  });
  return router;
}

/** A same-origin path to go on to, from a query parameter; the desktop otherwise. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
