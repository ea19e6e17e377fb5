// Settings → GPU's wire contract: procedure inputs (zod) and the GPU status the BFF answers with, shared by server and UI.
import { z } from 'zod';

/**
 * The three Olares modes per GPU, applied through the HAMi scheduler:
 * - `time-slicing`: bound apps share the card in turns (each asks `nvidia.com/gpu: 1`, no memory cap);
 * - `memory-slicing`: each bound app gets a VRAM amount (`nvidia.com/gpumem`, MiB), never more than the card in total;
 * - `exclusive`: one app holds the whole card (`nvidia.com/gpumem-percentage: 100`, `nvidia.com/gpucores: 100`).
 */
export const GPU_MODES = ['time-slicing', 'memory-slicing', 'exclusive'] as const;
export type GpuMode = (typeof GPU_MODES)[number];

const uuid = z.string().regex(/^(GPU|MIG)-[A-Za-z0-9-]{1,80}$/, 'gpu.badUuid');
/** An installed app, named by its namespace (one namespace per installed app). */
const appNamespace = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'gpu.badApp');

export const GpuInputs = {
  /** `confirmRestart` must be true: bound apps restart when the mode changes. */
  setMode: z.object({ uuid, mode: z.enum(GPU_MODES), confirmRestart: z.literal(true) }).strict(),
  /** Binds an app to a GPU (moving it when bound elsewhere). `memoryBytes` is required in memory-slicing mode. */
  bind: z.object({ namespace: appNamespace, uuid, memoryBytes: z.number().int().positive().optional(), confirmRestart: z.literal(true) }).strict(),
  unbind: z.object({ namespace: appNamespace, confirmRestart: z.literal(true) }).strict(),
};

export interface GpuProcess {
  pid: number;
  name: string;
  memoryBytes: number | null;
}

export interface GpuBinding {
  namespace: string;
  app: string;
  owner: string | null;
  /** Memory-slicing: the VRAM granted; otherwise null. */
  memoryBytes: number | null;
  /** The Deployments/StatefulSets that carry the binding. */
  workloads: string[];
}

export interface GpuDevice {
  uuid: string;
  index: number;
  /** The Kubernetes node the card is in. */
  node: string;
  model: string;
  memoryTotalBytes: number;
  memoryUsedBytes: number | null;
  /** 0..1, null where not reported ("[N/A]", "[Not Supported]"). */
  utilisation: number | null;
  temperatureC: number | null;
  powerW: number | null;
  powerLimitW: number | null;
  /** MIG mode is on (HAMi then schedules MIG instances; shown, not managed here). */
  mig: boolean;
  processes: GpuProcess[];
  mode: GpuMode;
  bindings: GpuBinding[];
  /** Memory-slicing: VRAM not yet granted to any app. */
  memoryUnallocatedBytes: number | null;
}

/** An installed app that asks for a GPU, bound or not. */
export interface GpuApp {
  namespace: string;
  app: string;
  owner: string | null;
  boundTo: string | null;
}

export interface GpuStatus {
  /** False: `reason` says why (no GPU in this machine/cluster, nvidia-smi failing, no cluster, a cluster that did not answer). */
  available: boolean;
  reason?: 'no-gpu' | 'driver-error' | 'no-cluster' | 'cluster-unreachable';
  /** A short, safe description for driver errors (nvidia-smi's own first line), never a path or a stack. */
  detail?: string;
  source: 'nvidia-smi' | 'dcgm' | 'none';
  devices: GpuDevice[];
  apps: GpuApp[];
  /** The caller may change modes and bindings (admins and the owner); members see the same read-only. */
  canManage: boolean;
}

/** A mode change or binding answers what it restarted. */
export interface GpuChange {
  status: GpuStatus;
  restarted: string[];
}
