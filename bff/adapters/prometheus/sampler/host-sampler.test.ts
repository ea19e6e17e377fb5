// Why this file exists: the sampler is the Dashboard when there is no Prometheus — its hour of history must stay an hour, its rates must come from counter deltas, and longer ranges must answer only what it has.
import { describe, expect, it } from 'vitest';
import type { GpuPort } from '../../gpu/port';
import { HostSampler } from './host-sampler';
import type { HostReading, HostSource } from './host-source';
import { RingBuffer } from './ring-buffer';

function fakeSource(): HostSource & { reads: number } {
  const src = {
    reads: 0,
    async read(): Promise<HostReading> {
      const n = src.reads++;
      return {
        cpu: { user: 0.2, system: 0.1, iowait: 0.05, other: 0 },
        cores: 4,
        load: [1, 0.5, 0.25],
        memory: { total: 1000, available: 600, free: 300, buffers: 100, cached: 200 },
        filesystems: [{ mountpoint: '/', device: '/dev/sda1', fstype: 'ext4', sizeBytes: 1000, usedBytes: 250 }],
        interfaces: [{ iface: 'eth0', rxBytes: 10_000 * n, txBytes: 5_000 * n }],
      };
    },
  };
  return src;
}

describe('RingBuffer', () => {
  it('keeps the newest items, oldest first', () => {
    const r = new RingBuffer<number>(3);
    expect(r.toArray()).toEqual([]);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.last()).toBe(5);
    expect(r.size).toBe(3);
  });
});

describe('HostSampler', () => {
  it('keeps an hour of samples and no more, with rates from counter deltas', async () => {
    let now = 1_000_000;
    const s = new HostSampler({ source: fakeSource(), intervalMs: 5_000, now: () => now });
    for (let i = 0; i < 800; i++) {
      await s.sample();
      now += 5_000;
    }
    expect(s.samples).toBe(720);
    const o = await s.overview();
    expect(o.network).toEqual({ rxBytesPerSec: 2000, txBytesPerSec: 1000 });
    expect(o.cpu).toMatchObject({ usage: expect.closeTo(0.35, 6), cores: 4, load1: 1, load5: 0.5, load15: 0.25 });
    expect(o.memory).toEqual({ totalBytes: 1000, usedBytes: 400, availableBytes: 600 });
    expect(o.disk).toEqual({ totalBytes: 1000, usedBytes: 250 });
  });

  it('answers live with the last 15 minutes and longer ranges with what it has', async () => {
    let now = 0;
    const s = new HostSampler({ source: fakeSource(), intervalMs: 5_000, now: () => now });
    for (let i = 0; i < 720; i++) {
      now += 5_000;
      await s.sample();
    }
    const live = (await s.panel('cpu', 'live'))!;
    expect(live.stepSeconds).toBe(5);
    expect(live.series.map((x) => x.name)).toEqual(['user', 'system', 'iowait', 'other']);
    expect(live.series[0]!.points).toHaveLength(181);
    const day = (await s.panel('memory', '24h'))!;
    expect(day.series[0]!.points).toHaveLength(720);
    expect(day.series.map((x) => [x.name, x.points.at(-1)![1]])).toEqual([['used', 400], ['buffers', 100], ['cached', 200], ['free', 300]]);
    const fs = (await s.panel('filesystems', '1h'))!;
    expect(fs.filesystems).toEqual([{ mountpoint: '/', device: '/dev/sda1', fstype: 'ext4', sizeBytes: 1000, usedBytes: 250 }]);
    expect(fs.series[0]).toMatchObject({ name: '/', unit: 'ratio' });
    const net = (await s.panel('network', 'live'))!;
    expect(net.series.map((x) => x.name)).toEqual(['eth0:rx', 'eth0:tx']);
    expect(await s.panel('pods', 'live')).toBeNull();
    expect(await s.namespaces()).toBeNull();
  });

  it('samples GPUs and pods when given them, and a failing GPU port is no figures', async () => {
    let fail = false;
    const gpu: GpuPort = {
      scan: async () => {
        if (fail) throw new Error('nvidia-smi broke');
        return { ok: true, source: 'nvidia-smi', devices: [{ uuid: 'GPU-1', index: 0, node: 'n', model: 'm', memoryTotalBytes: 8, memoryUsedBytes: 2, utilisation: 0.5, temperatureC: null, powerW: null, powerLimitW: null, mig: false, processes: [] }] };
      },
    };
    let now = 0;
    const s = new HostSampler({ source: fakeSource(), now: () => (now += 5_000), gpu, pods: async () => ({ running: 2, pending: 1, failed: 0, total: 3 }) });
    await s.sample();
    fail = true;
    await s.sample();
    const p = (await s.panel('gpu', 'live'))!;
    expect(p.series.map((x) => [x.name, x.points.map((pt) => pt[1])])).toEqual([['GPU-1:util', [0.5, null]], ['GPU-1:memory', [2, null]]]);
    expect(await s.pods()).toEqual({ running: 2, pending: 1, failed: 0, total: 3 });
    expect((await s.panel('pods', 'live'))!.series.map((x) => x.name)).toEqual(['running', 'pending', 'failed']);
  });

  it('shares one reading between callers that ask at once', async () => {
    const src = fakeSource();
    const s = new HostSampler({ source: src });
    await Promise.all([s.overview(), s.overview(), s.sample()]);
    expect(src.reads).toBe(1);
  });
});
