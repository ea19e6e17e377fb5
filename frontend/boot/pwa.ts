// Registers the service worker that precaches the shell (vite.config.ts, VitePWA) — in production builds only,
// so that `npm run dev` is never served stale modules. With registerType 'autoUpdate' a new build's worker
// takes over on its own and the page reloads once it does.
import { registerSW } from 'virtual:pwa-register';

export function installPwa(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
