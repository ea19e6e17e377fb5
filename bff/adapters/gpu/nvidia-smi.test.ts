// The nvidia-smi adapter over the four real captures (idle and load), and the fake nvidia-smi really spawned from PATH and NVIDIA_SMI.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureSection } from './testing/captures';
import { fakeGpuUuid, installFakeNvidiaSmi, type FakeNvidiaSmi } from './testing/fake-nvidia-smi';
import { createNvidiaSmiPort, readingsFrom, safeDetail } from './nvidia-smi';

const MiB = 1024 ** 2;
const read = (gpu: 'rtx2080' | 'h100' | 'h200' | 'l40s', phase: 'idle' | 'load') =>
  readingsFrom(captureSection(gpu, phase, 'query-gpu'), captureSection(gpu, phase, 'query-compute-apps'), 'node-a');

describe('the real captures, read by header name', () => {
  it('GeForce RTX 2080 SUPER: idle, then two ffmpeg processes under load', () => {
    const [idle] = read('rtx2080', 'idle');
    expect(idle).toMatchObject({ index: 0, node: 'node-a', model: 'NVIDIA GeForce RTX 2080 SUPER', memoryTotalBytes: 8192 * MiB, memoryUsedBytes: 214 * MiB, utilisation: 0, temperatureC: 40, powerW: 39.32, powerLimitW: 250, mig: false, processes: [] });
    const load = read('rtx2080', 'load');
    expect(load).toHaveLength(1);
    expect(load[0]).toMatchObject({ memoryUsedBytes: 819 * MiB, utilisation: 0.08, temperatureC: 45, powerW: 111.5 });
    expect(load[0]!.processes).toEqual([
      { pid: 5268, name: 'ffmpeg', memoryBytes: 370 * MiB },
      { pid: 5267, name: 'ffmpeg', memoryBytes: 230 * MiB },
    ]);
  });

  it('H100 80GB HBM3: MIG off; gpu_burn and two memhogs under load', () => {
    const [idle] = read('h100', 'idle');
    expect(idle).toMatchObject({ model: 'NVIDIA H100 80GB HBM3', memoryTotalBytes: 81559 * MiB, memoryUsedBytes: 0, utilisation: 0, temperatureC: 41, powerW: 69.85, powerLimitW: 700, mig: false });
    const [load] = read('h100', 'load');
    expect(load).toMatchObject({ memoryUsedBytes: 19818 * MiB, utilisation: 1, temperatureC: 59, powerW: 631.95 });
    expect(load!.processes.map((p) => [p.pid, p.name, p.memoryBytes])).toEqual([
      [11327, '/root/tools/memhog', 2566 * MiB],
      [11328, '/root/tools/memhog', 1542 * MiB],
      [11345, './gpu_burn', 15690 * MiB],
    ]);
  });

  it('H200 with MIG on: utilisation is [N/A] (null), mig is true, processes still listed', () => {
    const [idle] = read('h200', 'idle');
    expect(idle).toMatchObject({ model: 'NVIDIA H200', memoryTotalBytes: 143771 * MiB, memoryUsedBytes: 55 * MiB, utilisation: null, temperatureC: 28, powerW: 78.28, powerLimitW: 700, mig: true, processes: [] });
    const [load] = read('h200', 'load');
    expect(load).toMatchObject({ memoryUsedBytes: 16959 * MiB, utilisation: null, temperatureC: 36, powerW: 295.01, mig: true });
    expect(load!.processes.map((p) => p.pid)).toEqual([12249, 12250, 12267]);
  });

  it('L40S: MIG [N/A] reads as off; two ffmpeg processes under load', () => {
    const [idle] = read('l40s', 'idle');
    expect(idle).toMatchObject({ model: 'NVIDIA L40S', memoryTotalBytes: 46068 * MiB, memoryUsedBytes: 0, utilisation: 1, temperatureC: 63, powerW: 144.97, powerLimitW: 350, mig: false });
    const [load] = read('l40s', 'load');
    expect(load).toMatchObject({ memoryUsedBytes: 1235 * MiB, utilisation: 0.09, temperatureC: 54, powerW: 110.23 });
    expect(load!.processes).toEqual([
      { pid: 20037, name: 'ffmpeg', memoryBytes: 538 * MiB },
      { pid: 20038, name: 'ffmpeg', memoryBytes: 681 * MiB },
    ]);
  });
});

