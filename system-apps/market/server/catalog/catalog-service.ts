// CatalogService: the Market's catalogue — syncs every source on a timer, keeps the last good copy, answers list/get/archive/asset.
import path from 'node:path';
import semver from 'semver';
import type { ManifestRenderOptions } from '../manifest';
import { withAssetUrls, type AssetUrl } from './asset-urls';
import { readChartAsset } from './chart-asset';
import { FolderSource } from './folder-source';
import { redactMessage, redactUrl } from './safe-url';
import { SourceError, type LoadedChart, type SourceDriver, type SourceSnapshot } from './source-driver';
import type { CatalogApp, CatalogSourceConfig, InvalidChart, SourceStatus } from './types';
import { UrlSource } from './url-source';

/** The subset of a pino logger the catalogue uses. */
export interface CatalogLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface CatalogServiceDeps {
  sources: CatalogSourceConfig[];
  /** `<dataDir>/market/cache`; each URL source caches under `<cacheDir>/<sourceId>/`. */
  cacheDir: string;
  /** Default 15 minutes. 0 disables the timer (sync() still works). */
  syncIntervalMs?: number;
  log?: CatalogLog;
  fetch?: typeof fetch;
  /** Who manifests are rendered for; default an admin (the full variant, as the catalogue shows it). */
  render?: ManifestRenderOptions;
  /** When given, chart-relative images are rewritten to these URLs in what list() and get() return. */
  assetUrl?: AssetUrl;
  /** Called after a sync that changed the list (for realtime pushes). */
  onChange?: () => void;
  now?: () => Date;
}

/** Thrown by chartArchive for an app (or version) that no source offers. */
export class CatalogNotFoundError extends Error {
  override name = 'CatalogNotFoundError';
}

const SOURCE_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

interface SourceRuntime {
  config: CatalogSourceConfig;
  driver: SourceDriver;
  status: SourceStatus;
  snapshot: SourceSnapshot;
}

const silent: CatalogLog = { info: () => {}, warn: () => {} };

export class CatalogService {
  private readonly runtimes: SourceRuntime[];
  private readonly log: CatalogLog;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SourceStatus[]> | undefined;
  private winners = new Map<string, { runtime: SourceRuntime; versions: LoadedChart[] }>();
  private shadowedList: Array<{ name: string; source: string; shadowedBy: string }> = [];
  private signature = '';

  constructor(private readonly deps: CatalogServiceDeps) {
    this.log = deps.log ?? silent;
    const seen = new Set<string>();
    this.runtimes = deps.sources.map((config) => {
      if (!SOURCE_ID.test(config.id)) throw new Error(`catalogue source id ${JSON.stringify(config.id)} must be lowercase letters, digits, "-" and "_"`);
      if (seen.has(config.id)) throw new Error(`catalogue source id ${JSON.stringify(config.id)} is used twice`);
      seen.add(config.id);
      return { config, driver: this.driverFor(config), snapshot: { charts: [], invalid: [] }, status: this.initialStatus(config) };
    });
  }

