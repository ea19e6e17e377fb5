// The Dashboard's answers: host figures from the metrics source joined with pods, GPUs, apps and quotas — and who may see which apps and quotas.
import type pg from 'pg';
import type { Logger } from 'pino';
import type { GpuPort } from '../../../bff/adapters/gpu/port';
import type { KubernetesAdapter } from '../../../bff/adapters/kubernetes';
import type { FallbackMetrics, SourceState } from '../../../bff/adapters/prometheus/fallback';
import type { PodCounts } from '../../../bff/adapters/prometheus/port';
import { isAdmin, type Role } from '../../../bff/auth/types';
import type { AppSort, AppUsage, GpuSummary, LiveTick, MetricsSource, Overview, Panel, PanelId, QuotaUse, Range } from '../shared/wire';
import { appNamespaces, podCounts, quotasByNamespace, requestsByNamespace } from './cluster-usage';

export interface Caller {
  name: string;
  role: Role;
}

export interface DashboardServiceDeps {
  metrics: FallbackMetrics;
  cluster: KubernetesAdapter | null;
  gpu: GpuPort;
  pool: pg.Pool;
  log: Logger;
}

/** The panels a live tick carries the newest point of (filesystems change too slowly to push). */
const LIVE_PANELS: PanelId[] = ['cpu', 'load', 'memory', 'network', 'pods', 'gpu'];

const SORT_KEY: Record<AppSort, (a: AppUsage) => number> = {
  cpu: (a) => a.cpuCores,
  memory: (a) => a.memoryBytes,
  netIn: (a) => a.netRxBytesPerSec ?? -1,
  netOut: (a) => a.netTxBytesPerSec ?? -1,
};

export class DashboardService {
  constructor(private readonly deps: DashboardServiceDeps) {}

  private source(state: SourceState): MetricsSource {
    return { ...state, simulatedCluster: this.deps.cluster?.simulated ?? false };
  }

  async overview(): Promise<Overview> {
    const [host, pods, gpu] = await Promise.all([this.deps.metrics.overview(), this.pods(), this.gpuSummary()]);
    return { source: this.source(host.source), ...host.value, pods: pods ? { running: pods.running, total: pods.total } : null, gpu };
  }

  /** Pods from the metrics source (kube-state-metrics, or the sampler's), else counted in the cluster; null without a cluster. */
  private async pods(): Promise<PodCounts | null> {
    const { cluster, log } = this.deps;
    const sourced = await this.deps.metrics.pods().catch(() => null);
    if (sourced?.value) return sourced.value;
    if (!cluster) return null;
    try {
      return await podCounts(cluster);
    } catch (err) {
      log.warn({ err: { message: (err as Error).message } }, 'dashboard: pods could not be counted');
      return null;
    }
  }

  private async gpuSummary(): Promise<GpuSummary | null> {
    try {
      const scan = await this.deps.gpu.scan();
      if (!scan.ok || !scan.devices.length) return null;
      const d = scan.devices;
      const utils = d.map((x) => x.utilisation).filter((x): x is number => x !== null);
      const used = d.map((x) => x.memoryUsedBytes);
      return {
        count: d.length,
        utilisation: utils.length ? utils.reduce((a, b) => a + b, 0) / utils.length : null,
        memoryTotalBytes: d.reduce((a, x) => a + x.memoryTotalBytes, 0),
        memoryUsedBytes: used.every((x): x is number => x !== null) ? used.reduce((a, b) => a + b, 0) : null,
      };
    } catch (err) {
      this.deps.log.warn({ err: { message: (err as Error).message } }, 'dashboard: GPU scan failed');
      return null;
    }
  }

  async panel(panel: PanelId, range: Range): Promise<Panel> {
    const { source, value } = await this.deps.metrics.panel(panel, range);
    return {
      panel,
      range,
      stepSeconds: value?.stepSeconds ?? 0,
      series: value?.series ?? [],
      ...(value?.filesystems ? { filesystems: value.filesystems } : {}),
      source: this.source(source),
    };
  }

