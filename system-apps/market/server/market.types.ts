// The shapes the Market's procedures answer with: the UI imports them as types only.

/** The Olares app states (app-service's names), as a user sees them. */
export const APP_STATES = [
  'pending',
  'downloading',
  'installing',
  'initializing',
  'running',
  'stopping',
  'stopped',
  'resuming',
  'upgrading',
  'uninstalling',
  'uninstalled',
  'installFailed',
  'upgradeFailed',
  'resumeFailed',
  'stopFailed',
  'uninstallFailed',
  'canceling',
  'canceled',
] as const;
export type AppState = (typeof APP_STATES)[number];

/** States an operation is still running in: cancel is offered for the first group. */
export const CANCELLABLE_STATES: readonly AppState[] = ['pending', 'downloading', 'installing', 'initializing', 'upgrading', 'resuming'];
export const BUSY_STATES: readonly AppState[] = [...CANCELLABLE_STATES, 'stopping', 'uninstalling', 'canceling'];

export type EntranceState = 'notReady' | 'running' | 'stopped' | 'failed';

/** Localised texts of one locale. */
export interface LocaleText {
  title: string;
  description: string;
  fullDescription?: string;
  upgradeDescription?: string;
}

export interface Resources {
  cpuMillis: number;
  memoryBytes: number;
  diskBytes: number;
  /** GPUs the app needs (count, or memory in bytes when the manifest says so); 0 for none. */
  gpu: number;
  gpuMemoryBytes?: number;
}

/** One app in the catalogue list. */
export interface CatalogEntry {
  name: string;
  version: string;
  versionName?: string;
  title: string;
  description: string;
  icon: string;
  categories: string[];
  developer?: string;
  locales: Record<string, LocaleText>;
  requirements: Resources;
  /** The caller's installed copy, if any. */
  installed?: { state: AppState; version: string; updateAvailable: boolean };
}

export interface PermissionEntry {
  kind: string;
  /** Human detail: paths, scopes, names. */
  detail?: string[];
}

export interface DependencyEntry {
  name: string;
  version: string;
  type: string;
  mandatory: boolean;
  /** Whether it is satisfied on this cluster for this user. */
  satisfied: boolean;
}

/** The detail page. */
export interface CatalogDetail extends CatalogEntry {
  fullDescription: string;
  upgradeDescription?: string;
  screenshots: string[];
  featuredImage?: string;
  website?: string;
  sourceCode?: string;
  doc?: string;
  submitter?: string;
  license: Array<{ text: string; url?: string }>;
  permissions: PermissionEntry[];
  middleware: string[];
  dependencies: DependencyEntry[];
  conflicts: string[];
  supportArch: string[];
  onlyAdmin: boolean;
  /** Several instances may be installed (each with its own namespace, data and entrance). */
  allowMultipleInstall: boolean;
  limits: Resources;
  entrances: Array<{ name: string; title: string; openMethod?: string; authLevel?: string }>;
  /** What the cluster has free now, for "needs X of Y free". */
  clusterFree: Resources;
  /** Why it cannot be installed now (empty when it can). Each is a reason code and a sentence. */
  blockers: Array<{ reason: string; message: string }>;
}

export interface InstalledEntrance {
  name: string;
  title: string;
  state: EntranceState;
  /** Where the desktop opens it (its own origin); null while no URL is known. */
  url: string | null;
  openMethod: 'iframe' | 'window';
  icon?: string;
  invisible: boolean;
}

/** One of the caller's apps (My apps, the launchpad and the dock). */
export interface InstalledApp {
  /** The instance: the catalogue name, or `<name>-<n>` for a further instance. */
  name: string;
  /** The catalogue app it comes from. */
  chart: string;
  title: string;
  icon: string;
  version: string;
  state: AppState;
  /** A sentence for the failed states and Pending pods (e.g. "0/1 nodes are available: 1 Insufficient memory."). */
  message?: string;
  /** 0–100 while installing or upgrading, when known. */
  progress?: number;
  entrances: InstalledEntrance[];
  updateAvailable?: string;
  namespace: string;
  updatedAt: string;
}

export interface Operation {
  id: string;
  app: string;
  op: 'install' | 'upgrade' | 'stop' | 'resume' | 'uninstall' | 'cancel';
  fromVersion?: string;
  toVersion?: string;
  outcome: 'running' | 'succeeded' | 'failed' | 'canceled';
  message?: string;
  at: string;
  finishedAt?: string;
}

export interface SourceStatusView {
  id: string;
  kind: 'folder' | 'url';
  ok: boolean;
  error?: string;
  apps: number;
  lastSyncedAt?: string;
}

export interface ClusterSummary {
  simulated: boolean;
  server: string;
  nodes: number;
  arch: string[];
  total: Resources;
  free: Resources;
}

/** Pushed to the user's room as `market.app` after every state change of one of their apps. */
export interface AppEvent {
  app: InstalledApp;
}

/** What the cluster shows of one app, read as the user (My apps' details). */
export interface AppStatus {
  pods: Array<{ name: string; status: string; ready: boolean; restarts: number; node: string | null }>;
  events: Array<{ type: string; reason: string; message: string; object: string; at: string }>;
}