describe('the fake nvidia-smi, spawned through the adapter', () => {
  let fake: FakeNvidiaSmi;
  const saved = { PATH: process.env.PATH, FAKE_NVIDIA_SMI: process.env.FAKE_NVIDIA_SMI, FAKE_NVIDIA_SMI_STATE: process.env.FAKE_NVIDIA_SMI_STATE };

  beforeAll(async () => {
    fake = await installFakeNvidiaSmi();
    process.env.PATH = `${fake.dir}:${saved.PATH ?? ''}`;
  });
  afterEach(() => {
    process.env.FAKE_NVIDIA_SMI = saved.FAKE_NVIDIA_SMI;
    process.env.FAKE_NVIDIA_SMI_STATE = saved.FAKE_NVIDIA_SMI_STATE;
    if (saved.FAKE_NVIDIA_SMI === undefined) delete process.env.FAKE_NVIDIA_SMI;
    if (saved.FAKE_NVIDIA_SMI_STATE === undefined) delete process.env.FAKE_NVIDIA_SMI_STATE;
  });
  afterAll(async () => {
    process.env.PATH = saved.PATH;
    await fake.remove();
  });

  const scan = (command = 'nvidia-smi') => createNvidiaSmiPort({ command, cacheMs: 0, node: 'node-a' }).scan();

  it('0 GPUs: "No devices were found" (exit 6) is no GPU, not an error', async () => {
    process.env.FAKE_NVIDIA_SMI = 'none';
    expect(await scan()).toEqual({ ok: true, source: 'none', devices: [] });
  });

  it('1 GPU found on PATH', async () => {
    process.env.FAKE_NVIDIA_SMI = 'l40s';
    const s = await scan();
    expect(s.ok && s.source).toBe('nvidia-smi');
    if (!s.ok) throw new Error('scan failed');
    expect(s.devices.map((d) => [d.index, d.uuid, d.model, d.memoryTotalBytes])).toEqual([[0, fakeGpuUuid(0), 'NVIDIA L40S', 46068 * MiB]]);
  });

  it('2 GPUs by NVIDIA_SMI path, under load: each with its own processes', async () => {
    process.env.FAKE_NVIDIA_SMI = 'h100,h200';
    process.env.FAKE_NVIDIA_SMI_STATE = 'load';
    const s = await scan(fake.path);
    if (!s.ok || s.source !== 'nvidia-smi') throw new Error(`unexpected ${JSON.stringify(s)}`);
    expect(s.devices.map((d) => [d.index, d.uuid, d.model, d.mig, d.processes.length])).toEqual([
      [0, fakeGpuUuid(0), 'NVIDIA H100 80GB HBM3', false, 3],
      [1, fakeGpuUuid(1), 'NVIDIA H200', true, 3],
    ]);
    expect(s.devices[1]!.processes[2]).toEqual({ pid: 12267, name: './gpu_burn', memoryBytes: 13526 * MiB });
  });

  it('a driver failure is an error with nvidia-smi’s first line', async () => {
    process.env.FAKE_NVIDIA_SMI = 'error';
    expect(await scan()).toEqual({ ok: false, source: 'nvidia-smi', detail: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running." });
  });

  it('not installed (ENOENT) is no GPU', async () => {
    expect(await scan('nvidia-smi-not-installed-here')).toEqual({ ok: true, source: 'none', devices: [] });
  });

  it('reuses a scan for a moment instead of spawning again', async () => {
    process.env.FAKE_NVIDIA_SMI = 'h100';
    const port = createNvidiaSmiPort({ command: 'nvidia-smi', cacheMs: 60_000, node: 'node-a' });
    const first = await port.scan();
    process.env.FAKE_NVIDIA_SMI = 'none';
    expect(await port.scan()).toBe(first);
  });
});

describe('safeDetail', () => {
  it('keeps no paths', () => {
    expect(safeDetail('Failed to initialize NVML: /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1 missing')).toBe('Failed to initialize NVML: libnvidia-ml.so.1 missing');
  });
});
