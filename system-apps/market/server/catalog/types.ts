// What the Market's catalogue holds: apps as the store shows them, where they come from, and what failed to load.
import type { AcceleratorProfile, Conflict, Dependency, Entrance, GpuAmount, ManifestIssue, ManifestKind, OlaresManifest, TextAndUrl } from '../manifest';

/** Resources an app needs (requests) or may use (limits). GPU as declared: memory or a device count. */
export interface CatalogResources {
  cpuMillis: number;
  memoryBytes: number;
  diskBytes: number;
  gpu?: GpuAmount;
}

/** One thing an app asks to reach, in a form the install dialog can list. */
export type CatalogPermission =
  | { kind: 'appData' }
  | { kind: 'appCache' }
  | { kind: 'appCommon' }
  | { kind: 'externalData' }
  | { kind: 'userData'; paths: string[] }
  | { kind: 'sysData'; group: string; dataType: string; ops: string[] }
  | { kind: 'provider'; appName: string; providerName: string }
  | { kind: 'serviceAccount'; name: string }
  | { kind: 'outboundPorts'; ports: number[] }
  | { kind: 'exposedPorts'; ports: Array<{ name: string; port: number; protocol: string }> };

/** One middleware the platform provisions for the app (no passwords: those stay in `manifest`). */
export interface CatalogMiddleware {
  kind: string;
  username?: string;
  /** Databases, buckets, vhosts… that get created. */
  names: string[];
  /** PostgreSQL extensions the app's databases need. */
  extensions: string[];
}

export interface CatalogLocaleText {
  title: string;
  description: string;
  fullDescription?: string;
  upgradeDescription?: string;
}

/** An installable app as the Market lists it. Everything a store page needs, plus the parsed manifest. */
export interface CatalogApp {
  name: string;
  /** Chart version (semver), the version that gets installed. */
  version: string;
  /** Chart.yaml appVersion: the upstream software's version. */
  appVersion?: string;
  /** spec.versionName, the version shown to people. */
  versionName: string;
  type: ManifestKind;
  apiVersion: string;
  title: string;
  /** A URL, or a path inside the chart (served through the asset route). */
  icon: string;
  description: string;
  fullDescription: string;
  upgradeDescription: string;
  /** Display ids: `_v112`-like suffixes stripped, de-duplicated. */
  categories: string[];
  /** As the manifest wrote them. */
  rawCategories: string[];
  developer?: string;
  submitter?: string;
  website?: string;
  sourceCode?: string;
  doc?: string;
  license: TextAndUrl[];
  /** spec.promoteImage. */
  screenshots: string[];
  featuredImage?: string;
  /** Every locale found (i18n folders), with fallbacks filled from the manifest. */
  locales: Record<string, CatalogLocaleText>;
  requirements: CatalogResources;
  limits: Partial<CatalogResources>;
  /** Per-hardware envelopes (spec.accelerator); requirements come from the first when the spec declares none. */
  accelerators: AcceleratorProfile[];
  supportArch: string[];
  onlyAdmin: boolean;
  allowMultipleInstall: boolean;
  permissions: CatalogPermission[];
  middleware: CatalogMiddleware[];
  dependencies: Dependency[];
  conflicts: Conflict[];
  entrances: Entrance[];
  /** Id of the catalogue source it came from. */
  source: string;
  manifest: OlaresManifest;
}

export type ChartLoadResult = { ok: true; app: CatalogApp; warnings: ManifestIssue[] } | { ok: false; name: string; errors: ManifestIssue[]; warnings: ManifestIssue[] };

/** Where apps come from: a folder of chart folders, or a remote catalogue (see README: index.json). */
export interface CatalogSourceConfig {
  /** Stable id: lowercase letters, digits, "-" and "_" (it names the cache folder). */
  id: string;
  kind: 'folder' | 'url';
  /** Folder path, or the catalogue's base URL. */
  location: string;
}

export interface SourceStatus {
  id: string;
  kind: 'folder' | 'url';
  /** The location with any credentials removed. */
  location: string;
  ok: boolean;
  /** Why the last sync failed; the last good copy stays in use. */
  error?: string;
  /** ISO time of the last successful sync, null before the first. */
  lastSyncedAt: string | null;
  /** ISO time of the last attempt. */
  lastAttemptAt: string | null;
  apps: number;
  invalid: number;
}

export interface InvalidChart {
  source: string;
  /** The app name (or the folder name when the manifest gave none). */
  app: string;
  version?: string;
  errors: ManifestIssue[];
}
