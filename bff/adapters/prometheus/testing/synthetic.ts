// Synthetic kube-state-metrics, cAdvisor and DCGM series for tests: an exposition to scrape now, and OpenMetrics history to backfill.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SyntheticOptions {
  /** App namespaces with containers (cAdvisor series); default two. */
  namespaces?: string[];
  /** GPUs with DCGM series; default one. */
  gpus?: number;
  /** The Hostname label on DCGM series. */
  node?: string;
  /**
   * Also node_exporter-shaped series for this many CPUs (with their history backfilled like the rest), so range
   * queries over node series scan a day of samples as on a Prometheus that has run for a while (the bench); tests
   * leave it off, since these would add to the real node exporter's figures.
   */
  nodeCpus?: number;
}

/** Per-namespace rates and sizes, fixed so tests can check them: the i-th namespace uses (i+1)× the base. */
export const SYNTHETIC = {
  cpuCores: 0.25,
  memoryBytes: 256 * 1024 * 1024,
  rxBytesPerSec: 1000,
  txBytesPerSec: 500,
  gpuUtilPercent: 40,
  gpuUsedMiB: 2048,
  gpuFreeMiB: 22528,
  /** Pods per phase. */
  pods: { Running: 3, Pending: 1, Failed: 1 } as Record<string, number>,
} as const;

export function gpuUuid(i: number): string {
  return `GPU-00000000-0000-0000-0000-00000000000${i}`;
}

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/** The series at `tSec` (epoch seconds): [name, labels, value]. Counters grow linearly, so their rate is exact. */
export function syntheticSeries(opts: SyntheticOptions, tSec: number): Array<[string, Record<string, string>, number]> {
  const namespaces = opts.namespaces ?? ['notes-alice', 'hello-bob'];
  const out: Array<[string, Record<string, string>, number]> = [];
  let podNo = 0;
  for (const [phase, count] of Object.entries(SYNTHETIC.pods)) {
    for (let i = 0; i < count; i++) {
      const pod = `pod-${podNo++}`;
      for (const p of PHASES) out.push(['kube_pod_status_phase', { namespace: 'kube-system', pod, phase: p }, p === phase ? 1 : 0]);
    }
  }
  namespaces.forEach((namespace, i) => {
    const k = i + 1;
    const labels = { namespace, pod: `${namespace}-0`, container: 'app', image: 'example/app:1' };
    out.push(['container_cpu_usage_seconds_total', labels, SYNTHETIC.cpuCores * k * tSec]);
    out.push(['container_memory_working_set_bytes', labels, SYNTHETIC.memoryBytes * k]);
    const pod = { namespace, pod: `${namespace}-0`, interface: 'eth0' };
    out.push(['container_network_receive_bytes_total', pod, SYNTHETIC.rxBytesPerSec * k * tSec]);
    out.push(['container_network_transmit_bytes_total', pod, SYNTHETIC.txBytesPerSec * k * tSec]);
  });
  for (let g = 0; g < (opts.gpus ?? 1); g++) {
    const labels = { gpu: String(g), UUID: gpuUuid(g), modelName: 'NVIDIA GeForce RTX 4090', Hostname: opts.node ?? 'node-1' };
    out.push(['DCGM_FI_DEV_GPU_UTIL', labels, SYNTHETIC.gpuUtilPercent]);
    out.push(['DCGM_FI_DEV_FB_USED', labels, SYNTHETIC.gpuUsedMiB]);
    out.push(['DCGM_FI_DEV_FB_FREE', labels, SYNTHETIC.gpuFreeMiB]);
  }
  if (opts.nodeCpus) out.push(...nodeSeries(opts.nodeCpus, tSec));
  return out;
}

const CPU_MODES: Record<string, number> = { user: 0.2, system: 0.07, iowait: 0.02, irq: 0.005, softirq: 0.01, steal: 0, nice: 0.005, idle: 0.69 };

/** A node exporter's series for a steady machine: counters grow linearly (rates exact), gauges wobble a little with time. */
function nodeSeries(cpus: number, tSec: number): Array<[string, Record<string, string>, number]> {
  const out: Array<[string, Record<string, string>, number]> = [];
  const wobble = 1 + 0.1 * Math.sin(tSec / 900);
  for (let c = 0; c < cpus; c++) for (const [mode, share] of Object.entries(CPU_MODES)) out.push(['node_cpu_seconds_total', { cpu: String(c), mode }, share * tSec]);
  for (const [n, v] of [['node_load1', 1.2], ['node_load5', 1.0], ['node_load15', 0.9]] as const) out.push([n, {}, v * wobble]);
  const gib = 1024 ** 3;
  for (const [n, v] of [['MemTotal', 32 * gib], ['MemAvailable', 20 * gib * wobble], ['MemFree', 8 * gib * wobble], ['Buffers', 1 * gib], ['Cached', 10 * gib]] as const) out.push([`node_memory_${n}_bytes`, {}, v]);
  for (const [mountpoint, device, size] of [['/', '/dev/sda1', 512 * gib], ['/data', '/dev/sdb1', 4096 * gib]] as const) {
    out.push(['node_filesystem_size_bytes', { mountpoint, device, fstype: 'ext4' }, size]);
    out.push(['node_filesystem_avail_bytes', { mountpoint, device, fstype: 'ext4' }, size * 0.4 * wobble]);
  }
  for (const device of ['eth0', 'wlan0']) {
    out.push(['node_network_receive_bytes_total', { device }, 250_000 * tSec]);
    out.push(['node_network_transmit_bytes_total', { device }, 80_000 * tSec]);
  }
  return out;
}

const labelText = (l: Record<string, string>) =>
  Object.entries(l)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',');

/** Prometheus's text exposition of the series now. */
export function exposition(opts: SyntheticOptions, tSec: number): string {
  return syntheticSeries(opts, tSec)
    .map(([name, labels, value]) => `${name}{${labelText(labels)}} ${value}`)
    .join('\n')
    .concat('\n');
}

/**
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: every series at each of `times`
 * (epoch seconds, ascending). `scrape` are the labels Prometheus adds when it scrapes the live exporter
 * (job, instance), so history and live samples are one series.
 */
export function openMetricsHistory(opts: SyntheticOptions, times: number[], scrape: Record<string, string>): string {
  const byName = new Map<string, string[]>();
  for (const t of times) {
    for (const [name, labels, value] of syntheticSeries(opts, t)) {
      const lines = byName.get(name) ?? [];
      lines.push(`${name}{${labelText({ ...labels, ...scrape })}} ${value} ${t}`);
      byName.set(name, lines);
    }
  }
  const parts: string[] = [];
  for (const [name, lines] of byName) parts.push(`# TYPE ${name} gauge`, ...lines);
  return parts.join('\n') + '\n# EOF\n';
}

/** A loopback HTTP server that Prometheus scrapes for the synthetic series. */
export async function startSyntheticExporter(opts: SyntheticOptions): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(exposition(opts, Date.now() / 1000));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
