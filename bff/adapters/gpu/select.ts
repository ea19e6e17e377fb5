// GPU_SOURCE → the GPU port: nvidia-smi, DCGM, none, or auto (nvidia-smi when it finds GPUs, else DCGM series, else none).
import type { GpuPort, GpuScan } from './port';

export type GpuSource = 'auto' | 'nvidia-smi' | 'dcgm' | 'none';

const NONE: GpuScan = { ok: true, source: 'none', devices: [] };

export function selectGpuPort(opts: { source: GpuSource; nvidiaSmi: GpuPort; dcgm: GpuPort | null }): GpuPort {
  const { source, nvidiaSmi, dcgm } = opts;
  if (source === 'none') return { scan: async () => NONE };
  if (source === 'nvidia-smi') return nvidiaSmi;
  if (source === 'dcgm') return dcgm ?? { scan: async () => ({ ok: false, source: 'dcgm', detail: 'GPU_SOURCE is dcgm but Prometheus is not configured (PROMETHEUS_URL)' }) };
  return {
    async scan() {
      const local = await nvidiaSmi.scan();
      if (local.ok && local.devices.length > 0) return local;
      if (dcgm) {
        const remote = await dcgm.scan();
        if (remote.ok && remote.devices.length > 0) return remote;
      }
      // A failing driver says more than "no GPU"; Prometheus being down in auto mode does not.
      return local.ok ? NONE : local;
    },
  };
}
