// The Dashboard's wire contract: procedure inputs (zod) and the shapes the BFF answers with, shared by server and UI.
import { z } from 'zod';

/** Time windows a panel can show; `live` is the last 15 minutes, extended by pushed ticks. */
export const RANGES = ['live', '1h', '6h', '24h', '7d'] as const;
export type Range = (typeof RANGES)[number];

/** Detail panels. `gpu` answers an empty series list when there is no GPU. */
export const PANELS = ['cpu', 'load', 'memory', 'filesystems', 'network', 'pods', 'gpu'] as const;
export type PanelId = (typeof PANELS)[number];

export const APP_SORTS = ['cpu', 'memory', 'netIn', 'netOut'] as const;
export type AppSort = (typeof APP_SORTS)[number];

export const Inputs = {
  panel: z.object({ panel: z.enum(PANELS), range: z.enum(RANGES) }).strict(),
  apps: z.object({ sort: z.enum(APP_SORTS).default('cpu'), limit: z.number().int().min(1).max(100).default(20) }).strict(),
  /** Joins (on) or leaves (off) the live overview push for one of the caller's own sockets. */
  watch: z.object({ socketId: z.string().min(1).max(64), on: z.boolean() }).strict(),
};

/**
 * Where the figures come from. `prometheus: 'down'` and `'not-configured'` come with `kind: 'sampler'`:
 * the Dashboard then shows this machine's figures from the host sampler and says why.
 */
export interface MetricsSource {
  kind: 'prometheus' | 'sampler';
  prometheus: 'ok' | 'down' | 'not-configured';
  /** When Prometheus is down: a short reason safe to show (never a URL with credentials, never a stack). */
  detail?: string;
  /** The cluster is the built-in simulator (pods and apps are simulated). */
  simulatedCluster: boolean;
}

export interface GpuSummary {
  count: number;
  /** Mean utilisation over GPUs, 0..1; null where the driver does not report it. */
  utilisation: number | null;
  memoryTotalBytes: number;
  memoryUsedBytes: number | null;
}

/** The overview cards (one number each, plus a little context). Ratios are 0..1. */
export interface Overview {
  source: MetricsSource;
  /** Epoch milliseconds of the figures. */
  at: number;
  cpu: { usage: number; cores: number; load1: number; load5: number; load15: number };
  memory: { totalBytes: number; usedBytes: number; availableBytes: number };
  /** Summed over real (non-virtual) filesystems. */
  disk: { totalBytes: number; usedBytes: number };
  network: { rxBytesPerSec: number; txBytesPerSec: number };
  /** Null when there is no cluster at all. */
  pods: { running: number; total: number } | null;
  /** Null when there is no GPU. */
  gpu: GpuSummary | null;
}

export type SeriesUnit = 'ratio' | 'bytes' | 'bytesPerSec' | 'count' | 'load' | 'celsius' | 'watts';

/**
 * One line on a chart. `name` is a stable key: cpu → user/system/iowait/other; load → load1/load5/load15;
 * memory → used/buffers/cached/free; network → `<iface>:rx` / `<iface>:tx`; pods → running/pending/failed;
 * gpu → `<uuid>:util` / `<uuid>:memory`; filesystems → `<mountpoint>` (used ratio).
 */
export interface Series {
  name: string;
  unit: SeriesUnit;
  /** [epoch ms, value]; null where there is no sample. */
  points: Array<[number, number | null]>;
}

export interface FilesystemRow {
  mountpoint: string;
  device: string;
  fstype: string;
  sizeBytes: number;
  usedBytes: number;
}

export interface Panel {
  panel: PanelId;
  range: Range;
  stepSeconds: number;
  series: Series[];
  /** The filesystems panel's table (current figures per mount). */
  filesystems?: FilesystemRow[];
  source: MetricsSource;
}

/**
 * An app's use. `basis: 'measured'` comes from cAdvisor series in Prometheus; `'requested'` is what its
 * workloads request from the cluster (the simulator, or Prometheus without cAdvisor) — the UI says which.
 */
export interface AppUsage {
  app: string;
  namespace: string;
  owner: string | null;
  cpuCores: number;
  memoryBytes: number;
  netRxBytesPerSec: number | null;
  netTxBytesPerSec: number | null;
  basis: 'measured' | 'requested';
}

/** One user's use of their quota (their namespaces' requests against the ResourceQuota; null = no limit). */
export interface QuotaUse {
  user: string;
  cpu: { usedCores: number; hardCores: number | null };
  memory: { usedBytes: number; hardBytes: number | null };
  pods: { used: number; hard: number | null };
}

/** What the socket event `dashboard.tick` carries, every few seconds, to sockets that called `dashboard.watch`. */
export interface LiveTick {
  overview: Overview;
  /** The newest point of each live series, keyed like Series.name, to append to `live` charts. */
  points: Partial<Record<PanelId, Record<string, number | null>>>;
}

export const LIVE_EVENT = 'dashboard.tick';
