// Injection keys through which the shell hands an app its window and the shell's services.
import type { InjectionKey } from 'vue';
import type { AppCommand, SearchProvider, WindowHandle } from './types';

export interface NotifyOptions {
  title: string;
  body?: string;
  level?: 'info' | 'success' | 'warning' | 'error';
  actions?: { label: string; run(): void }[];
}

/** An app that can open a file: `title` is the i18n key of its name (or its name, for installed apps). */
export interface FileApp {
  id: string;
  title: string;
  icon: string;
  color: string;
}

/** The shell's services an app may use, bound to that app. */
export interface ShellApi {
  /** Opens (or focuses) an app; false when there is no such app (for installed apps: not listed yet). */
  openApp(appId: string, props?: Record<string, unknown>): boolean;
  /** Opens a file with the app that handles its type. */
  openFile(path: string): void;
  /** The apps that open a file (by its extension; those taking any file last), for an "Open with" menu. */
  appsForFile(path: string): FileApp[];
  /** Opens a web page or web app in a sandboxed iframe window. */
  openUrl(url: string, title?: string): void;
  notify(options: NotifyOptions): void;
  registerCommand(appId: string, command: AppCommand): () => void;
  registerSearchProvider(appId: string, provider: SearchProvider): () => void;
}

export const windowKey: InjectionKey<WindowHandle> = Symbol('olares.window');
export const shellKey: InjectionKey<ShellApi> = Symbol('olares.shell');
