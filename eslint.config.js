// One lint setup for the whole repo: TypeScript and Vue rules, per-folder globals, and the app-boundary rule.
import { fileURLToPath } from 'node:url';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import olares from './eslint-rules/index.js';

/** The repo root: the folder that holds this file. Import paths are checked relative to it. */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    // Parallel Playwright runs build into dist-<name>/ (E2E_DIST).
    'dist-*/',
    'data/',
    'test-results/',
    'playwright-report/',
    'coverage/',
    '.vite/',
  ]),

  // TypeScript everywhere (syntax-only: no type information, so linting stays fast).
  tseslint.configs.recommended,

  // Vue single-file components, with TypeScript inside <script lang="ts">.
  pluginVue.configs['flat/recommended'].map((config) => ({ ...config, files: config.files ?? ['**/*.vue'] })),
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.vue'],
        sourceType: 'module',
      },
    },
    rules: {
      // App.vue, Dock.vue and friends are single words on purpose.
      'vue/multi-word-component-names': 'off',
      // Layout of the template is a matter of code style, not correctness.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },

  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },

  // Where code runs: Node on the server side and in tooling, the browser in the shell and app UIs.
  {
    files: ['bff/**', 'scripts/**', 'bench/**', 'e2e/**', 'eslint-rules/**', 'system-apps/*/server/**', 'system-apps/server.ts', '*.{js,ts,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['frontend/**', 'system-apps/*/ui/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // The rooms of DESIGN.md §1: what an app's ui/ and server/, and the shell, may import.
  {
    files: ['system-apps/**/*.{ts,tsx,mts,js,mjs,vue}', 'frontend/**/*.{ts,tsx,mts,js,mjs,vue}'],
    plugins: { olares },
    rules: { 'olares/app-boundaries': ['error', { root }] },
  },
]);
