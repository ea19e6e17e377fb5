// Builds the desktop frontend (Vue 3 + Quasar, tree-shaken) into dist/, which the BFF serves.
import { quasar, transformAssetUrls } from '@quasar/vite-plugin';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const bff = process.env.BFF_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [vue({ template: { transformAssetUrls } }), quasar({ sassVariables: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npm run dev`: Vite serves the frontend and forwards the API to a running BFF.
    proxy: {
      '/trpc': bff,
      '/readyz': bff,
      '/healthz': bff,
      '/socket.io': { target: bff, ws: true },
    },
  },
});
