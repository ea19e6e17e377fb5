// The host sampler: this machine's figures every few seconds, an hour of them kept in memory — the metrics port when there is no Prometheus.
import type { PanelId, Range, Series, SeriesUnit } from '../../../../system-apps/dashboard/shared/wire';
import type { GpuPort } from '../../gpu/port';
import type { HostOverview, HostPanel, MetricsPort, NamespaceUsage, PodCounts } from '../port';
import { rangeSpec } from '../queries';
import type { HostReading, HostSource } from './host-source';
import { RingBuffer } from './ring-buffer';

export interface Sample {
  at: number;
  cpu: HostReading['cpu'];
  cores: number;
  load: HostReading['load'];
  memory: HostReading['memory'];
  /** Used share per mount. */
  fsUsed: Record<string, number>;
  /** Bytes per second per interface; null for the first sample (no previous counters). */
  net: Record<string, { rx: number | null; tx: number | null }>;
  gpu: Record<string, { util: number | null; memory: number | null }>;
  pods: PodCounts | null;
}

export interface HostSamplerOptions {
  source: HostSource;
  /** How often to sample (default 5 s). */
  intervalMs?: number;
  /** How much history to keep (default an hour). */
  historyMs?: number;
  now?: () => number;
  /** Sampled beside the host, each failure counted as no figures. */
  gpu?: GpuPort;
  pods?: () => Promise<PodCounts | null>;
  onError?: (err: unknown) => void;
}

const LIVE_MS = 15 * 60_000;

export class HostSampler implements MetricsPort {
  readonly kind = 'sampler' as const;
  readonly intervalMs: number;
  private readonly buffer: RingBuffer<Sample>;
  private readonly now: () => number;
  private latest: HostReading | null = null;
  private counters: { at: number; net: Map<string, { rx: number; tx: number }> } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<Sample> | null = null;

  constructor(private readonly opts: HostSamplerOptions) {
    this.intervalMs = opts.intervalMs ?? 5_000;
    this.now = opts.now ?? Date.now;
    this.buffer = new RingBuffer(Math.max(1, Math.ceil((opts.historyMs ?? 3_600_000) / this.intervalMs)));
  }

