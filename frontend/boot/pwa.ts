// Registers the service worker that precaches the shell (vite.config.ts, VitePWA) — in production builds only,
// so that `npm run dev` is never served stale modules. With registerType 'autoUpdate' a new build's worker
// takes over on its own and the page reloads once it does.
import { registerSW } from 'virtual:pwa-register';
import { afterPaint } from '../shared/after-paint';

export function installPwa(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // After the desktop is up: the worker's precache downloads must not compete with the first paint.
  const start = () => registerSW({ immediate: true });
  afterPaint(start, { timeout: 3000 });
}
