// The desktop's pages and the guard that sends each visitor to first run, sign-in or the desktop.
import { createRouter, createWebHistory, type Router } from 'vue-router';
import { useSessionStore } from './session/session.store';

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', name: 'desktop', component: () => import('./desktop/DesktopPage.vue') },
      { path: '/app/:id', name: 'app', component: () => import('./desktop/AppPage.vue') },
      { path: '/login', name: 'login', component: () => import('./login/LoginPage.vue'), meta: { public: true } },
      { path: '/first-run', name: 'first-run', component: () => import('./first-run/FirstRunPage.vue'), meta: { public: true } },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.ensureLoaded();
    if (session.setupRequired) return to.name === 'first-run' ? true : { name: 'first-run' };
    // Once the owner exists, the first-run page is gone.
    if (to.name === 'first-run') return { name: session.user ? 'desktop' : 'login' };
    if (to.meta.public) return session.user ? { name: 'desktop' } : true;
    if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
    return true;
  });
  return router;
}
