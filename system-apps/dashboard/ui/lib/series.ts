// Shapes the BFF's panels into the charts the Dashboard draws (which lines go on which chart, in what order) and keeps live charts current with pushed points.
import type { Panel, PanelId, Series, SeriesUnit } from '../../shared/wire';

/** The `live` range's window: the last 15 minutes. */
export const LIVE_WINDOW_MS = 15 * 60_000;

/** A text for the user: a message key (with parameters) or literal text (a mount point, an interface). */
export interface Label {
  key?: string;
  params?: Record<string, string | number>;
  text?: string;
}

export interface ChartLine {
  name: string;
  label: Label;
  points: Array<[number, number | null]>;
}

export interface ChartSpec {
  key: string;
  title: Label;
  unit: SeriesUnit;
  /** `stacked`: areas stacked on each other (parts of a whole); `line`: lines side by side; `bars`: current values per category. */
  kind: 'stacked' | 'line' | 'bars';
  lines: ChartLine[];
  /** For `bars`: one bar per category. */
  bars?: Array<{ label: string; value: number }>;
  /** The y axis's top, when it has a natural one (100 %). */
  max?: number;
}

/** Orders of the parts of a whole, as they stack from the bottom. */
const ORDER: Partial<Record<PanelId, string[]>> = {
  cpu: ['user', 'system', 'iowait', 'other'],
  load: ['load1', 'load5', 'load15'],
  memory: ['used', 'buffers', 'cached', 'free'],
  pods: ['running', 'pending', 'failed'],
};

function ordered(series: Series[], order: string[]): Series[] {
  const rank = (s: Series) => (order.includes(s.name) ? order.indexOf(s.name) : order.length);
  return [...series].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

function line(s: Series, label: Label): ChartLine {
  return { name: s.name, label, points: s.points };
}

/** `eth0:rx` → ['eth0', 'rx']; the key is split at its last colon (interface names and uuids have none of their own there). */
export function splitKey(name: string): [string, string] {
  const i = name.lastIndexOf(':');
  return i < 0 ? [name, ''] : [name.slice(0, i), name.slice(i + 1)];
}

function total(points: Array<[number, number | null]>): number {
  return points.reduce((sum, [, v]) => sum + (v ?? 0), 0);
}

/** Groups `<prefix>:<part>` series by prefix, in first-seen order. */
function groups(series: Series[]): Map<string, Series[]> {
  const out = new Map<string, Series[]>();
  for (const s of series) {
    const [prefix] = splitKey(s.name);
    out.set(prefix, [...(out.get(prefix) ?? []), s]);
  }
  return out;
}

/** At most this many interface charts (the busiest). */
export const MAX_INTERFACES = 6;

/** The charts of one panel. */
export function chartsFor(panel: Panel): ChartSpec[] {
  const id = panel.panel;
  const unitOf = (fallback: SeriesUnit) => panel.series[0]?.unit ?? fallback;
  switch (id) {
    case 'cpu':
    case 'memory':
    case 'pods':
      if (panel.series.length === 0) return [];
      return [
        {
          key: id,
          title: { key: `dashboard.charts.${id}` },
          unit: unitOf(id === 'memory' ? 'bytes' : id === 'pods' ? 'count' : 'ratio'),
          kind: 'stacked',
          lines: ordered(panel.series, ORDER[id]!).map((s) => line(s, { key: `dashboard.series.${s.name}` })),
          ...(id === 'cpu' ? { max: 1 } : {}),
        },
      ];
    case 'load':
      if (panel.series.length === 0) return [];
      return [{ key: 'load', title: { key: 'dashboard.charts.load' }, unit: 'load', kind: 'line', lines: ordered(panel.series, ORDER.load!).map((s) => line(s, { key: `dashboard.series.${s.name}` })) }];
    case 'filesystems': {
      const charts: ChartSpec[] = [];
      const rows = panel.filesystems ?? [];
      if (rows.length > 0) {
        charts.push({
          key: 'fs-now',
          title: { key: 'dashboard.charts.fsNow' },
          unit: 'ratio',
          kind: 'bars',
          lines: [],
          bars: rows.map((r) => ({ label: r.mountpoint, value: r.sizeBytes > 0 ? r.usedBytes / r.sizeBytes : 0 })),
          max: 1,
        });
      }
      if (panel.series.length > 0) {
        charts.push({ key: 'fs-history', title: { key: 'dashboard.charts.fsHistory' }, unit: 'ratio', kind: 'line', lines: panel.series.map((s) => line(s, { text: s.name })), max: 1 });
      }
      return charts;
    }
    case 'network':
      return [...groups(panel.series)]
        .sort(([, a], [, b]) => total(b.flatMap((s) => s.points)) - total(a.flatMap((s) => s.points)))
        .slice(0, MAX_INTERFACES)
        .map(([iface, list]) => ({
          key: `net:${iface}`,
          title: { key: 'dashboard.charts.interface', params: { name: iface } },
          unit: 'bytesPerSec' as const,
          kind: 'line' as const,
          lines: ordered(list, [`${iface}:rx`, `${iface}:tx`]).map((s) => line(s, { key: `dashboard.series.${splitKey(s.name)[1]}` })),
        }));
    case 'gpu': {
      const charts: ChartSpec[] = [];
      let n = 0;
      for (const [uuid, list] of groups(panel.series)) {
        n++;
        for (const s of list) {
          const part = splitKey(s.name)[1];
          charts.push({
            key: `gpu:${uuid}:${part}`,
            title: { key: part === 'util' ? 'dashboard.charts.gpuUtil' : 'dashboard.charts.gpuMemory', params: { n } },
            unit: s.unit,
            kind: 'line',
            lines: [line(s, { key: `dashboard.series.${part === 'util' ? 'util' : 'memory'}` })],
            ...(s.unit === 'ratio' ? { max: 1 } : {}),
          });
        }
      }
      return charts;
    }
  }
}

/**
 * Appends one pushed point per series (keyed like Series.name) at `at`, dropping points older than the live
 * window. Series the tick does not name are left as they are; names the panel does not have are ignored
 * (their unit is unknown). A point at or before a series' last one is not added twice.
 */
export function appendPoints(series: Series[], points: Record<string, number | null> | undefined, at: number, windowMs = LIVE_WINDOW_MS): Series[] {
  if (!points) return series;
  const from = at - windowMs;
  return series.map((s) => {
    if (!(s.name in points)) return s;
    const last = s.points[s.points.length - 1];
    const kept = s.points.filter(([t]) => t >= from);
    if (last && last[0] >= at) return { ...s, points: kept };
    return { ...s, points: [...kept, [at, points[s.name] ?? null]] };
  });
}

export interface Stats {
  latest: number | null;
  peak: number | null;
  average: number | null;
}

/** The newest, the highest and the mean of the samples present. */
export function stats(points: Array<[number, number | null]>): Stats {
  const values = points.map(([, v]) => v).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return { latest: null, peak: null, average: null };
  let latest: number | null = null;
  for (let i = points.length - 1; i >= 0 && latest === null; i--) latest = points[i]![1];
  return { latest, peak: Math.max(...values), average: values.reduce((a, b) => a + b, 0) / values.length };
}

/** Which panels a card opens (the CPU card shows utilisation and load). */
export const CARD_PANELS = {
  cpu: ['cpu', 'load'],
  memory: ['memory'],
  disk: ['filesystems'],
  network: ['network'],
  pods: ['pods'],
  gpu: ['gpu'],
} as const satisfies Record<string, readonly PanelId[]>;
export type CardId = keyof typeof CARD_PANELS;
export const CARDS = Object.keys(CARD_PANELS) as CardId[];
