// The metrics port over Prometheus: the Dashboard's PromQL sent in parallel at step-aligned times, answers shaped into the wire's overview, series and tables, and shared through a result cache.
import type { FilesystemRow, PanelId, Range, Series, SeriesUnit } from '../../../system-apps/dashboard/shared/wire';
import { sampleValue, type PromClient, type PromSeries } from './client';
import type { HostOverview, HostPanel, MetricsPort, NamespaceUsage, PodCounts } from './port';
import { ResultCache } from './result-cache';
import { filesystemTable, namespaceQueries, overviewQueries, panelQueries, podPhases, rangeSpec } from './queries';

type Grid = number[];

/**
 * The range's timestamps (epoch seconds), one step apart, ending at the last whole step (end = floor(now/step)·step):
 * everyone who asks within a step asks the same query, and its points never move between steps.
 */
export function rangeGrid(range: Range, nowMs: number): { start: number; end: number; stepSeconds: number; grid: Grid } {
  const { seconds, stepSeconds } = rangeSpec(range);
  const end = Math.floor(nowMs / 1000 / stepSeconds) * stepSeconds;
  const start = end - seconds;
  const grid: Grid = [];
  for (let t = start; t <= end; t += stepSeconds) grid.push(t);
  return { start, end, stepSeconds, grid };
}

/** One Prometheus series laid on the grid: [ms, value|null] per step. */
function onGrid(grid: Grid, values: PromSeries['values'] | undefined): Array<[number, number | null]> {
  const at = new Map<number, number | null>();
  for (const [t, v] of values ?? []) at.set(Math.round(t), sampleValue(v));
  return grid.map((t) => [t * 1000, at.get(t) ?? null]);
}

function series(name: string, unit: SeriesUnit, points: Array<[number, number | null]>): Series {
  return { name, unit, points };
}

/** Combines series point by point (null when any input is null). */
function combine(grid: Grid, inputs: Array<PromSeries | undefined>, f: (xs: number[]) => number): Array<[number, number | null]> {
  const laid = inputs.map((s) => onGrid(grid, s?.values));
  return grid.map((t, i) => {
    const xs = laid.map((l) => l[i]![1]);
    return [t * 1000, xs.every((x): x is number => x !== null) ? f(xs) : null];
  });
}

const byName = (rows: PromSeries[], name: string) => rows.find((r) => r.metric.__name__ === name);
const instantBy = (rows: Array<{ metric: Record<string, string>; value: [number, string] }>, label: string) =>
  new Map(rows.map((r) => [r.metric[label] ?? '', sampleValue(r.value[1]) ?? 0]));

export interface PrometheusMetricsOptions {
  /** Epoch ms. */
  now?: () => number;
  /** Instant queries are evaluated at now floored to this (ms) and kept until the next boundary. Default 2000. */
  instantStepMs?: number;
  /** The shared result cache; false asks Prometheus every time (the bench's cold path). Default: 256 answers, 200 000 points. */
  cache?: ResultCache | false;
}

/** Points in a panel's series: what they weigh in the cache. */
function pointsIn(series: Series[] | null): number {
  return 1 + (series?.reduce((a, s) => a + s.points.length, 0) ?? 0);
}

export class PrometheusMetrics implements MetricsPort {
  readonly kind = 'prometheus' as const;
  private readonly now: () => number;
  private readonly instantStepMs: number;
  readonly cache: ResultCache | null;

  constructor(
    private readonly prom: PromClient,
    opts: PrometheusMetricsOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.instantStepMs = opts.instantStepMs ?? 2_000;
    this.cache = opts.cache === false ? null : (opts.cache ?? new ResultCache({ now: this.now }));
  }

  /** A shaped answer from the cache, or loaded (once for all concurrent askers) and kept until `expiresAt`. */
  private cached<T>(key: string, expiresAt: number, load: () => Promise<T>, weigh?: (v: T) => number): Promise<T> {
    return this.cache ? this.cache.get(key, expiresAt, load, weigh) : load();
  }

  /** The aligned evaluation time of instant queries (epoch ms) and when its answers go stale. */
  private instant(): { at: number; expiresAt: number } {
    const at = Math.floor(this.now() / this.instantStepMs) * this.instantStepMs;
    return { at, expiresAt: at + this.instantStepMs };
  }

  private async scalar(promql: string, at: number): Promise<number | null> {
    const rows = await this.prom.query(promql, at / 1000);
    return rows.length ? sampleValue(rows[0]!.value[1]) : null;
  }

  overview(): Promise<HostOverview> {
    const { at, expiresAt } = this.instant();
    return this.cached(`overview@${at}`, expiresAt, () => this.loadOverview(at));
  }

