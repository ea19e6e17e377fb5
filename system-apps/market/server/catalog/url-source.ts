// A remote catalogue as a source: index.json with ETag caching, each chart archive downloaded once per version, digest-checked, unpacked atomically.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { formatBytes, type ManifestIssue, type ManifestRenderOptions } from '../manifest';
import { exists, writeFileAtomic } from './atomic-fs';
import { ChartArchiveError, extractChartArchive } from './extract-chart';
import { loadChartFolder } from './load-chart';
import { parseRemoteIndex, type RemoteIndex, type RemoteIndexEntry } from './remote-index';
import { redactMessage, redactUrl, splitCredentials } from './safe-url';
import { SourceError, type LoadedChart, type SourceDriver, type SourceSnapshot } from './source-driver';
import type { CatalogSourceConfig } from './types';

export interface UrlSourceOptions {
  /** This source's own cache folder: `<dataDir>/market/cache/<sourceId>`. */
  dir: string;
  fetch: typeof fetch;
  render?: ManifestRenderOptions;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  /** Largest chart archive downloaded. Default 32 MiB. */
  maxArchiveBytes?: number;
}

interface CachedState {
  etag?: string;
  index: RemoteIndex;
  syncedAt: string;
}

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** Why a fetch failed, in words: "connect ECONNREFUSED 127.0.0.1:9", "timed out after 30s". */
function fetchFailure(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: Error & { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `timed out after ${Math.round(timeoutMs / 1000)}s`;
  return redactMessage(e.cause?.message ?? e.message);
}

/** The response body, refused as soon as it passes `max` bytes (a catalogue cannot make the server buffer a huge file). */
async function readLimited(res: Response, max: number): Promise<Buffer> {
  const tooBig = () => new Error(`the archive is larger than the ${formatBytes(max)} limit`);
  if (Number(res.headers.get('content-length') ?? 0) > max) {
    await res.body?.cancel();
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of (res.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) throw tooBig();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export class UrlSource implements SourceDriver {
  private state: CachedState | undefined;
  private readonly base: string;
  private readonly shown: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly config: CatalogSourceConfig,
    private readonly opts: UrlSourceOptions,
  ) {
    this.base = config.location.endsWith('/') ? config.location : `${config.location}/`;
    this.shown = redactUrl(config.location);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  private get statePath() {
    return path.join(this.opts.dir, 'state.json');
  }

  private async readState(): Promise<CachedState | undefined> {
    if (this.state) return this.state;
    try {
      const raw = JSON.parse(await fs.readFile(this.statePath, 'utf8')) as { etag?: unknown; index?: unknown; syncedAt?: unknown };
      const index = parseRemoteIndex(JSON.stringify(raw.index));
      this.state = { index, syncedAt: String(raw.syncedAt), ...(typeof raw.etag === 'string' ? { etag: raw.etag } : {}) };
    } catch {
      this.state = undefined;
    }
    return this.state;
  }

  /** GET with the source's credentials (only to the source's own origin) and a timeout. */
  private async get(target: URL, headers: Record<string, string> = {}): Promise<Response> {
    const { url, headers: auth } = splitCredentials(this.base);
    const sameOrigin = target.origin === url.origin;
    const plain = new URL(target);
    plain.username = '';
    plain.password = '';
    const attempt = () => this.opts.fetch(plain, { headers: { ...(sameOrigin ? auth : {}), ...headers }, signal: AbortSignal.timeout(this.timeoutMs), redirect: 'follow' });
    try {
      return await attempt();
    } catch (err) {
      // A pooled connection the server has since closed fails once ("other side closed"); a GET is safe to repeat.
      if ((err as Error).name === 'TimeoutError') throw err;
      return attempt();
    }
  }

  /** The index: fresh (200), or the cached one when the server says it has not changed (304). */
  private async fetchIndex(): Promise<{ index: RemoteIndex; etag?: string }> {
    const cached = await this.readState();
    const indexUrl = new URL('index.json', this.base);
    let res: Response;
    try {
      res = await this.get(indexUrl, cached?.etag ? { 'if-none-match': cached.etag } : {});
    } catch (err) {
      throw new SourceError(`catalogue ${this.shown} is unreachable: ${fetchFailure(err, this.timeoutMs)}`);
    }
    if (res.status === 304 && cached) {
      await res.body?.cancel();
      return { index: cached.index, ...(cached.etag ? { etag: cached.etag } : {}) };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new SourceError(`catalogue ${this.shown} answered HTTP ${res.status} for index.json`);
    }
    let index: RemoteIndex;
    try {
      index = parseRemoteIndex(await res.text());
    } catch (err) {
      throw new SourceError(`catalogue ${this.shown} sent an invalid index: ${(err as Error).message}`);
    }
    const etag = res.headers.get('etag');
    return { index, ...(etag ? { etag } : {}) };
  }

  private archivePath(e: RemoteIndexEntry) {
    return path.join(this.opts.dir, 'archives', `${e.name}-${e.version}.tgz`);
  }

  /** The archive bytes for one entry: from the cache when it is there (and matches the digest), else downloaded. */
  private async archiveFor(e: RemoteIndexEntry, offline: boolean): Promise<Buffer> {
    const file = this.archivePath(e);
    const have = await fs.readFile(file).catch(() => undefined);
    if (have && (!e.digest || sha256(have) === e.digest)) return have;
    if (offline) throw new Error('the archive is not in the cache');
    const url = new URL(e.chart, this.base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`chart URL ${redactUrl(url.toString())} is not http(s)`);
    let res: Response;
    try {
      res = await this.get(url);
    } catch (err) {
      throw new Error(`download of ${redactUrl(url.toString())} failed: ${fetchFailure(err, this.timeoutMs)}`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`download of ${redactUrl(url.toString())} failed: HTTP ${res.status}`);
    }
    const body = await readLimited(res, this.opts.maxArchiveBytes ?? 32 * 1024 * 1024);
    const digest = sha256(body);
    if (e.digest && digest !== e.digest) throw new Error(`digest mismatch: index.json says ${e.digest}, the archive is ${digest}`);
    await writeFileAtomic(file, body);
    return body;
  }

  /** Download (if needed), unpack (if needed) and load one index entry. */
  private async loadEntry(e: RemoteIndexEntry, offline: boolean): Promise<LoadedChart | ManifestIssue[]> {
    let archive: Buffer;
    try {
      archive = await this.archiveFor(e, offline);
    } catch (err) {
      return [{ path: 'chart', reason: redactMessage((err as Error).message), file: 'index.json' }];
    }
    const dir = path.join(this.opts.dir, 'charts', `${e.name}-${e.version}-${sha256(archive).slice(7, 19)}`);
    if (!(await exists(dir))) {
      try {
        await extractChartArchive(archive, dir);
      } catch (err) {
        return [{ path: 'chart', reason: err instanceof ChartArchiveError ? `bad archive: ${err.message}` : (err as Error).message, file: e.chart }];
      }
    }
    const r = await loadChartFolder(dir, { sourceId: this.config.id, ...(this.opts.render ? { render: this.opts.render } : {}) });
    if (!r.ok) return r.errors;
    if (r.app.name !== e.name || r.app.version !== e.version) {
      return [{ path: 'apps', reason: `index.json lists ${e.name} ${e.version} but the archive holds ${r.app.name} ${r.app.version}`, file: 'index.json' }];
    }
    return { app: r.app, dir, warnings: r.warnings, archivePath: this.archivePath(e) };
  }

  private async load(index: RemoteIndex, offline = false): Promise<SourceSnapshot> {
    const snapshot: SourceSnapshot = { charts: [], invalid: [] };
    for (const e of index.apps) {
      const r = await this.loadEntry(e, offline);
      if (Array.isArray(r)) snapshot.invalid.push({ source: this.config.id, app: e.name, version: e.version, errors: r });
      else snapshot.charts.push(r);
    }
    return snapshot;
  }

  /** Remove archives and unpacked charts the index no longer lists, and leftovers of interrupted writes. */
  private async prune(snapshot: SourceSnapshot, index: RemoteIndex): Promise<void> {
    const keepArchives = new Set(index.apps.map((e) => path.basename(this.archivePath(e))));
    const keepCharts = new Set(snapshot.charts.map((c) => path.basename(c.dir)));
    for (const [sub, keep] of [
      ['archives', keepArchives],
      ['charts', keepCharts],
    ] as const) {
      const names = await fs.readdir(path.join(this.opts.dir, sub)).catch(() => [] as string[]);
      for (const name of names) if (!keep.has(name)) await fs.rm(path.join(this.opts.dir, sub, name), { recursive: true, force: true });
    }
  }

  async sync(): Promise<SourceSnapshot> {
    const { index, etag } = await this.fetchIndex();
    const snapshot = await this.load(index);
    const state: CachedState = { index, syncedAt: new Date().toISOString(), ...(etag ? { etag } : {}) };
    await writeFileAtomic(this.statePath, JSON.stringify(state));
    this.state = state;
    await this.prune(snapshot, index);
    return snapshot;
  }

  /** The last good copy a previous run left on disk (no network). */
  async cached(): Promise<SourceSnapshot | undefined> {
    const state = await this.readState();
    return state ? this.load(state.index, true) : undefined;
  }

  async archive(chart: LoadedChart): Promise<Buffer> {
    if (!chart.archivePath) throw new Error(`no archive for ${chart.app.name}`);
    return fs.readFile(chart.archivePath);
  }
}
