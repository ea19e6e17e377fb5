// The ECharts option: stacked areas for parts of a whole, the axis spanning the whole range up to the newest sample, dots on sparse lines, theme colours, and bars coloured by how full they are.
import { describe, expect, it } from 'vitest';
import { barColour, byteStep, chartOption, dataMax, RANGE_MS, timeWindow } from './chart-option';
import type { ChartSpec } from './series';

const look = (dark = false) => ({ dark, locale: 'en-US', range: '1h' as const, text: (l: { key?: string; text?: string }) => l.text ?? `t:${l.key}` });
const cpu: ChartSpec = {
  key: 'cpu',
  title: { key: 'dashboard.charts.cpu' },
  unit: 'ratio',
  kind: 'stacked',
  max: 1,
  lines: [
    { name: 'user', label: { key: 'dashboard.series.user' }, points: [[1000, 0.1], [2000, 0.2], [3000, 0.3]] },
    { name: 'system', label: { key: 'dashboard.series.system' }, points: [[3000, 0.05]] },
  ],
};

describe('chartOption', () => {
  it('stacks the parts, names them in the language, and marks sparse lines with dots', () => {
    const o = chartOption(cpu, look()) as { series: Array<Record<string, unknown>>; yAxis: Record<string, unknown>; xAxis: Record<string, unknown> };
    expect(o.series.map((s) => [s.name, s.stack, s.showSymbol])).toEqual([
      ['t:dashboard.series.user', 'total', false],
      ['t:dashboard.series.system', 'total', true],
    ]);
    expect(o.series[0]!.color).toBe('#2f7cf6');
    expect(o.yAxis).toMatchObject({ min: 0, max: 1, interval: 0.25 });
    expect(o.xAxis).toMatchObject({ type: 'time', min: 3000 - RANGE_MS['1h'], max: 3000 });
    const fmt = (o.yAxis.axisLabel as { formatter: (v: number) => string }).formatter;
    expect(fmt(0.5)).toBe('50%');
  });

  it('takes the theme: light ink on dark, dark ink on light', () => {
    const light = chartOption(cpu, look(false)) as { textStyle: { color: string } };
    const dark = chartOption(cpu, look(true)) as { textStyle: { color: string } };
    expect(light.textStyle.color).toMatch(/^rgba\(31, 35, 40/);
    expect(dark.textStyle.color).toMatch(/^rgba\(230, 232, 238/);
  });

  it('draws bars per category, coloured by fullness, and has no window without samples', () => {
    const bars: ChartSpec = { key: 'fs-now', title: { key: 'x' }, unit: 'ratio', kind: 'bars', lines: [], bars: [{ label: '/', value: 0.95 }, { label: '/home', value: 0.5 }] };
    const o = chartOption(bars, look()) as { yAxis: { data: string[] }; series: Array<{ data: Array<{ value: number; itemStyle: { color: string } }> }> };
    expect(o.yAxis.data).toEqual(['/', '/home']);
    expect(o.series[0]!.data.map((d) => d.itemStyle.color)).toEqual([barColour(0.95), barColour(0.5)]);
    expect(barColour(0.8)).not.toBe(barColour(0.5));
    expect(timeWindow({ ...cpu, lines: [] }, 'live')).toBeNull();
  });

  it('steps byte axes in whole binary units up to the stacked total', () => {
    const GiB = 1024 ** 3;
    expect(byteStep(23.5 * GiB)).toBe(10 * GiB);
    expect(byteStep(3 * 1024 ** 2)).toBe(1024 ** 2);
    expect(byteStep(900)).toBe(250);
    const mem: ChartSpec = { key: 'memory', title: { key: 'x' }, unit: 'bytes', kind: 'stacked', lines: [{ name: 'used', label: {}, points: [[1, 5 * GiB], [2, 6 * GiB]] }, { name: 'free', label: {}, points: [[1, 18 * GiB], [2, null]] }] };
    expect(dataMax(mem)).toBe(23 * GiB);
    expect((chartOption(mem, look()) as { yAxis: Record<string, unknown> }).yAxis).toMatchObject({ min: 0, interval: 10 * GiB, max: 30 * GiB });
  });
});
