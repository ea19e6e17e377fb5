// Series shaping: which lines go on which chart and in what order, interfaces and GPUs grouped, the filesystems' bars, live points appended within the window, and the summary figures.
import { describe, expect, it } from 'vitest';
import type { Panel, Series } from '../../shared/wire';
import { appendPoints, chartsFor, LIVE_WINDOW_MS, MAX_INTERFACES, splitKey, stats } from './series';

const source = { kind: 'sampler', prometheus: 'not-configured', simulatedCluster: true } as const;
function s(name: string, unit: Series['unit'], values: Array<number | null>, t0 = 1_000): Series {
  return { name, unit, points: values.map((v, i) => [t0 + i * 1000, v]) };
}
function panel(p: Partial<Panel> & Pick<Panel, 'panel' | 'series'>): Panel {
  return { range: 'live', stepSeconds: 5, source, ...p };
}

describe('chartsFor', () => {
  it('stacks CPU parts from the bottom in a fixed order, up to 100 %', () => {
    const [chart, ...rest] = chartsFor(panel({ panel: 'cpu', series: [s('iowait', 'ratio', [0.01]), s('other', 'ratio', [0]), s('user', 'ratio', [0.2]), s('system', 'ratio', [0.05])] }));
    expect(rest).toEqual([]);
    expect(chart).toMatchObject({ key: 'cpu', kind: 'stacked', unit: 'ratio', max: 1 });
    expect(chart!.lines.map((l) => l.name)).toEqual(['user', 'system', 'iowait', 'other']);
    expect(chart!.lines[0]!.label).toEqual({ key: 'dashboard.series.user' });
  });

  it('draws load as lines and memory as stacked bytes', () => {
    const [load] = chartsFor(panel({ panel: 'load', series: [s('load15', 'load', [1]), s('load1', 'load', [2]), s('load5', 'load', [1.5])] }));
    expect(load).toMatchObject({ kind: 'line', unit: 'load' });
    expect(load!.lines.map((l) => l.name)).toEqual(['load1', 'load5', 'load15']);
    const [mem] = chartsFor(panel({ panel: 'memory', series: ['free', 'cached', 'used', 'buffers'].map((n) => s(n, 'bytes', [1])) }));
    expect(mem).toMatchObject({ kind: 'stacked', unit: 'bytes' });
    expect(mem!.lines.map((l) => l.name)).toEqual(['used', 'buffers', 'cached', 'free']);
    expect(mem!.max).toBeUndefined();
  });

  it('gives each interface its own chart, the busiest first, at most six', () => {
    const series = ['lo', 'eth0', 'wlan0', 'a', 'b', 'c', 'd'].flatMap((iface, i) => [s(`${iface}:tx`, 'bytesPerSec', [i]), s(`${iface}:rx`, 'bytesPerSec', [i * 10])]);
    const charts = chartsFor(panel({ panel: 'network', series }));
    expect(charts).toHaveLength(MAX_INTERFACES);
    expect(charts[0]).toMatchObject({ key: 'net:d', title: { key: 'dashboard.charts.interface', params: { name: 'd' } }, unit: 'bytesPerSec' });
    expect(charts[0]!.lines.map((l) => l.name)).toEqual(['d:rx', 'd:tx']);
    expect(charts[0]!.lines.map((l) => l.label.key)).toEqual(['dashboard.series.rx', 'dashboard.series.tx']);
    expect(charts.map((c) => c.key)).not.toContain('net:lo');
  });

  it('shows filesystems as bars of their use now, and their history as lines by mount point', () => {
    const charts = chartsFor(
      panel({
        panel: 'filesystems',
        series: [s('/', 'ratio', [0.4]), s('/home', 'ratio', [0.9])],
        filesystems: [
          { mountpoint: '/', device: '/dev/sda1', fstype: 'ext4', sizeBytes: 100, usedBytes: 40 },
          { mountpoint: '/empty', device: 'none', fstype: 'tmpfs', sizeBytes: 0, usedBytes: 0 },
        ],
      }),
    );
    expect(charts.map((c) => c.kind)).toEqual(['bars', 'line']);
    expect(charts[0]!.bars).toEqual([
      { label: '/', value: 0.4 },
      { label: '/empty', value: 0 },
    ]);
    expect(charts[1]!.lines.map((l) => l.label)).toEqual([{ text: '/' }, { text: '/home' }]);
  });

  it('draws utilisation and memory per GPU, numbered, and nothing without one', () => {
    const charts = chartsFor(panel({ panel: 'gpu', series: [s('GPU-a:util', 'ratio', [0.5]), s('GPU-a:memory', 'bytes', [1e9]), s('GPU-b:util', 'ratio', [0.1])] }));
    expect(charts.map((c) => [c.key, c.title.params?.n, c.unit, c.max])).toEqual([
      ['gpu:GPU-a:util', 1, 'ratio', 1],
      ['gpu:GPU-a:memory', 1, 'bytes', undefined],
      ['gpu:GPU-b:util', 2, 'ratio', 1],
    ]);
    expect(chartsFor(panel({ panel: 'gpu', series: [] }))).toEqual([]);
    expect(chartsFor(panel({ panel: 'pods', series: [] }))).toEqual([]);
  });

  it('splits keys at their last colon', () => {
    expect(splitKey('eth0:rx')).toEqual(['eth0', 'rx']);
    expect(splitKey('GPU-1:2:util')).toEqual(['GPU-1:2', 'util']);
    expect(splitKey('/')).toEqual(['/', '']);
  });
});

describe('appendPoints', () => {
  const base = [s('user', 'ratio', [0.1, 0.2], 0), s('system', 'ratio', [0.05, 0.05], 0)];

  it('adds the pushed point to the series it names and leaves the rest', () => {
    const next = appendPoints(base, { user: 0.3, unknown: 1 }, 5000);
    expect(next[0]!.points).toEqual([
      [0, 0.1],
      [1000, 0.2],
      [5000, 0.3],
    ]);
    expect(next[1]).toBe(base[1]);
    expect(next.map((x) => x.name)).toEqual(['user', 'system']);
  });

  it('keeps only the live window and never adds a point twice', () => {
    const at = LIVE_WINDOW_MS + 500;
    const next = appendPoints(base, { user: null }, at);
    expect(next[0]!.points).toEqual([
      [1000, 0.2],
      [at, null],
    ]);
    expect(appendPoints(next, { user: 0.9 }, at)[0]!.points).toEqual(next[0]!.points);
    expect(appendPoints(base, undefined, at)).toBe(base);
  });
});

describe('stats', () => {
  it('gives the newest sample, the peak and the mean, skipping gaps', () => {
    const got = stats([
      [1, 0.2],
      [2, 0.6],
      [3, 0.4],
      [4, null],
    ]);
    expect(got).toMatchObject({ latest: 0.4, peak: 0.6 });
    expect(got.average).toBeCloseTo(0.4);
    expect(stats([])).toEqual({ latest: null, peak: null, average: null });
  });
});
