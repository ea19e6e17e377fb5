// Unit tests of PrometheusMetrics' step alignment and result sharing, with a fake clock and a fake client that counts what it is asked.
import { describe, expect, it } from 'vitest';
import type { PromClient, PromSeries, RangeWindow } from './client';
import { MetricsUnavailable, type PromSample } from './port';
import { PrometheusMetrics } from './prometheus.metrics';
import { overviewQueries, panelQueries, podPhases } from './queries';

interface Asked {
  instant: Array<{ promql: string; time: number | undefined }>;
  range: Array<{ promql: string; window: RangeWindow }>;
}

/** Answers every query with one series/sample; `fail` makes the next `n` calls throw. */
function fakeClient() {
  const asked: Asked = { instant: [], range: [] };
  const state = { fail: 0, gate: null as Promise<void> | null };
  const maybeFail = async () => {
    if (state.gate) await state.gate;
    if (state.fail > 0) {
      state.fail--;
      throw new MetricsUnavailable('connection refused');
    }
  };
  const client: PromClient = {
    url: 'http://fake',
    async query(promql: string, time?: number): Promise<PromSample[]> {
      asked.instant.push({ promql, time });
      await maybeFail();
      if (promql === podPhases) return [{ metric: { phase: 'Running' }, value: [time ?? 0, '3'] }];
      return [{ metric: {}, value: [time ?? 0, '0.5'] }];
    },
    async queryRange(promql: string, window: RangeWindow): Promise<PromSeries[]> {
      asked.range.push({ promql, window });
      await maybeFail();
      const values: Array<[number, string]> = [];
      for (let t = window.start; t <= window.end; t += window.stepSeconds) values.push([t, '0.25']);
      return [{ metric: { mode: 'user' }, values }];
    },
    close: () => Promise.resolve(),
  };
  return { client, asked, state };
}

function setup(opts: { cache?: false } = {}) {
  const clock = { t: 1_700_000_001_234 };
  const fake = fakeClient();
  const metrics = new PrometheusMetrics(fake.client, { now: () => clock.t, ...opts });
  return { clock, metrics, ...fake };
}

const CPU = panelQueries('cpu', 'live').modes!;

describe('PrometheusMetrics: range queries', () => {
  it('asks for a step-aligned window and lays every point on its grid', async () => {
    const { metrics, asked } = setup();
    const panel = await metrics.panel('cpu', 'live');
    expect(asked.range).toEqual([{ promql: CPU, window: { start: 1_700_000_000 - 900, end: 1_700_000_000, stepSeconds: 5 } }]);
    const user = panel!.series.find((s) => s.name === 'user')!;
    expect(user.points).toHaveLength(181);
    expect(user.points.every(([t, v]) => t % 5_000 === 0 && v === 0.25)).toBe(true);
    expect(user.points.at(-1)![0]).toBe(1_700_000_000_000);
  });

  it('answers again from the cache within the step and asks again at the boundary', async () => {
    const { clock, metrics, asked } = setup();
    const first = await metrics.panel('cpu', 'live');
    clock.t = 1_700_000_004_999;
    expect((await metrics.panel('cpu', 'live'))!.series).toBe(first!.series);
    expect(asked.range).toHaveLength(1);
    clock.t = 1_700_000_005_000;
    const next = await metrics.panel('cpu', 'live');
    expect(asked.range).toHaveLength(2);
    expect(asked.range[1]!.window.end).toBe(1_700_000_005);
    expect(next!.series[0]!.points.at(-1)![0]).toBe(1_700_000_005_000);
  });

  it('keeps each panel and range apart', async () => {
    const { metrics, asked } = setup();
    await Promise.all([metrics.panel('cpu', 'live'), metrics.panel('cpu', '1h'), metrics.panel('network', 'live')]);
    await Promise.all([metrics.panel('cpu', 'live'), metrics.panel('cpu', '1h'), metrics.panel('network', 'live')]);
    expect(asked.range).toHaveLength(4); // cpu live, cpu 1h, network rx + tx
  });

  it('sends one request for many concurrent askers', async () => {
    const { metrics, asked, state } = setup();
    let open!: () => void;
    state.gate = new Promise<void>((r) => (open = r));
    const askers = Array.from({ length: 8 }, () => metrics.panel('cpu', '24h'));
    open();
    const answers = await Promise.all(askers);
    expect(asked.range).toHaveLength(1);
    expect(new Set(answers.map((a) => a!.series)).size).toBe(1);
  });

  it('never keeps a failure', async () => {
    const { metrics, asked, state } = setup();
    state.fail = 1;
    await expect(metrics.panel('cpu', 'live')).rejects.toBeInstanceOf(MetricsUnavailable);
    expect((await metrics.panel('cpu', 'live'))!.series).toHaveLength(4);
    expect(asked.range).toHaveLength(2);
  });

  it('with the cache off asks every time, on the same aligned window', async () => {
    const { metrics, asked } = setup({ cache: false });
    await metrics.panel('cpu', 'live');
    await metrics.panel('cpu', 'live');
    expect(asked.range).toHaveLength(2);
    expect(asked.range[0]!.window).toEqual(asked.range[1]!.window);
  });
});

describe('PrometheusMetrics: instant queries', () => {
  it('evaluates the overview at the last 2 s boundary and says so in `at`', async () => {
    const { metrics, asked } = setup();
    const o = await metrics.overview();
    expect(o.at).toBe(1_700_000_000_000);
    expect(asked.instant).toHaveLength(Object.keys(overviewQueries).length);
    expect(asked.instant.every((q) => q.time === 1_700_000_000)).toBe(true);
  });

  it('shares the overview, pods and namespaces within the step and asks again at the boundary', async () => {
    const { clock, metrics, asked } = setup();
    const once = async () => Promise.all([metrics.overview(), metrics.pods(), metrics.namespaces()]);
    const [o1, p1] = await Promise.all([once(), once()]).then((x) => x[0]);
    const perRound = asked.instant.length;
    expect(perRound).toBe(Object.keys(overviewQueries).length + 1 + 4);
    clock.t = 1_700_000_001_999;
    const [o2, p2] = await once();
    expect(o2).toBe(o1);
    expect(p2).toEqual({ running: 3, pending: 0, failed: 0, total: 3 });
    expect(p2).toBe(p1);
    expect(asked.instant).toHaveLength(perRound);
    clock.t = 1_700_000_002_000;
    const [o3] = await once();
    expect(o3.at).toBe(1_700_000_002_000);
    expect(asked.instant).toHaveLength(2 * perRound);
  });

  it('does not keep a failed overview', async () => {
    const { metrics, state } = setup();
    state.fail = 1;
    await expect(metrics.overview()).rejects.toBeInstanceOf(MetricsUnavailable);
    await expect(metrics.overview()).resolves.toMatchObject({ at: 1_700_000_000_000 });
  });

  it('evaluates the filesystem table as an instant answer of its own (2 s), beside the range kept for its step', async () => {
    const { clock, metrics, asked } = setup();
    await metrics.panel('filesystems', '1h');
    clock.t = 1_700_000_003_000;
    await metrics.panel('filesystems', '1h');
    expect(asked.instant.map((q) => q.time)).toEqual([1_700_000_000, 1_700_000_002]);
    expect(asked.range).toHaveLength(1);
  });
});
