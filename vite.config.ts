// Builds the desktop frontend (Vue 3 + Quasar, tree-shaken) into dist/, which the BFF serves.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quasar, transformAssetUrls } from '@quasar/vite-plugin';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { iconModules } from './scripts/icon-modules.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const bff = process.env.BFF_URL ?? 'http://127.0.0.1:3000';

/** Paths the BFF answers itself (bff/http/static.ts): never the SPA, never cached by the service worker. */
const SERVER_PATHS = ['trpc', 'socket.io', 'api', 'healthz', 'readyz'].map((p) => new RegExp(`^/${p.replace('.', '\\.')}(?:[/?]|$)`));

/**
 * The installable PWA: the web app manifest, and a service worker (Workbox) that precaches the built shell
 * (every chunk stays lazy; precaching only fills the cache) for fast repeat starts. It is registered from
 * frontend/boot/pwa.ts, so that no inline script is injected (the CSP allows only early.js inline, by hash). Navigations get the
 * precached index.html; the few that go to the server and fail get public/offline.html.
 */
const pwa = VitePWA({
  registerType: 'autoUpdate',
  injectRegister: null,
  // The glob below already precaches the icons.
  includeManifestIcons: false,
  manifest: {
    id: '/',
    name: 'Olares Desktop',
    short_name: 'Olares',
    description: 'The web desktop of your Olares personal cloud',
    lang: 'en-US',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#0f1a3a',
    theme_color: '#1d2b4f',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    screenshots: [
      { src: '/screenshots/desktop.png', sizes: '1280x720', type: 'image/png', form_factor: 'wide', label: 'The desktop with the account window open' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
    // Wallpapers are cached when first shown (below); the README screenshot is not part of the shell; early.js is
    // copied from public/ but runs inlined in index.html (below), so nothing asks for the file.
    globIgnores: ['wallpapers/**', 'screenshots/**', 'early.js'],
    navigateFallback: 'index.html',
    navigateFallbackDenylist: SERVER_PATHS,
    cleanupOutdatedCaches: true,
    runtimeCaching: [
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/wallpapers/'),
        handler: 'CacheFirst',
        options: { cacheName: 'olares-wallpapers', expiration: { maxEntries: 32 }, cacheableResponse: { statuses: [200] } },
      },
      {
        // Navigations the SPA fallback leaves to the server (the deny list above): the offline page when it is unreachable.
        urlPattern: ({ request }) => request.mode === 'navigate',
        handler: 'NetworkOnly',
        options: { precacheFallback: { fallbackURL: 'offline.html' } },
      },
    ],
  },
});

const EARLY_TAG = '<script src="/early.js" async></script>';

/**
 * public/early.js inlined into index.html: it then runs as the HTML is parsed, while the browser still waits for
 * the shell's scripts, instead of after a request of its own that lands beside them (7 ms sooner to an interactive
 * desktop in the shell bench). The BFF allows exactly this script by its hash (bff/http/inline-scripts.ts).
 */
const inlineEarly: Plugin = {
  name: 'olares-inline-early',
  transformIndexHtml(html) {
    if (!html.includes(EARLY_TAG)) throw new Error(`index.html no longer has ${EARLY_TAG}: vite.config.ts inlines it`);
    const code = fs.readFileSync(path.join(here, 'public', 'early.js'), 'utf8');
    return html.replace(EARLY_TAG, () => `<script>${code}</script>`);
  },
};

export default defineConfig({
  plugins: [vue({ template: { transformAssetUrls } }), quasar({ sassVariables: false }), iconModules(), pwa, inlineEarly],
  define: {
    // Messages are compiled by frontend/i18n/compile.ts: vue-i18n's own compiler (~10 KB gzip) is left out.
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
    __INTLIFY_JIT_COMPILATION__: 'true',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry loads statically goes in one chunk: left to itself the bundler split the shell into
          // 14 files shared with the apps' chunks, and a browser fetches 6 at a time over HTTP/1.1 (a home server's
          // plain http), so start-up waited on two rounds of requests. Apps' chunks stay lazy and import from it.
          groups: [{ name: 'shell', tags: ['$initial'] }],
        },
      },
    },
  },
  server: {
    // `npm run dev`: Vite serves the frontend and forwards the API to a running BFF.
    proxy: {
      '/trpc': bff,
      '/api': bff,
      '/readyz': bff,
      '/healthz': bff,
      '/socket.io': { target: bff, ws: true },
    },
  },
});
