// Unit and integration tests (not the browser suite): tests sit beside the code as *.test.ts.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Components are tested too (rendered to strings or into jsdom).
  plugins: [vue()],
  test: {
    include: ['bff/**/*.test.ts', 'frontend/**/*.test.ts', 'system-apps/**/*.test.ts', 'eslint-rules/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['bff/testing/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
