// The DCGM port over samples shaped like dcgm-exporter's (labels gpu, UUID, modelName, Hostname…), through a fake PromQueryApi.
import { describe, expect, it } from 'vitest';
import { MetricsUnavailable, type PromQueryApi, type PromSample } from '../prometheus/port';
import { createDcgmPort, DCGM_QUERY } from './dcgm';
import { selectGpuPort } from './select';
import type { GpuPort, GpuScan } from './port';

const MiB = 1024 * 1024;
const AT = 1_760_000_000.123;

function sample(name: string, value: string, labels: Record<string, string>): PromSample {
  return {
    metric: { __name__: name, DCGM_FI_DRIVER_VERSION: '570.124.06', device: `nvidia${labels.gpu}`, instance: '10.42.0.17:9400', job: 'nvidia-dcgm-exporter', pci_bus_id: '00000000:01:00.0', ...labels },
    value: [AT, value],
  };
}

const L40S = { gpu: '0', UUID: 'GPU-6a0c1a1e-5b0e-4d8e-9c64-0f2a7c3d1b11', modelName: 'NVIDIA L40S', Hostname: 'olares-node-1' };
const H100 = { gpu: '1', UUID: 'GPU-0b9f2e43-77aa-4c21-8e0d-51b6d2f3a922', modelName: 'NVIDIA H100 80GB HBM3', Hostname: 'olares-node-1' };
const H200_MIG = (i: string) => ({ gpu: '0', UUID: 'GPU-9d4e2c11-0000-4000-8000-00000000c0de', modelName: 'NVIDIA H200', Hostname: 'olares-node-2', GPU_I_ID: i, GPU_I_PROFILE: '3g.71gb' });

const RECORDED: PromSample[] = [
  sample('DCGM_FI_DEV_FB_USED', '1235', L40S),
  sample('DCGM_FI_DEV_FB_FREE', '44833', L40S),
  sample('DCGM_FI_DEV_GPU_UTIL', '9', L40S),
  sample('DCGM_FI_DEV_GPU_TEMP', '54', L40S),
  sample('DCGM_FI_DEV_POWER_USAGE', '110.23', L40S),
  sample('DCGM_FI_DEV_FB_USED', '19818', { ...H100, namespace: 'comfyui-alice', pod: 'comfyui-0', container: 'comfyui' }),
  sample('DCGM_FI_DEV_FB_FREE', '61741', H100),
  sample('DCGM_FI_DEV_GPU_UTIL', '100', H100),
  sample('DCGM_FI_DEV_GPU_TEMP', '59', H100),
  sample('DCGM_FI_DEV_POWER_USAGE', '631.95', H100),
  sample('DCGM_FI_DEV_POWER_MGMT_LIMIT', '700', H100),
  sample('DCGM_FI_DEV_FB_USED', '100', H200_MIG('1')),
  sample('DCGM_FI_DEV_FB_FREE', '71000', H200_MIG('1')),
  sample('DCGM_FI_DEV_FB_USED', '50', H200_MIG('2')),
  sample('DCGM_FI_DEV_FB_FREE', '72621', H200_MIG('2')),
  sample('DCGM_FI_DEV_GPU_TEMP', '36', H200_MIG('1')),
];

const prom = (answer: () => PromSample[]): PromQueryApi & { asked: string[] } => {
  const asked: string[] = [];
  return { asked, query: async (q) => (asked.push(q), answer()) };
};

