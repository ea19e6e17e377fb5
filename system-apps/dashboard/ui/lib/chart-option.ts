// Turns a chart's shape into an ECharts option: colours of the desktop's theme, units and times in the user's language, a tooltip that says the same.
import type { Range } from '../../shared/wire';
import { formatAxis, formatAxisTime, formatTime, formatValue } from './format';
import type { ChartSpec, Label } from './series';

export interface Look {
  dark: boolean;
  locale: string;
  range: Range;
  /** A label in the user's language. */
  text(label: Label): string;
}

/** Fixed colours per series name where the meaning matters (user, system, iowait…); the rest take the palette in turn. */
/** How much time each range's axis spans (live: the last 15 minutes). */
export const RANGE_MS: Record<Range, number> = { live: 15 * 60_000, '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000, '7d': 7 * 24 * 3_600_000 };

/** The time axis ends at the newest sample and spans the whole range, so that sparse history looks sparse, not stretched. */
export function timeWindow(spec: ChartSpec, range: Range): { min: number; max: number } | null {
  let max = -Infinity;
  for (const l of spec.lines) for (const [t] of l.points) if (t > max) max = t;
  return Number.isFinite(max) ? { min: max - RANGE_MS[range], max } : null;
}

/** An axis step in whole binary units (1, 2, 2.5 or 5 × 10ⁿ KiB, MiB, GiB…), about `ticks` steps up to `max`. */
export function byteStep(max: number, ticks = 4): number {
  if (!(max > 0)) return 1;
  let base = 1;
  while (max / base >= 1024) base *= 1024;
  const raw = max / base / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((x) => x >= raw)! * base;
}

/** The highest value drawn: of the sums where lines stack, else of any line. */
export function dataMax(spec: ChartSpec): number {
  let max = 0;
  if (spec.kind === 'stacked') {
    const sums = new Map<number, number>();
    for (const l of spec.lines) for (const [t, v] of l.points) sums.set(t, (sums.get(t) ?? 0) + (v ?? 0));
    for (const v of sums.values()) max = Math.max(max, v);
  } else for (const l of spec.lines) for (const [, v] of l.points) if (v !== null && v > max) max = v;
  return max;
}

/** The y axis's scale: 0–100 % in quarters for ratios, whole binary units for bytes, ECharts' own otherwise. */
function yScale(spec: ChartSpec): Record<string, number> {
  if (spec.max === 1 && spec.unit === 'ratio') return { max: 1, interval: 0.25 };
  if (spec.unit === 'bytes' || spec.unit === 'bytesPerSec') {
    const top = dataMax(spec);
    if (top <= 0) return { splitNumber: 4 };
    const step = byteStep(top);
    return { interval: step, max: Math.ceil(top / step) * step };
  }
  return { ...(spec.max !== undefined ? { max: spec.max } : {}), splitNumber: 4 };
}

const NAMED: Record<string, string> = {
  user: '#2f7cf6',
  system: '#f59e0b',
  iowait: '#e5484d',
  other: '#94a3b8',
  used: '#2f7cf6',
  buffers: '#8b5cf6',
  cached: '#16a394',
  free: '#cbd5e1',
  running: '#16a394',
  pending: '#f59e0b',
  failed: '#e5484d',
  load1: '#2f7cf6',
  load5: '#8b5cf6',
  load15: '#16a394',
  rx: '#16a394',
  tx: '#2f7cf6',
};
export const PALETTE = ['#2f7cf6', '#16a394', '#f59e0b', '#e5484d', '#8b5cf6', '#0ea5e9', '#64748b', '#d946ef'];

function colourOf(name: string, i: number, dark: boolean): string {
  const part = name.includes(':') ? name.slice(name.lastIndexOf(':') + 1) : name;
  const c = NAMED[part] ?? NAMED[name] ?? PALETTE[i % PALETTE.length]!;
  return dark && c === '#cbd5e1' ? '#475569' : c;
}

export function barColour(ratio: number): string {
  return ratio >= 0.9 ? '#e5484d' : ratio >= 0.75 ? '#f59e0b' : '#2f7cf6';
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface TipParam {
  seriesName?: string;
  name?: string;
  value?: unknown;
  color?: string;
  axisValue?: number | string;
}

/** The chart's ECharts option (a plain object: the component hands it to echarts as is). */
export function chartOption(spec: ChartSpec, look: Look): Record<string, unknown> {
  const { dark, locale, range } = look;
  const ink = dark ? 'rgba(230, 232, 238, 0.92)' : 'rgba(31, 35, 40, 0.9)';
  const muted = dark ? 'rgba(230, 232, 238, 0.62)' : 'rgba(31, 35, 40, 0.6)';
  const rule = dark ? 'rgba(255, 255, 255, 0.09)' : 'rgba(0, 0, 0, 0.08)';
  const tooltip = {
    confine: true,
    backgroundColor: dark ? '#2a2f3d' : '#ffffff',
    borderColor: rule,
    textStyle: { color: ink, fontSize: 12 },
  };
  const base = { backgroundColor: 'transparent', textStyle: { color: ink, fontFamily: 'inherit' }, animationDuration: 300, animationDurationUpdate: 200 };

  if (spec.kind === 'bars') {
    const bars = spec.bars ?? [];
    return {
      ...base,
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { ...tooltip, trigger: 'item', formatter: (p: TipParam) => `${escape(String(p.name))}: <b>${formatValue(Number(p.value), 'ratio', locale)}</b>` },
      xAxis: { type: 'value', min: 0, max: 1, interval: 0.25, axisLabel: { color: muted, formatter: (v: number) => formatAxis(v, 'ratio', locale) }, splitLine: { lineStyle: { color: rule } } },
      yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label), axisLabel: { color: ink, width: 140, overflow: 'truncate' }, axisLine: { lineStyle: { color: rule } }, axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: bars.map((b) => ({ value: b.value, itemStyle: { color: barColour(b.value), borderRadius: [0, 4, 4, 0] } })),
          label: { show: true, position: 'right', color: muted, formatter: (p: TipParam) => formatValue(Number(p.value), 'ratio', locale) },
          showBackground: true,
          backgroundStyle: { color: dark ? 'rgba(255,255,255,0.05)' : 'rgba(0,0,0,0.04)', borderRadius: [0, 4, 4, 0] },
        },
      ],
    };
  }

  const stacked = spec.kind === 'stacked';
  const span = timeWindow(spec, range);
  return {
    ...base,
    grid: { left: 8, right: 16, top: 34, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 10, itemHeight: 10, textStyle: { color: muted }, inactiveColor: dark ? '#555' : '#bbb' },
    tooltip: {
      ...tooltip,
      trigger: 'axis',
      formatter: (params: TipParam[]) => {
        const list = Array.isArray(params) ? params : [params];
        const at = Number((list[0]?.value as [number, number | null] | undefined)?.[0] ?? list[0]?.axisValue);
        const rows = list.map((p) => {
          const v = (p.value as [number, number | null])[1];
          return `<div><span style="display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:6px;background:${p.color}"></span>${escape(String(p.seriesName))}: <b>${formatValue(v, spec.unit, locale)}</b></div>`;
        });
        return `<div style="opacity:.7;margin-bottom:2px">${formatTime(at, range, locale)}</div>${rows.join('')}`;
      },
    },
    xAxis: {
      type: 'time',
      ...(span ?? {}),
      axisLabel: { color: muted, hideOverlap: true, formatter: (v: number) => formatAxisTime(v, range, locale) },
      axisLine: { lineStyle: { color: rule } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      ...yScale(spec),
      axisLabel: { color: muted, formatter: (v: number) => formatAxis(v, spec.unit, locale) },
      splitLine: { lineStyle: { color: rule } },
    },
    series: spec.lines.map((l, i) => {
      const colour = colourOf(l.name, i, dark);
      return {
        type: 'line',
        name: look.text(l.label),
        data: l.points,
        // A line of one or two samples would not show without its dots.
        showSymbol: l.points.filter(([, v]) => v !== null).length < 3,
        symbolSize: 5,
        connectNulls: false,
        sampling: 'lttb',
        color: colour,
        lineStyle: { width: 1.5 },
        emphasis: { focus: 'series' },
        ...(stacked ? { stack: 'total', areaStyle: { opacity: dark ? 0.45 : 0.35 } } : { areaStyle: { opacity: 0.06 } }),
      };
    }),
  };
}
