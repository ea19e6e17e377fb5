// The GPU port over NVIDIA DCGM exporter series in Prometheus (for clusters where the BFF has no nvidia-smi): one PromQL query per scan.
import type { PromQueryApi, PromSample } from '../prometheus/port';
import { MetricsUnavailable } from '../prometheus/port';
import type { GpuPort, GpuReading, GpuScan } from './port';

/** Every series one scan needs, in one instant query. */
export const DCGM_QUERY = '{__name__=~"DCGM_FI_DEV_(FB_USED|FB_FREE|GPU_UTIL|GPU_TEMP|POWER_USAGE|POWER_MGMT_LIMIT)"}';
const MiB = 1024 * 1024;

interface Acc {
  uuid: string;
  index: number;
  node: string;
  model: string;
  fbUsed: number | null;
  fbFree: number | null;
  util: number | null;
  temp: number | null;
  power: number | null;
  powerLimit: number | null;
  mig: boolean;
}

const num = (s: PromSample): number | null => {
  const n = Number(s.value[1]);
  return Number.isFinite(n) ? n : null;
};
const add = (a: number | null, b: number | null): number | null => (b === null ? a : (a ?? 0) + b);

/** Readings from DCGM samples (exported for tests): one per UUID; MIG instances (GPU_I_ID) summed into their card. */
export function readingsFromDcgm(samples: PromSample[]): GpuReading[] {
  const byUuid = new Map<string, Acc>();
  for (const s of samples) {
    const m = s.metric;
    const uuid = m.UUID ?? m.uuid;
    if (!uuid) continue;
    const acc: Acc = byUuid.get(uuid) ?? {
      uuid,
      index: Number.parseInt(m.gpu ?? '', 10) || 0,
      node: m.Hostname ?? m.kubernetes_node ?? m.node ?? (m.instance ?? '').replace(/:\d+$/, ''),
      model: m.modelName ?? 'NVIDIA GPU',
      fbUsed: null, fbFree: null, util: null, temp: null, power: null, powerLimit: null, mig: false,
    };
    const isInstance = m.GPU_I_ID !== undefined && m.GPU_I_ID !== '';
    if (isInstance) acc.mig = true;
    const v = num(s);
    switch (m.__name__) {
      case 'DCGM_FI_DEV_FB_USED': acc.fbUsed = add(acc.fbUsed, v); break;
      case 'DCGM_FI_DEV_FB_FREE': acc.fbFree = add(acc.fbFree, v); break;
      case 'DCGM_FI_DEV_GPU_UTIL': if (!isInstance) acc.util = v; break;
      case 'DCGM_FI_DEV_GPU_TEMP': acc.temp ??= v; break;
      case 'DCGM_FI_DEV_POWER_USAGE': acc.power ??= v; break;
      case 'DCGM_FI_DEV_POWER_MGMT_LIMIT': acc.powerLimit ??= v; break;
    }
    byUuid.set(uuid, acc);
  }
  return [...byUuid.values()]
    .map((a): GpuReading => ({
      uuid: a.uuid,
      index: a.index,
      node: a.node,
      model: a.model,
      memoryTotalBytes: Math.round(((a.fbUsed ?? 0) + (a.fbFree ?? 0)) * MiB),
      memoryUsedBytes: a.fbUsed === null ? null : Math.round(a.fbUsed * MiB),
      utilisation: a.util === null || a.mig ? null : Math.min(1, Math.max(0, a.util / 100)),
      temperatureC: a.temp,
      powerW: a.power,
      powerLimitW: a.powerLimit,
      mig: a.mig,
      processes: [],
    }))
    .sort((x, y) => x.node.localeCompare(y.node) || x.index - y.index);
}

export function createDcgmPort(prom: PromQueryApi): GpuPort {
  return {
    async scan(): Promise<GpuScan> {
      try {
        const devices = readingsFromDcgm(await prom.query(DCGM_QUERY));
        return devices.length ? { ok: true, source: 'dcgm', devices } : { ok: true, source: 'none', devices: [] };
      } catch (err) {
        return { ok: false, source: 'dcgm', detail: err instanceof MetricsUnavailable ? err.detail.slice(0, 200) : 'Prometheus did not answer the GPU query' };
      }
    },
  };
}