describe('the DCGM port', () => {
  it('reads each card by UUID: memory total = FB_USED + FB_FREE (MiB), utilisation, temperature, power', async () => {
    const api = prom(() => RECORDED);
    const scan = await createDcgmPort(api).scan();
    expect(api.asked).toEqual([DCGM_QUERY]);
    if (!scan.ok || scan.source !== 'dcgm') throw new Error(JSON.stringify(scan));
    expect(scan.devices).toEqual([
      { uuid: L40S.UUID, index: 0, node: 'olares-node-1', model: 'NVIDIA L40S', memoryTotalBytes: 46068 * MiB, memoryUsedBytes: 1235 * MiB, utilisation: 0.09, temperatureC: 54, powerW: 110.23, powerLimitW: null, mig: false, processes: [] },
      { uuid: H100.UUID, index: 1, node: 'olares-node-1', model: 'NVIDIA H100 80GB HBM3', memoryTotalBytes: 81559 * MiB, memoryUsedBytes: 19818 * MiB, utilisation: 1, temperatureC: 59, powerW: 631.95, powerLimitW: 700, mig: false, processes: [] },
      { uuid: H200_MIG('1').UUID, index: 0, node: 'olares-node-2', model: 'NVIDIA H200', memoryTotalBytes: 143771 * MiB, memoryUsedBytes: 150 * MiB, utilisation: null, temperatureC: 36, powerW: null, powerLimitW: null, mig: true, processes: [] },
    ]);
  });

  it('no series is no GPU; Prometheus down is an error with its detail', async () => {
    expect(await createDcgmPort(prom(() => [])).scan()).toEqual({ ok: true, source: 'none', devices: [] });
    const down = prom(() => {
      throw new MetricsUnavailable('Prometheus did not answer within 2 s');
    });
    expect(await createDcgmPort(down).scan()).toEqual({ ok: false, source: 'dcgm', detail: 'Prometheus did not answer within 2 s' });
  });
});

describe('GPU_SOURCE', () => {
  const port = (scan: GpuScan): GpuPort & { calls: number } => {
    const p = { calls: 0, scan: async () => (p.calls++, scan) };
    return p;
  };
  const found = (source: 'nvidia-smi' | 'dcgm'): GpuScan => ({ ok: true, source, devices: [{ uuid: 'GPU-x', index: 0, node: 'n', model: 'm', memoryTotalBytes: 1, memoryUsedBytes: null, utilisation: null, temperatureC: null, powerW: null, powerLimitW: null, mig: false, processes: [] }] });
  const none: GpuScan = { ok: true, source: 'none', devices: [] };
  const broken: GpuScan = { ok: false, source: 'nvidia-smi', detail: 'NVIDIA-SMI has failed' };

  it('auto: nvidia-smi when it finds GPUs (DCGM not asked)', async () => {
    const dcgm = port(found('dcgm'));
    expect((await selectGpuPort({ source: 'auto', nvidiaSmi: port(found('nvidia-smi')), dcgm }).scan()).source).toBe('nvidia-smi');
    expect(dcgm.calls).toBe(0);
  });

  it('auto: DCGM when nvidia-smi finds none; none when neither; the driver error when DCGM has nothing', async () => {
    expect((await selectGpuPort({ source: 'auto', nvidiaSmi: port(none), dcgm: port(found('dcgm')) }).scan()).source).toBe('dcgm');
    expect(await selectGpuPort({ source: 'auto', nvidiaSmi: port(none), dcgm: null }).scan()).toEqual(none);
    expect(await selectGpuPort({ source: 'auto', nvidiaSmi: port(none), dcgm: port({ ok: false, source: 'dcgm', detail: 'down' }) }).scan()).toEqual(none);
    expect(await selectGpuPort({ source: 'auto', nvidiaSmi: port(broken), dcgm: port(none) }).scan()).toEqual(broken);
  });

  it('forced sources', async () => {
    expect((await selectGpuPort({ source: 'dcgm', nvidiaSmi: port(found('nvidia-smi')), dcgm: port(found('dcgm')) }).scan()).source).toBe('dcgm');
    expect(await selectGpuPort({ source: 'dcgm', nvidiaSmi: port(none), dcgm: null }).scan()).toMatchObject({ ok: false, source: 'dcgm' });
    expect(await selectGpuPort({ source: 'none', nvidiaSmi: port(found('nvidia-smi')), dcgm: null }).scan()).toEqual(none);
    expect(await selectGpuPort({ source: 'nvidia-smi', nvidiaSmi: port(broken), dcgm: port(found('dcgm')) }).scan()).toEqual(broken);
  });
});
