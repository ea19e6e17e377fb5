// The shapes of the app contract: manifests, commands, search providers and the window handle an app receives.
import type { Component } from 'vue';

/** The version of the SDK this shell provides; a manifest names the range it needs (`^0.2`). */
export const SDK_VERSION = '0.2.0';

export interface WindowDefaults {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  /** Several windows of this app may be open at once (default: one, focused again when reopened). */
  multiInstance?: boolean;
}

export interface AppCommand {
  /** Unique within the app. */
  id: string;
  /** i18n key or plain text. */
  title: string;
  /** Words that also find it in the spotlight. */
  keywords?: string[];
  run(): void | Promise<void>;
}

export interface SearchResult {
  id: string;
  title: string;
  subtitle?: string;
  run(): void | Promise<void>;
}

export interface SearchProvider {
  id: string;
  /** Group title in the spotlight (i18n key or text). */
  title: string;
  search(query: string, signal: AbortSignal): Promise<SearchResult[]>;
}

export interface SystemAppManifest {
  id: string;
  /** i18n key of the app's name. */
  title: string;
  /** An SVG icon (a path string from @quasar/extras). */
  icon: string;
  /** Accent colour of the icon tile. */
  color: string;
  window: WindowDefaults;
  /** Semver range of the SDK the app was written for. */
  sdk: string;
  /** Not listed in the dock, launchpad or spotlight (the iframe window for web apps). */
  hidden?: boolean;
  /**
   * Opens the app some other way than a window (an installed app whose entrance opens in a browser tab):
   * the shell calls it instead of opening a window.
   */
  launch?: (props?: Record<string, unknown>) => void;
  /** For apps installed from the Market: which one, and its state (running, stopped…). */
  installed?: { name: string; state: string };
  /** File extensions (without dot) this app opens. */
  fileTypes?: string[];
  /** The app's UI, loaded only when a window of it first opens: its own chunk. */
  component: () => Promise<{ default: Component }>;
}

/** What an app's component receives to talk to its own window. */
export interface WindowHandle {
  readonly id: string;
  readonly appId: string;
  /** Props the window was opened with (a file path, a deep link…). */
  readonly props: Readonly<Record<string, unknown>>;
  setTitle(title: string): void;
  setBadge(badge: string | number | null): void;
  close(): void;
}