  private driverFor(config: CatalogSourceConfig): SourceDriver {
    if (config.kind === 'folder') return new FolderSource(config, this.deps.render);
    if (!/^https?:\/\//i.test(config.location)) throw new Error(`catalogue source ${config.id}: ${redactUrl(config.location)} is not an http(s) URL`);
    return new UrlSource(config, {
      dir: path.join(this.deps.cacheDir, config.id),
      fetch: this.deps.fetch ?? globalThis.fetch,
      ...(this.deps.render ? { render: this.deps.render } : {}),
    });
  }

  private initialStatus(config: CatalogSourceConfig): SourceStatus {
    const location = config.kind === 'url' ? redactUrl(config.location) : config.location;
    return { id: config.id, kind: config.kind, location, ok: false, error: 'not synced yet', lastSyncedAt: null, lastAttemptAt: null, apps: 0, invalid: 0 };
  }

  /** First sync, then one every syncIntervalMs (the timer does not keep the process alive). */
  async start(): Promise<void> {
    await this.sync();
    const every = this.deps.syncIntervalMs ?? 15 * 60_000;
    if (every > 0 && !this.timer) {
      this.timer = setInterval(() => void this.sync(), every);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Sync every source; concurrent calls share one run. A failing source keeps its last good copy. */
  sync(): Promise<SourceStatus[]> {
    this.running ??= this.syncAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async syncAll(): Promise<SourceStatus[]> {
    for (const rt of this.runtimes) await this.syncOne(rt);
    this.rebuild();
    return this.sources();
  }

  private async syncOne(rt: SourceRuntime): Promise<void> {
    const now = (this.deps.now ?? (() => new Date()))().toISOString();
    rt.status.lastAttemptAt = now;
    try {
      rt.snapshot = await rt.driver.sync();
      rt.status = { ...rt.status, ok: true, lastSyncedAt: now, apps: rt.snapshot.charts.length, invalid: rt.snapshot.invalid.length };
      delete rt.status.error;
      for (const bad of rt.snapshot.invalid) this.log.warn({ source: rt.config.id, app: bad.app, errors: bad.errors }, 'catalogue chart failed to load');
    } catch (err) {
      const message = err instanceof SourceError ? err.message : `catalogue ${rt.status.location} failed: ${redactMessage((err as Error).message)}`;
      rt.status = { ...rt.status, ok: false, error: message };
      if (rt.snapshot.charts.length === 0 && rt.snapshot.invalid.length === 0) {
        const cached = await rt.driver.cached().catch(() => undefined);
        if (cached) rt.snapshot = cached;
      }
      rt.status.apps = rt.snapshot.charts.length;
      rt.status.invalid = rt.snapshot.invalid.length;
      this.log.warn({ source: rt.config.id }, message);
    }
  }

  /** Index the apps: per name, the first source that has it wins; versions newest first. */
  private rebuild(): void {
    const winners = new Map<string, { runtime: SourceRuntime; versions: LoadedChart[] }>();
    const shadowed: Array<{ name: string; source: string; shadowedBy: string }> = [];
    for (const rt of this.runtimes) {
      const mine = new Map<string, LoadedChart[]>();
      for (const chart of rt.snapshot.charts) mine.set(chart.app.name, [...(mine.get(chart.app.name) ?? []), chart]);
      for (const [name, versions] of mine) {
        const winner = winners.get(name);
        if (winner) {
          shadowed.push({ name, source: rt.config.id, shadowedBy: winner.runtime.config.id });
          continue;
        }
        winners.set(name, { runtime: rt, versions: versions.sort((a, b) => semver.rcompare(a.app.version, b.app.version)) });
      }
    }
    for (const s of shadowed) this.log.info(s, `catalogue: ${s.name} from ${s.source} is hidden by the same app in ${s.shadowedBy}`);
    this.winners = winners;
    this.shadowedList = shadowed;
    const signature = [...winners.values()].map((w) => w.versions.map((v) => `${w.runtime.config.id}/${v.app.name}@${v.app.version}:${v.dir}`).join(',')).join(';');
    if (signature !== this.signature) {
      this.signature = signature;
      this.deps.onChange?.();
    }
  }

  private present(app: CatalogApp): CatalogApp {
    return this.deps.assetUrl ? withAssetUrls(app, this.deps.assetUrl) : app;
  }

  private find(name: string, version?: string): LoadedChart | undefined {
    const w = this.winners.get(name);
    if (!w) return undefined;
    return version === undefined ? w.versions[0] : w.versions.find((v) => v.app.version === version);
  }

  /** The newest version of every app, sorted by name. */
  list(): CatalogApp[] {
    return [...this.winners.values()]
      .map((w) => w.versions[0])
      .filter((c): c is LoadedChart => c !== undefined)
      .sort((a, b) => a.app.name.localeCompare(b.app.name))
      .map((c) => this.present(c.app));
  }

  /** One app: the newest version, or the one asked for. */
  get(name: string, version?: string): CatalogApp | undefined {
    const chart = this.find(name, version);
    return chart ? this.present(chart.app) : undefined;
  }

  /** Every version of an app the winning source offers, newest first. */
  versions(name: string): string[] {
    return this.winners.get(name)?.versions.map((v) => v.app.version) ?? [];
  }

  sources(): SourceStatus[] {
    return this.runtimes.map((rt) => ({ ...rt.status }));
  }

  /** Charts that failed to load, with every reason. */
  invalid(): InvalidChart[] {
    return this.runtimes.flatMap((rt) => rt.snapshot.invalid);
  }

  /** Apps hidden because an earlier source has the same name. */
  shadowed(): Array<{ name: string; source: string; shadowedBy: string }> {
    return [...this.shadowedList];
  }

  /** The .tgz to submit to the cluster (a HelmChart's spec.chartContent, base64). */
  async chartArchive(name: string, version?: string): Promise<Buffer> {
    const chart = this.find(name, version);
    const rt = this.winners.get(name)?.runtime;
    if (!chart || !rt) throw new CatalogNotFoundError(`no catalogue offers ${name}${version ? ` ${version}` : ''}`);
    return rt.driver.archive(chart);
  }

  /** An image shipped inside a chart (icon.svg, screenshots/…); null when refused or missing. */
  async asset(name: string, relPath: string, version?: string): Promise<{ body: Buffer; contentType: string } | null> {
    const chart = this.find(name, version);
    return chart ? readChartAsset(chart.dir, relPath) : null;
  }
}
