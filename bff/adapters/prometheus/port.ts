// The metrics port: the Dashboard's questions, answered by Prometheus (PromQL) or by the host sampler (this machine, in memory).
import type { FilesystemRow, Overview, PanelId, Range, Series } from '../../../system-apps/dashboard/shared/wire';

/** Host figures only; pods, apps, quotas and GPUs are joined in by the Dashboard's service from their own adapters. */
export type HostOverview = Pick<Overview, 'at' | 'cpu' | 'memory' | 'disk' | 'network'>;

export interface HostPanel {
  stepSeconds: number;
  series: Series[];
  filesystems?: FilesystemRow[];
}

/** Per-namespace use measured by cAdvisor (Prometheus only). */
export interface NamespaceUsage {
  namespace: string;
  cpuCores: number;
  memoryBytes: number;
  netRxBytesPerSec: number | null;
  netTxBytesPerSec: number | null;
}

/** Pods by phase: from kube-state-metrics in Prometheus, or sampled from the cluster by the host sampler. */
export interface PodCounts {
  running: number;
  pending: number;
  failed: number;
  total: number;
}

export interface MetricsPort {
  readonly kind: 'prometheus' | 'sampler';
  overview(): Promise<HostOverview>;
  /** Pods by phase now; null when the source has no such figures (no kube-state-metrics, no cluster). */
  pods(): Promise<PodCounts | null>;
  /** cpu, load, memory, filesystems, network; `pods` and `gpu` where the source has them (else null). */
  panel(panel: PanelId, range: Range): Promise<HostPanel | null>;
  /** Measured per-namespace use; null when the source has no such series (the sampler; Prometheus without cAdvisor). */
  namespaces(): Promise<NamespaceUsage[] | null>;
}

/** Prometheus was asked and did not answer usefully: down, timed out, or refused the query. */
export class MetricsUnavailable extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'MetricsUnavailable';
  }
}

/** One instant-vector sample as Prometheus's HTTP API returns it. */
export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** The narrow PromQL client other adapters use (the GPU adapter reads DCGM series through it). */
export interface PromQueryApi {
  /** An instant query; throws MetricsUnavailable when Prometheus is down, slow or refuses the query. */
  query(promql: string): Promise<PromSample[]>;
}