  private async loadOverview(at: number): Promise<HostOverview> {
    const q = overviewQueries;
    const t = at / 1000;
    const [usage, cores, load, memory, disk, rx, tx] = await Promise.all([
      this.scalar(q.cpuUsage, at),
      this.scalar(q.cores, at),
      this.prom.query(q.load, t),
      this.prom.query(q.memory, t),
      this.prom.query(q.disk, t),
      this.scalar(q.netRx, at),
      this.scalar(q.netTx, at),
    ]);
    const l = instantBy(load, '__name__');
    const m = instantBy(memory, '__name__');
    const d = instantBy(disk, '__name__');
    const total = m.get('node_memory_MemTotal_bytes') ?? 0;
    const available = m.get('node_memory_MemAvailable_bytes') ?? 0;
    const size = d.get('node_filesystem_size_bytes') ?? 0;
    return {
      at,
      cpu: { usage: clamp01(usage ?? 0), cores: cores ?? 0, load1: l.get('node_load1') ?? 0, load5: l.get('node_load5') ?? 0, load15: l.get('node_load15') ?? 0 },
      memory: { totalBytes: total, usedBytes: Math.max(0, total - available), availableBytes: available },
      disk: { totalBytes: size, usedBytes: Math.max(0, size - (d.get('node_filesystem_avail_bytes') ?? 0)) },
      network: { rxBytesPerSec: rx ?? 0, txBytesPerSec: tx ?? 0 },
    };
  }

  pods(): Promise<PodCounts | null> {
    const { at, expiresAt } = this.instant();
    return this.cached(`pods@${at}`, expiresAt, () => this.loadPods(at));
  }

  private async loadPods(at: number): Promise<PodCounts | null> {
    const rows = await this.prom.query(podPhases, at / 1000);
    if (!rows.length) return null;
    const by = instantBy(rows, 'phase');
    const total = [...by.values()].reduce((a, b) => a + b, 0);
    return { running: by.get('Running') ?? 0, pending: by.get('Pending') ?? 0, failed: by.get('Failed') ?? 0, total };
  }

  /** Keyed by the panel and range (which name its PromQL) and the aligned window; kept until the window's next step. */
  /**
   * The shaped series are kept by panel and range (which name the PromQL) and the aligned window, until the
   * window's next step; the filesystems table is an instant answer of its own (≤ 2 s old, not a step).
   */
  async panel(panel: PanelId, range: Range): Promise<HostPanel | null> {
    const g = rangeGrid(range, this.now());
    const [out, table] = await Promise.all([
      this.cached(`panel:${panel}:${range}:${g.start}:${g.end}:${g.stepSeconds}`, (g.end + g.stepSeconds) * 1000, () => this.loadSeries(panel, range, g), pointsIn),
      panel === 'filesystems' ? this.filesystems() : Promise.resolve(null),
    ]);
    if (out === null) return null;
    return { stepSeconds: g.stepSeconds, series: out, ...(table ? { filesystems: table } : {}) };
  }

  private filesystems(): Promise<FilesystemRow[]> {
    const { at, expiresAt } = this.instant();
    return this.cached(`filesystems@${at}`, expiresAt, async () => filesystemRows(await this.prom.query(filesystemTable, at / 1000)), (v) => 1 + v.length);
  }

  private async loadSeries(panel: PanelId, range: Range, { start, end, stepSeconds, grid }: ReturnType<typeof rangeGrid>): Promise<Series[] | null> {
    const queries = panelQueries(panel, range);
    const keys = Object.keys(queries);
    const answers = await Promise.all(keys.map((k) => this.prom.queryRange(queries[k]!, { start, end, stepSeconds })));
    return this.shape(panel, grid, Object.fromEntries(keys.map((k, i) => [k, answers[i]!])) as Record<string, PromSeries[]>);
  }