  /** Samples now and then every interval, until stop(). */
  start(): void {
    if (this.timer) return;
    const tick = () => void this.sample().catch((err: unknown) => this.opts.onError?.(err));
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get samples(): number {
    return this.buffer.size;
  }

  /** Takes one sample (callers that arrive while one is being taken share it). */
  sample(): Promise<Sample> {
    this.inFlight ??= this.take().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async take(): Promise<Sample> {
    const [reading, gpu, pods] = await Promise.all([this.opts.source.read(), this.readGpu(), this.opts.pods?.().catch(() => null) ?? Promise.resolve(null)]);
    const at = this.now();
    const counters = new Map(reading.interfaces.map((i) => [i.iface, { rx: i.rxBytes, tx: i.txBytes }]));
    const prev = this.counters;
    const seconds = prev ? (at - prev.at) / 1000 : 0;
    const rate = (now: number, before: number | undefined) => (before === undefined || seconds <= 0 ? null : Math.max(0, (now - before) / seconds));
    const net: Sample['net'] = {};
    for (const [iface, c] of counters) net[iface] = { rx: rate(c.rx, prev?.net.get(iface)?.rx), tx: rate(c.tx, prev?.net.get(iface)?.tx) };
    this.counters = { at, net: counters };
    const fsUsed: Record<string, number> = {};
    for (const f of reading.filesystems) fsUsed[f.mountpoint] = f.sizeBytes ? f.usedBytes / f.sizeBytes : 0;
    const sample: Sample = { at, cpu: reading.cpu, cores: reading.cores, load: reading.load, memory: reading.memory, fsUsed, net, gpu, pods };
    this.latest = reading;
    this.buffer.push(sample);
    return sample;
  }

  private async readGpu(): Promise<Sample['gpu']> {
    if (!this.opts.gpu) return {};
    try {
      const scan = await this.opts.gpu.scan();
      if (!scan.ok) return {};
      return Object.fromEntries(scan.devices.map((d) => [d.uuid, { util: d.utilisation, memory: d.memoryUsedBytes }]));
    } catch {
      return {};
    }
  }

  private async newest(): Promise<{ sample: Sample; reading: HostReading }> {
    const sample = this.buffer.last() ?? (await this.sample());
    return { sample, reading: this.latest! };
  }

  async overview(): Promise<HostOverview> {
    const { sample: s, reading } = await this.newest();
    const c = s.cpu;
    const disk = reading.filesystems.reduce((a, f) => ({ totalBytes: a.totalBytes + f.sizeBytes, usedBytes: a.usedBytes + f.usedBytes }), { totalBytes: 0, usedBytes: 0 });
    const net = Object.values(s.net).reduce((a, n) => ({ rxBytesPerSec: a.rxBytesPerSec + (n.rx ?? 0), txBytesPerSec: a.txBytesPerSec + (n.tx ?? 0) }), { rxBytesPerSec: 0, txBytesPerSec: 0 });
    return {
      at: s.at,
      cpu: { usage: Math.min(1, c.user + c.system + c.iowait + c.other), cores: s.cores, load1: s.load[0], load5: s.load[1], load15: s.load[2] },
      memory: { totalBytes: s.memory.total, usedBytes: Math.max(0, s.memory.total - s.memory.available), availableBytes: s.memory.available },
      disk,
      network: net,
    };
  }

  async pods(): Promise<PodCounts | null> {
    return (await this.newest()).sample.pods;
  }

  /** Only what the hour in memory holds: longer ranges answer the last hour, at the sampling step. */
  async panel(panel: PanelId, range: Range): Promise<HostPanel | null> {
    const { reading } = await this.newest();
    const reach = range === 'live' ? LIVE_MS : rangeSpec(range).seconds * 1000;
    const from = this.now() - reach;
    const samples = this.buffer.toArray().filter((s) => s.at >= from);
    const stepSeconds = this.intervalMs / 1000;
    const line = (name: string, unit: SeriesUnit, f: (s: Sample) => number | null): Series => ({ name, unit, points: samples.map((s) => [s.at, f(s)]) });
    const keys = (f: (s: Sample) => Record<string, unknown>) => [...new Set(samples.flatMap((s) => Object.keys(f(s))))].sort();
    switch (panel) {
      case 'cpu':
        return { stepSeconds, series: (['user', 'system', 'iowait', 'other'] as const).map((m) => line(m, 'ratio', (s) => s.cpu[m])) };
      case 'load':
        return { stepSeconds, series: ['load1', 'load5', 'load15'].map((n, i) => line(n, 'load', (s) => s.load[i]!)) };
      case 'memory':
        return {
          stepSeconds,
          series: [
            line('used', 'bytes', (s) => Math.max(0, s.memory.total - s.memory.free - s.memory.buffers - s.memory.cached)),
            line('buffers', 'bytes', (s) => s.memory.buffers),
            line('cached', 'bytes', (s) => s.memory.cached),
            line('free', 'bytes', (s) => s.memory.free),
          ],
        };
      case 'filesystems':
        return { stepSeconds, series: keys((s) => s.fsUsed).map((m) => line(m, 'ratio', (s) => s.fsUsed[m] ?? null)), filesystems: reading.filesystems };
      case 'network':
        return {
          stepSeconds,
          series: keys((s) => s.net).flatMap((i) => [line(`${i}:rx`, 'bytesPerSec', (s) => s.net[i]?.rx ?? null), line(`${i}:tx`, 'bytesPerSec', (s) => s.net[i]?.tx ?? null)]),
        };
      case 'pods':
        if (!samples.some((s) => s.pods)) return null;
        return { stepSeconds, series: (['running', 'pending', 'failed'] as const).map((p) => line(p, 'count', (s) => s.pods?.[p] ?? null)) };
      case 'gpu':
        return {
          stepSeconds,
          series: keys((s) => s.gpu).flatMap((u) => [line(`${u}:util`, 'ratio', (s) => s.gpu[u]?.util ?? null), line(`${u}:memory`, 'bytes', (s) => s.gpu[u]?.memory ?? null)]),
        };
    }
  }

  async namespaces(): Promise<NamespaceUsage[] | null> {
    return null;
  }
}