  /** Admins rank every app; members only their own. Measured by cAdvisor when Prometheus has it, else what the workloads request. */
  async apps(caller: Caller, opts: { sort: AppSort; limit: number }): Promise<AppUsage[]> {
    const { cluster } = this.deps;
    if (!cluster) return [];
    const [namespaces, measured] = await Promise.all([
      appNamespaces(cluster, isAdmin(caller.role) ? undefined : caller.name),
      this.deps.metrics.namespaces().then((x) => x.value).catch(() => null),
    ]);
    let rows: AppUsage[];
    if (measured) {
      const by = new Map(measured.map((m) => [m.namespace, m]));
      rows = namespaces.map((ns) => {
        const m = by.get(ns.namespace);
        return { ...ns, cpuCores: m?.cpuCores ?? 0, memoryBytes: m?.memoryBytes ?? 0, netRxBytesPerSec: m?.netRxBytesPerSec ?? null, netTxBytesPerSec: m?.netTxBytesPerSec ?? null, basis: 'measured' };
      });
    } else {
      const requests = await requestsByNamespace(cluster, namespaces.map((n) => n.namespace));
      rows = namespaces.map((ns) => {
        const r = requests.get(ns.namespace)!;
        return { ...ns, cpuCores: r.cpuCores, memoryBytes: r.memoryBytes, netRxBytesPerSec: null, netTxBytesPerSec: null, basis: 'requested' };
      });
    }
    const key = SORT_KEY[opts.sort];
    return rows.sort((a, b) => key(b) - key(a) || a.namespace.localeCompare(b.namespace)).slice(0, opts.limit);
  }

  /** Each user's requests against their quotas: admins see everyone, members themselves. */
  async quotas(caller: Caller): Promise<QuotaUse[]> {
    const { cluster, pool } = this.deps;
    if (!cluster) return [];
    const admin = isAdmin(caller.role);
    const [users, namespaces, hard] = await Promise.all([
      admin ? pool.query<{ name: string }>('SELECT name FROM users ORDER BY name').then((r) => r.rows.map((u) => u.name)) : Promise.resolve([caller.name]),
      appNamespaces(cluster, admin ? undefined : caller.name),
      quotasByNamespace(cluster),
    ]);
    const used = await requestsByNamespace(cluster, namespaces.map((n) => n.namespace));
    const sumOrNull = (xs: Array<number | null>) => (xs.some((x) => x !== null) ? xs.reduce<number>((a, b) => a + (b ?? 0), 0) : null);
    return users.map((user) => {
      const own = namespaces.filter((n) => n.owner === user).map((n) => n.namespace);
      const u = own.map((n) => used.get(n)!);
      const h = own.map((n) => hard.get(n));
      return {
        user,
        cpu: { usedCores: u.reduce((a, r) => a + r.cpuCores, 0), hardCores: sumOrNull(h.map((x) => x?.cpuCores ?? null)) },
        memory: { usedBytes: u.reduce((a, r) => a + r.memoryBytes, 0), hardBytes: sumOrNull(h.map((x) => x?.memoryBytes ?? null)) },
        pods: { used: u.reduce((a, r) => a + r.pods, 0), hard: sumOrNull(h.map((x) => x?.pods ?? null)) },
      };
    });
  }

  /** The overview and the newest point of each live series: what watchers get every tick. */
  async tick(): Promise<LiveTick> {
    const [overview, ...panels] = await Promise.all([this.overview(), ...LIVE_PANELS.map((p) => this.deps.metrics.panel(p, 'live'))]);
    const points: LiveTick['points'] = {};
    LIVE_PANELS.forEach((p, i) => {
      const series = panels[i]!.value?.series;
      if (!series?.length) return;
      const newest: Record<string, number | null> = {};
      for (const s of series) newest[s.name] = s.points.at(-1)?.[1] ?? null;
      points[p] = newest;
    });
    return { overview, points };
  }
}
