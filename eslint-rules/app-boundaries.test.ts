// Proves olares/app-boundaries lets each room import what DESIGN.md §1 allows and flags everything else.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';
import { describe, it } from 'vitest';
import rule from './app-boundaries.js';

// RuleTester drives mocha-style hooks; hand it vitest's. (ESLint 9 has no RuleTester.afterAll hook;
// it arrives with ESLint 10, so only describe/it/itOnly are set.)
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const file = (rel: string) => path.join(root, rel);
const options = [{ root }];

const ruleTester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
});

const vue = { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } };

const UI = file('system-apps/files/ui/App.ts');
const UI_DEEP = file('system-apps/files/ui/components/FileList.ts');
const UI_VUE = file('system-apps/files/ui/App.vue');
const SERVER = file('system-apps/files/server/files.router.ts');
const SHELL = file('frontend/app-registry/registry.ts');
const SHELL_VUE = file('frontend/window-manager/AppWindow.vue');

ruleTester.run('app-boundaries', rule, {
  valid: [
    // ui/: its own files, its own app folder, the SDK, packages.
    { filename: UI, options, code: "import { ref } from 'vue'; import { useQuery } from '@tanstack/vue-query';" },
    { filename: UI, options, code: "import FileList from './components/FileList.vue';" },
    { filename: UI_DEEP, options, code: "import { useFilesStore } from '../store';" },
    { filename: UI, options, code: "import manifest from '../manifest';" },
    { filename: UI, options, code: "import { useWindow } from '../../../frontend/sdk';" },
    { filename: UI_DEEP, options, code: "import { notify } from '../../../../frontend/sdk/notify';" },
    { filename: UI, options, code: "import { useWindow } from '/frontend/sdk/index.ts';" },
    { filename: UI, options, code: "import logo from './logo.svg?url';" },
    // ui/ may see its own server/ as types only.
    { filename: UI, options, code: "import type { FileEntry } from '../server/files.service';" },
    { filename: UI, options, code: "import { type FileEntry, type Folder } from '../server/files.service';" },
    { filename: UI, options, code: "export type { FileEntry } from '../server/files.service';" },
    { filename: UI, options, code: "type Entry = import('../server/files.service').FileEntry;" },
    { filename: UI, options, code: "const Viewer = () => import('./Viewer.vue');" },
    { filename: UI, options, code: 'const Viewer = () => import(`./Viewer.vue`);' },
    { filename: UI, options, code: "export * from './helpers';" },
    // ...and in a single-file component.
    {
      filename: UI_VUE,
      options,
      languageOptions: vue,
      code: `<script setup lang="ts">
import { computed } from 'vue';
import { useWindow } from '../../../frontend/sdk';
import type { FileEntry } from '../server/files.service';
import FileList from './components/FileList.vue';
</script>
<template><FileList /></template>`,
    },

    // server/: its own app, the platform surface in bff/, packages.
    { filename: SERVER, options, code: "import { z } from 'zod'; import { authedProcedure, router } from '../../../bff/trpc/init';" },
    { filename: SERVER, options, code: "import { FilesService } from './files.service';" },
    { filename: SERVER, options, code: "import manifest from '../manifest';" },
    { filename: SERVER, options, code: "import type { Context } from '../../../bff/trpc/context';" },
    { filename: SERVER, options, code: "export { filesRouter } from './files.router';" },
    { filename: SERVER, options, code: "const m = await import('../../../bff/db/migrate');" },

    // The shell: its own files, the list of manifests, the AppRouter type.
    { filename: SHELL, options, code: "import { apps } from '../../system-apps';" },
    { filename: SHELL, options, code: "import { apps } from '../../system-apps/index';" },
    { filename: SHELL, options, code: "import { apps } from '../../system-apps/index.ts';" },
    { filename: SHELL, options, code: "import type { AppRouter } from '../../bff/trpc/app-router';" },
    { filename: SHELL, options, code: "import { type AppRouter } from '../../bff/trpc/app-router';" },
    { filename: SHELL, options, code: "import { useWindows } from '../window-manager/windows.store';" },
    { filename: SHELL, options, code: "import { createTRPCClient } from '@trpc/client';" },
    {
      filename: SHELL_VUE,
      options,
      languageOptions: vue,
      code: `<script setup lang="ts">
import type { AppRouter } from '../../bff/trpc/app-router';
import { apps } from '../../system-apps';
</script>
<template><div /></template>`,
    },

    // Files outside the three rooms are not this rule's business.
    { filename: file('bff/trpc/app-router.ts'), options, code: "import { filesRouter } from '../../system-apps/files/server/files.router';" },
    { filename: file('system-apps/index.ts'), options, code: "import files from './files/manifest';" },
    { filename: file('frontend/sdk/index.ts'), options, code: "export type { AppRouter } from '../../bff/trpc/app-router';" },
    // Without the option the root is ESLint's cwd (the repo root when vitest runs here).
    { filename: UI, code: "import { useWindow } from '../../../frontend/sdk';" },
  ],

  invalid: [
    // ui/ reaching into the shell, bff/, another app, or its own server/ for values.
    {
      filename: UI,
      options,
      code: "import { useWindows } from '../../../frontend/window-manager/windows.store';",
      errors: [{ messageId: 'uiOutside', data: { source: '../../../frontend/window-manager/windows.store', target: 'frontend/window-manager/windows.store', app: 'files' } }],
    },
    {
      filename: UI,
      options,
      code: "import { pool } from '../../../bff/db/pool';",
      errors: [{ messageId: 'uiOutside' }],
    },
    {
      filename: UI,
      options,
      code: "import { useVaultStore } from '../../vault/ui/store';",
      errors: [{ messageId: 'uiOutside' }],
    },
    {
      filename: UI,
      options,
      code: "import { apps } from '../../index';",
      errors: [{ messageId: 'uiOutside' }],
    },
    {
      filename: UI,
      options,
      code: "import { useWindows } from '/frontend/window-manager/windows.store';",
      errors: [{ messageId: 'uiOutside' }],
    },
    {
      filename: UI,
      options,
      code: "import { FilesService } from '../server/files.service';",
      errors: [{ messageId: 'uiServerValue', data: { source: '../server/files.service', app: 'files' } }],
    },
    {
      filename: UI,
      options,
      code: "import { type FileEntry, FilesService } from '../server/files.service';",
      errors: [{ messageId: 'uiServerValue' }],
    },
    {
      filename: UI,
      options,
      code: "import '../server/files.service';",
      errors: [{ messageId: 'uiServerValue' }],
    },
    {
      filename: UI,
      options,
      code: "export { FilesService } from '../server/files.service';",
      errors: [{ messageId: 'uiServerValue' }],
    },
    {
      filename: UI,
      options,
      code: "export * from '../../../frontend/desktop/wallpaper';",
      errors: [{ messageId: 'uiOutside' }],
    },
    {
      filename: UI,
      options,
      code: "const m = () => import('../../vault/ui/App.vue');",
      errors: [{ messageId: 'uiOutside' }],
    },
    {
      filename: UI,
      options,
      code: "type T = import('../../vault/server/vault.service').Secret;",
      errors: [{ messageId: 'uiOutside' }],
    },
    {
      filename: UI_VUE,
      options,
      languageOptions: vue,
      code: `<script setup lang="ts">
import { useWindows } from '../../../frontend/window-manager/windows.store';
import { FilesService } from '../server/files.service';
</script>
<template><div /></template>`,
      errors: [{ messageId: 'uiOutside', line: 2 }, { messageId: 'uiServerValue', line: 3 }],
    },

    // server/ reaching into another app, the shell, or the app list.
    {
      filename: SERVER,
      options,
      code: "import { VaultService } from '../../vault/server/vault.service';",
      errors: [{ messageId: 'serverOutside', data: { source: '../../vault/server/vault.service', target: 'system-apps/vault/server/vault.service', app: 'files' } }],
    },
    {
      filename: SERVER,
      options,
      code: "import type { Secret } from '../../vault/server/vault.service';",
      errors: [{ messageId: 'serverOutside' }],
    },
    {
      filename: SERVER,
      options,
      code: "import { formatBytes } from '../../../frontend/sdk/format';",
      errors: [{ messageId: 'serverOutside' }],
    },
    {
      filename: SERVER,
      options,
      code: "export * from '../../index';",
      errors: [{ messageId: 'serverOutside' }],
    },
    {
      filename: SERVER,
      options,
      code: "const v = await import('../../vault/server/vault.router');",
      errors: [{ messageId: 'serverOutside' }],
    },

    // The shell reaching into an app's ui/ or server/, or importing bff/ values.
    {
      filename: SHELL,
      options,
      code: "import FilesApp from '../../system-apps/files/ui/App.vue';",
      errors: [{ messageId: 'frontendApp', data: { source: '../../system-apps/files/ui/App.vue', target: 'system-apps/files/ui/App.vue' } }],
    },
    {
      filename: SHELL,
      options,
      code: "import type { FileEntry } from '../../system-apps/files/server/files.service';",
      errors: [{ messageId: 'frontendApp' }],
    },
    {
      filename: SHELL,
      options,
      code: "const load = () => import('../../system-apps/files/ui/App.vue');",
      errors: [{ messageId: 'frontendApp' }],
    },
    {
      filename: SHELL,
      options,
      code: "import { appRouter } from '../../bff/trpc/app-router';",
      errors: [{ messageId: 'frontendBff', data: { source: '../../bff/trpc/app-router', target: 'bff/trpc/app-router' } }],
    },
    {
      filename: SHELL,
      options,
      code: "import { type AppRouter, appRouter } from '../../bff/trpc/app-router';",
      errors: [{ messageId: 'frontendBff' }],
    },
    {
      filename: SHELL,
      options,
      code: "import { loadConfig } from '../../bff/config';",
      errors: [{ messageId: 'frontendBff' }],
    },
    {
      filename: SHELL,
      options,
      code: "import type { User } from '../../bff/auth/types';",
      errors: [{ messageId: 'frontendBff' }],
    },
    {
      filename: SHELL,
      options,
      code: "export { appRouter } from '../../bff/trpc/app-router';",
      errors: [{ messageId: 'frontendBff' }],
    },
    {
      filename: SHELL_VUE,
      options,
      languageOptions: vue,
      code: `<script setup lang="ts">
import FilesApp from '../../system-apps/files/ui/App.vue';
import { pool } from '../../bff/db/pool';
</script>
<template><div /></template>`,
      errors: [{ messageId: 'frontendApp', line: 2 }, { messageId: 'frontendBff', line: 3 }],
    },
  ],
});
