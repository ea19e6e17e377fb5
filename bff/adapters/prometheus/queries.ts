// Every PromQL the Dashboard sends, in one place: the overview's instant queries, each panel's range queries, and the steps per range.
import type { PanelId, Range } from '../../../system-apps/dashboard/shared/wire';

/** Filesystems that are not real disks: memory, overlays, images, kernel views. */
export const VIRTUAL_FS = 'tmpfs|devtmpfs|overlay|squashfs|ramfs|autofs|nsfs|proc|sysfs|cgroup2?|fuse[.].*|tracefs|debugfs|securityfs|pstore|bpf|configfs|mqueue|hugetlbfs|rpc_pipefs|binfmt_misc|iso9660';
/** Interfaces that are not the machine's own links: loopback and container plumbing. */
export const VIRTUAL_NET = 'lo|veth.*|docker.*|br-.*|cni.*|flannel.*|cali.*|vxlan.*|tunl.*|kube-ipvs.*|virbr.*';

const FS = `fstype!~"${VIRTUAL_FS}",mountpoint!=""`;
const NET = `device!~"${VIRTUAL_NET}"`;

export interface RangeSpec {
  /** How far back the range reaches, seconds. */
  seconds: number;
  stepSeconds: number;
  /** The window of rate(): at least a minute and four steps, so every step sees several scrapes. */
  rateWindow: string;
}

/** ~180–360 points per chart whatever the range; `live` is the last 15 minutes. */
const SPECS: Record<Range, { seconds: number; stepSeconds: number }> = {
  live: { seconds: 15 * 60, stepSeconds: 5 },
  '1h': { seconds: 3600, stepSeconds: 15 },
  '6h': { seconds: 6 * 3600, stepSeconds: 60 },
  '24h': { seconds: 24 * 3600, stepSeconds: 300 },
  '7d': { seconds: 7 * 24 * 3600, stepSeconds: 1800 },
};

export function rangeSpec(range: Range): RangeSpec {
  const { seconds, stepSeconds } = SPECS[range];
  return { seconds, stepSeconds, rateWindow: `${Math.max(60, stepSeconds * 4)}s` };
}

/** The overview's instant queries (sent together). */
export const overviewQueries = {
  cpuUsage: `1 - avg(rate(node_cpu_seconds_total{mode="idle"}[1m]))`,
  cores: `count(node_cpu_seconds_total{mode="idle"})`,
  load: `sum by (__name__) ({__name__=~"node_load1|node_load5|node_load15"})`,
  memory: `sum by (__name__) ({__name__=~"node_memory_(MemTotal|MemAvailable|MemFree|Buffers|Cached)_bytes"})`,
  disk: `sum by (__name__) ({__name__=~"node_filesystem_(size|avail)_bytes",${FS}})`,
  netRx: `sum(rate(node_network_receive_bytes_total{${NET}}[1m]))`,
  netTx: `sum(rate(node_network_transmit_bytes_total{${NET}}[1m]))`,
} as const;

/** Pods by phase (kube-state-metrics). */
export const podPhases = `sum by (phase) (kube_pod_status_phase)`;

/** The filesystems table: size, free and available per mount, with device and type. */
export const filesystemTable = `{__name__=~"node_filesystem_(size|avail)_bytes",${FS}}`;

/** Per-namespace use measured by cAdvisor. */
export function namespaceQueries(rateWindow = '2m') {
  return {
    cpu: `sum by (namespace) (rate(container_cpu_usage_seconds_total{container!="",namespace!=""}[${rateWindow}]))`,
    memory: `sum by (namespace) (container_memory_working_set_bytes{container!="",namespace!=""})`,
    rx: `sum by (namespace) (rate(container_network_receive_bytes_total{namespace!=""}[${rateWindow}]))`,
    tx: `sum by (namespace) (rate(container_network_transmit_bytes_total{namespace!=""}[${rateWindow}]))`,
  } as const;
}

/** DCGM series, per GPU (UUID label). */
export const gpuQueries = {
  util: `DCGM_FI_DEV_GPU_UTIL`,
  fbUsed: `DCGM_FI_DEV_FB_USED`,
  fbFree: `DCGM_FI_DEV_FB_FREE`,
} as const;

/**
 * A panel's range queries, keyed by what the answer's series become. Every panel is one or two
 * queries, sent together; the metrics adapter turns their series into the wire's names.
 */
export function panelQueries(panel: PanelId, range: Range): Record<string, string> {
  const w = rangeSpec(range).rateWindow;
  switch (panel) {
    case 'cpu':
      // Seconds per second per mode, over all CPUs, divided by the number of CPUs: each mode's share.
      return { modes: `sum by (mode) (rate(node_cpu_seconds_total[${w}])) / scalar(count(node_cpu_seconds_total{mode="idle"}))` };
    case 'load':
      return { load: overviewQueries.load };
    case 'memory':
      return { memory: overviewQueries.memory };
    case 'filesystems':
      return {
        used: `1 - sum by (mountpoint) (node_filesystem_avail_bytes{${FS}}) / sum by (mountpoint) (node_filesystem_size_bytes{${FS}})`,
      };
    case 'network':
      return {
        rx: `sum by (device) (rate(node_network_receive_bytes_total{${NET}}[${w}]))`,
        tx: `sum by (device) (rate(node_network_transmit_bytes_total{${NET}}[${w}]))`,
      };
    case 'pods':
      return { pods: podPhases };
    case 'gpu':
      return { util: `avg by (UUID) (${gpuQueries.util})`, memory: `sum by (UUID) (${gpuQueries.fbUsed})` };
  }
}

/** Every query the Dashboard can send (the integration test asks Prometheus each of them). */
export function allQueries(): Array<{ name: string; promql: string; kind: 'instant' | 'range'; range?: Range }> {
  const out: Array<{ name: string; promql: string; kind: 'instant' | 'range'; range?: Range }> = [];
  for (const [name, promql] of Object.entries(overviewQueries)) out.push({ name: `overview.${name}`, promql, kind: 'instant' });
  out.push({ name: 'pods', promql: podPhases, kind: 'instant' }, { name: 'filesystemTable', promql: filesystemTable, kind: 'instant' });
  for (const [name, promql] of Object.entries(namespaceQueries())) out.push({ name: `namespaces.${name}`, promql, kind: 'instant' });
  for (const [name, promql] of Object.entries(gpuQueries)) out.push({ name: `gpu.${name}`, promql, kind: 'instant' });
  const panels: PanelId[] = ['cpu', 'load', 'memory', 'filesystems', 'network', 'pods', 'gpu'];
  for (const panel of panels) {
    for (const [name, promql] of Object.entries(panelQueries(panel, 'live'))) out.push({ name: `panel.${panel}.${name}`, promql, kind: 'range', range: 'live' });
  }
  return out;
}
