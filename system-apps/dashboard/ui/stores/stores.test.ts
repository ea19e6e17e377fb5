// The stores against a fake server: the overview takes newer pushed figures only; a panel's error stays in that panel; a range change reads the open card's panels again and drops late answers; live ticks append only to live panels; the app ranking asks the server to sort.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { computed } from 'vue';
import type { AppUsage, LiveTick, Overview, Panel, PanelId, Range } from '../../shared/wire';
import { setDashboardApi, type DashboardApi } from '../api';
import { useOverviewStore } from './overview.store';
import { usePanelsStore } from './panels.store';
import { APP_LIMIT, useUsageStore } from './usage.store';

const source = { kind: 'sampler', prometheus: 'not-configured', simulatedCluster: false } as const;
function overview(at: number, usage = 0.1): Overview {
  return {
    source,
    at,
    cpu: { usage, cores: 2, load1: 0.1, load5: 0.2, load15: 0.3 },
    memory: { totalBytes: 100, usedBytes: 50, availableBytes: 50 },
    disk: { totalBytes: 100, usedBytes: 10 },
    network: { rxBytesPerSec: 1, txBytesPerSec: 2 },
    pods: null,
    gpu: null,
  };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function fakeServer() {
  const calls: Array<{ panel: PanelId; range: Range; answer: Deferred<Panel> }> = [];
  const appCalls: Array<{ sort?: string; limit?: number }> = [];
  let overviewAnswer: () => Promise<Overview> = async () => overview(1000);
  const api: DashboardApi = {
    overview: { query: () => overviewAnswer() },
    panel: {
      query: (input) => {
        const answer = deferred<Panel>();
        calls.push({ panel: input.panel, range: input.range, answer });
        return answer.promise;
      },
    },
    apps: {
      query: async (input) => {
        appCalls.push(input);
        const rows: AppUsage[] = [{ app: 'a', namespace: 'a-alice', owner: 'alice', cpuCores: 0.5, memoryBytes: 1, netRxBytesPerSec: null, netTxBytesPerSec: null, basis: 'requested' }];
        return rows;
      },
    },
    quotas: { query: async () => [] },
    watch: { mutate: async () => ({ ok: true }) },
  };
  return { api, calls, appCalls, setOverview: (f: () => Promise<Overview>) => (overviewAnswer = f) };
}

function answer(panel: PanelId, range: Range, values: number[] = [0.1]): Panel {
  return { panel, range, stepSeconds: 5, source, series: [{ name: panel === 'load' ? 'load1' : 'user', unit: 'ratio', points: values.map((v, i) => [i * 1000, v]) }] };
}

describe('dashboard stores', () => {
  let server: ReturnType<typeof fakeServer>;
  beforeEach(() => {
    setActivePinia(createPinia());
    server = fakeServer();
    setDashboardApi(server.api);
  });

  it('overview: loads, keeps the newer of a pushed tick and a late answer, and keeps figures when a read fails', async () => {
    const store = useOverviewStore();
    const late = deferred<Overview>();
    server.setOverview(() => late.promise);
    const loading = store.load();
    store.applyTick({ overview: overview(2000, 0.5), points: {} });
    late.resolve(overview(1000));
    await loading;
    expect(store.overview?.at).toBe(2000);
    store.applyTick({ overview: overview(1500), points: {} });
    expect(store.overview?.at).toBe(2000);
    server.setOverview(async () => Promise.reject(new Error('down')));
    await store.load();
    expect(store.error).toBeInstanceOf(Error);
    expect(store.overview?.cpu.usage).toBe(0.5);
  });

  it('panels: the CPU card reads utilisation and load; an error in one leaves the other', async () => {
    const store = usePanelsStore();
    // What a component sees (through computed) follows the first answer too.
    const seen = computed(() => store.panels.cpu?.data?.range ?? '-');
    const opening = store.open('cpu');
    expect(seen.value).toBe('-');
    expect(server.calls.map((c) => `${c.panel}/${c.range}`)).toEqual(['cpu/live', 'load/live']);
    server.calls[0]!.answer.resolve(answer('cpu', 'live'));
    server.calls[1]!.answer.reject(new Error('load failed'));
    await opening;
    expect(store.panels.cpu).toMatchObject({ loading: false, error: null });
    expect(seen.value).toBe('live');
    expect(store.panels.cpu?.data?.series).toHaveLength(1);
    expect(store.panels.load).toMatchObject({ loading: false, data: null });
    expect((store.panels.load?.error as Error).message).toBe('load failed');
  });

  it('panels: a range change reads again, and an answer for the old range that comes late is dropped', async () => {
    const store = usePanelsStore();
    // What a component sees (through computed): it must follow every change.
    const seen = computed(() => `${store.panels.memory?.data?.range ?? '-'}/${store.panels.memory?.loading}`);
    expect(seen.value).toBe('-/undefined');
    const first = store.open('memory');
    expect(seen.value).toBe('-/true');
    const second = store.setRange('1h');
    expect(server.calls.map((c) => `${c.panel}/${c.range}`)).toEqual(['memory/live', 'memory/1h']);
    server.calls[1]!.answer.resolve(answer('memory', '1h', [0.3]));
    await second;
    server.calls[0]!.answer.resolve(answer('memory', 'live', [0.9]));
    await first;
    expect(store.panels.memory?.data?.range).toBe('1h');
    expect(seen.value).toBe('1h/false');
    await store.setRange('1h');
    expect(server.calls).toHaveLength(2);
  });

  it('panels: pushed points are appended to live panels only', async () => {
    const store = usePanelsStore();
    const opening = store.open('cpu');
    server.calls[0]!.answer.resolve(answer('cpu', 'live', [0.1, 0.2]));
    server.calls[1]!.answer.resolve(answer('load', 'live', [1]));
    await opening;
    const tick: LiveTick = { overview: overview(5000), points: { cpu: { user: 0.7 }, load: { load1: 2 } } };
    store.applyTick(tick);
    expect(store.panels.cpu?.data?.series[0]?.points.at(-1)).toEqual([5000, 0.7]);
    expect(store.panels.load?.data?.series[0]?.points.at(-1)).toEqual([5000, 2]);
    const ranged = store.setRange('6h');
    server.calls[2]!.answer.resolve(answer('cpu', '6h', [0.1]));
    server.calls[3]!.answer.resolve(answer('load', '6h', [1]));
    await ranged;
    store.applyTick({ overview: overview(6000), points: { cpu: { user: 0.9 } } });
    expect(store.panels.cpu?.data?.series[0]?.points).toEqual([[0, 0.1]]);
  });

  it('usage: asks the server for the top apps by the chosen column, and says when figures are requested', async () => {
    const store = useUsageStore();
    await store.loadApps();
    await store.loadApps('netOut');
    expect(server.appCalls).toEqual([
      { sort: 'cpu', limit: APP_LIMIT },
      { sort: 'netOut', limit: APP_LIMIT },
    ]);
    expect(store.sort).toBe('netOut');
    expect(store.allRequested()).toBe(true);
    await store.loadQuotas();
    expect(store.quotasLoaded).toBe(true);
  });
});
