// The GPU port: what services ask of the machine's or cluster's GPUs, whichever source (nvidia-smi, DCGM series) answers.
import type { GpuDevice } from '../../../system-apps/settings/shared/gpu-wire';

/** One physical GPU (or MIG-enabled card) as its source reports it; modes and bindings come from the cluster. */
export type GpuReading = Omit<GpuDevice, 'mode' | 'bindings' | 'memoryUnallocatedBytes'>;

/** What one look at the GPUs found: devices, none, or an error the page shows (never a stack or a path). */
export type GpuScan =
  | { ok: true; source: 'nvidia-smi' | 'dcgm'; devices: GpuReading[] }
  | { ok: true; source: 'none'; devices: [] }
  | { ok: false; source: 'nvidia-smi' | 'dcgm'; detail: string };

export interface GpuPort {
  /** Reads the GPUs now (implementations may cache for a second or two; callers do not). */
  scan(): Promise<GpuScan>;
}