  private shape(panel: PanelId, grid: Grid, got: Record<string, PromSeries[]>): Series[] | null {
    switch (panel) {
      case 'cpu': {
        const modes = got.modes ?? [];
        const mode = (m: string) => modes.find((s) => s.metric.mode === m);
        const named = ['user', 'system', 'iowait'].map((m) => series(m, 'ratio', onGrid(grid, mode(m)?.values)));
        const rest = modes.filter((s) => !['user', 'system', 'iowait', 'idle'].includes(s.metric.mode ?? ''));
        const other = rest.length ? combine(grid, rest, (xs) => xs.reduce((a, b) => a + b, 0)) : grid.map((t): [number, number | null] => [t * 1000, modes.length ? 0 : null]);
        return [...named, series('other', 'ratio', other)];
      }
      case 'load':
        return ['node_load1', 'node_load5', 'node_load15'].map((n) => series(n.replace('node_', ''), 'load', onGrid(grid, byName(got.load ?? [], n)?.values)));
      case 'memory': {
        const mem = got.memory ?? [];
        const [total, free, buffers, cached] = ['MemTotal', 'MemFree', 'Buffers', 'Cached'].map((n) => byName(mem, `node_memory_${n}_bytes`));
        return [
          series('used', 'bytes', combine(grid, [total, free, buffers, cached], ([t, f, b, c]) => Math.max(0, t! - f! - b! - c!))),
          series('buffers', 'bytes', onGrid(grid, buffers?.values)),
          series('cached', 'bytes', onGrid(grid, cached?.values)),
          series('free', 'bytes', onGrid(grid, free?.values)),
        ];
      }
      case 'filesystems':
        return (got.used ?? []).map((s) => series(s.metric.mountpoint ?? '?', 'ratio', onGrid(grid, s.values))).sort((a, b) => a.name.localeCompare(b.name));
      case 'network': {
        const out: Series[] = [];
        for (const dir of ['rx', 'tx'] as const) for (const s of got[dir] ?? []) out.push(series(`${s.metric.device ?? '?'}:${dir}`, 'bytesPerSec', onGrid(grid, s.values)));
        return out.sort((a, b) => a.name.localeCompare(b.name));
      }
      case 'pods': {
        const pods = got.pods ?? [];
        if (!pods.length) return null;
        const phase = (p: string) => pods.find((s) => s.metric.phase === p)?.values;
        // A phase with no pods may have no series at all: zero, where the others have points.
        const known = combine(grid, pods, () => 0);
        const laid = (p: string) => onGrid(grid, phase(p)).map(([t, v], i): [number, number | null] => [t, v ?? known[i]![1]]);
        return [series('running', 'count', laid('Running')), series('pending', 'count', laid('Pending')), series('failed', 'count', laid('Failed'))];
      }
      case 'gpu': {
        const out: Series[] = [];
        for (const s of got.util ?? []) out.push(series(`${s.metric.UUID ?? '?'}:util`, 'ratio', onGrid(grid, s.values).map(([t, v]) => [t, v === null ? null : v / 100])));
        for (const s of got.memory ?? []) out.push(series(`${s.metric.UUID ?? '?'}:memory`, 'bytes', onGrid(grid, s.values).map(([t, v]) => [t, v === null ? null : v * MIB])));
        return out.sort((a, b) => a.name.localeCompare(b.name));
      }
    }
  }

  namespaces(): Promise<NamespaceUsage[] | null> {
    const { at, expiresAt } = this.instant();
    return this.cached(`namespaces@${at}`, expiresAt, () => this.loadNamespaces(at), (v) => 1 + (v?.length ?? 0));
  }

  private async loadNamespaces(at: number): Promise<NamespaceUsage[] | null> {
    const q = namespaceQueries();
    const [cpu, memory, rx, tx] = await Promise.all([q.cpu, q.memory, q.rx, q.tx].map((x) => this.prom.query(x, at / 1000)));
    if (!cpu!.length && !memory!.length) return null;
    const [c, m, r, t] = [cpu!, memory!, rx!, tx!].map((rows) => instantBy(rows, 'namespace'));
    const names = new Set([...c!.keys(), ...m!.keys()]);
    return [...names].map((namespace) => ({
      namespace,
      cpuCores: c!.get(namespace) ?? 0,
      memoryBytes: m!.get(namespace) ?? 0,
      netRxBytesPerSec: r!.get(namespace) ?? null,
      netTxBytesPerSec: t!.get(namespace) ?? null,
    }));
  }
}

const MIB = 1024 * 1024;

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Size and available per mount (summed over nodes would mix disks: the first node's row per mount wins). */
function filesystemRows(rows: Array<{ metric: Record<string, string>; value: [number, string] }>): FilesystemRow[] {
  const byMount = new Map<string, FilesystemRow & { avail?: number }>();
  for (const r of rows) {
    const key = `${r.metric.instance ?? ''}|${r.metric.mountpoint ?? ''}`;
    const row = byMount.get(key) ?? { mountpoint: r.metric.mountpoint ?? '?', device: r.metric.device ?? '', fstype: r.metric.fstype ?? '', sizeBytes: 0, usedBytes: 0 };
    const v = sampleValue(r.value[1]) ?? 0;
    if (r.metric.__name__ === 'node_filesystem_size_bytes') row.sizeBytes = v;
    else row.avail = v;
    byMount.set(key, row);
  }
  const seen = new Set<string>();
  const out: FilesystemRow[] = [];
  for (const row of byMount.values()) {
    if (seen.has(row.mountpoint)) continue;
    seen.add(row.mountpoint);
    out.push({ mountpoint: row.mountpoint, device: row.device, fstype: row.fstype, sizeBytes: row.sizeBytes, usedBytes: Math.max(0, row.sizeBytes - (row.avail ?? row.sizeBytes)) });
  }
  return out.sort((a, b) => a.mountpoint.localeCompare(b.mountpoint));
}
