// Why this exists: builds the bench's blank Quasar page (the yardstick for the desktop's start-up) with the desktop's own Quasar setup.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quasar, transformAssetUrls } from '@quasar/vite-plugin';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  // Served by the BFF from `<STATIC_DIR>/bench-blank/`, beside the desktop, so that both go through the same server.
  base: '/bench-blank/',
  plugins: [vue({ template: { transformAssetUrls } }), quasar({ sassVariables: false })],
  build: {
    outDir: path.join(process.env.STATIC_DIR ?? path.join(here, '..', '..', 'dist'), 'bench-blank'),
    emptyOutDir: true,
  },
});
