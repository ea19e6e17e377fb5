/**
 * The only module a system app's UI may import from the shell (enforced by the ESLint rule
 * olares/app-boundaries). Everything here is versioned by SDK_VERSION; manifests name the range they need.
 */
import { getCurrentScope, inject, onScopeDispose } from 'vue';
import { useI18n } from 'vue-i18n';
import { useQuasar } from 'quasar';
import { shellKey, windowKey, type NotifyOptions, type ShellApi } from './keys';
import { watchDesktopGone } from './lock';
import { useSessionStore } from '../session/session.store';
import type { AppCommand, SearchProvider, WindowHandle } from './types';

export { SDK_VERSION } from './types';
export type { AppCommand, SearchProvider, SearchResult, SystemAppManifest, WindowDefaults, WindowHandle } from './types';
export type { FileApp, NotifyOptions } from './keys';
export { defineSystemApp } from './define';
/** The panel an app shows until it is built. */
export { default as NotBuiltYet } from './NotBuiltYet.vue';
/** A window's own yes/no or type-a-name question: createAsker() in the app's state, <AskDialog :asker testid> in its template. */
export { createAsker, type Asker, type AskRequest } from './ask';
export { default as AskDialog } from './AskDialog.vue';
/** A web app in a sandboxed iframe with the versioned postMessage bridge (title, notify, open-file). */
export { default as WebFrame } from '../iframe-bridge/WebFrame.vue';
/** The typed tRPC client, built once at boot. */
export { useTrpc, type TrpcClient } from '../boot/trpc';
/** The signed-in user's socket.io connection (the server keeps one room per user). */
export { useSocket } from '../boot/socket';
/** Translations in the user's language (en-US, zh-CN). */
export { useI18n } from 'vue-i18n';
/** A tRPC error as a sentence in the user's language, and its per-field messages. */
export { errorMessage, errorData } from '../shared/errors';
export { formatDateTime } from '../shared/format';

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is only available inside an app window`);
  return value;
}

/** The window this component lives in: set its title or badge, read its props, close it. */
export function useWindow(): WindowHandle {
  return need(inject(windowKey, undefined), 'useWindow()');
}

/** Open apps and files, and send notifications, on behalf of the calling app. */
export function useShell(): Pick<ShellApi, 'openApp' | 'openFile' | 'appsForFile' | 'openUrl' | 'notify'> {
  const shell = need(inject(shellKey, undefined), 'useShell()');
  return { openApp: shell.openApp, openFile: shell.openFile, appsForFile: shell.appsForFile, openUrl: shell.openUrl, notify: (o: NotifyOptions) => shell.notify(o) };
}

/** Registers spotlight commands for as long as the calling component lives. */
export function useCommands(commands: AppCommand[]): void {
  const shell = need(inject(shellKey, undefined), 'useCommands()');
  const win = need(inject(windowKey, undefined), 'useCommands()');
  const off = commands.map((c) => shell.registerCommand(win.appId, c));
  if (getCurrentScope()) onScopeDispose(() => off.forEach((f) => f()));
}

/** Registers a spotlight search provider (file names, articles, settings pages…) for the component's lifetime. */
export function useSearchProvider(provider: SearchProvider): void {
  const shell = need(inject(shellKey, undefined), 'useSearchProvider()');
  const win = need(inject(windowKey, undefined), 'useSearchProvider()');
  const off = shell.registerSearchProvider(win.appId, provider);
  if (getCurrentScope()) onScopeDispose(off);
}

/** The theme in effect (true when dark) and the user's language, both reactive. */
export function useAppearance() {
  const $q = useQuasar();
  const { locale } = useI18n();
  return { isDark: () => $q.dark.isActive, locale };
}

/**
 * Calls `cb` when the desktop locks or the user signs out (or the session ends), for as long as the calling
 * component lives: an app holding secrets (Vault) drops them then.
 * @example onDesktopLock(() => vault.lock());
 */
export function onDesktopLock(cb: () => void): void {
  const session = useSessionStore();
  watchDesktopGone(() => session.locked || !session.user, cb);
}
