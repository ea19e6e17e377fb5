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
