// What every catalogue source kind provides to the service: a sync that yields charts, and the archive of a chart.
import type { ManifestIssue } from '../manifest';
import type { CatalogApp, InvalidChart } from './types';

/** One chart that loaded: the app, its folder on disk (never shown to clients) and its warnings. */
export interface LoadedChart {
  app: CatalogApp;
  dir: string;
  warnings: ManifestIssue[];
  /** A published archive (remote sources); folder sources pack `dir` on demand. */
  archivePath?: string;
}

/** Everything one sync of a source produced. */
export interface SourceSnapshot {
  charts: LoadedChart[];
  invalid: InvalidChart[];
}

export interface SourceDriver {
  /** Fetch or scan the source. Throws SourceError when the source as a whole cannot be read. */
  sync(): Promise<SourceSnapshot>;
  /** What a previous run left on disk, used when the first sync of this run fails. */
  cached(): Promise<SourceSnapshot | undefined>;
  /** The .tgz to install this chart from. */
  archive(chart: LoadedChart): Promise<Buffer>;
}

/** The source as a whole failed (unreachable, garbage index, unreadable folder); the message is safe to show. */
export class SourceError extends Error {
  override name = 'SourceError';
}
