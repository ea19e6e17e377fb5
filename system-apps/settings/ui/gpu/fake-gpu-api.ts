// An in-memory `gpu` router for the Settings UI's unit tests: two cards, apps bound and not, the server's refusals (VRAM over what is free, an exclusive card taken) and the restarts each change reports.
import type { GpuApp, GpuChange, GpuDevice, GpuMode, GpuStatus } from '../../shared/gpu-wire';
import type { SettingsApi } from '../api';
import { GIB } from './format';

export function device(over: Partial<GpuDevice> & Pick<GpuDevice, 'uuid' | 'index'>): GpuDevice {
  return {
    node: 'node-1',
    model: 'NVIDIA GeForce RTX 4090',
    memoryTotalBytes: 24 * GIB,
    memoryUsedBytes: 2 * GIB,
    utilisation: 0.12,
    temperatureC: 41,
    powerW: 71,
    powerLimitW: 450,
    mig: false,
    processes: [],
    mode: 'time-slicing',
    bindings: [],
    memoryUnallocatedBytes: null,
    ...over,
  };
}

export function sampleStatus(canManage = true): GpuStatus {
  return {
    available: true,
    source: 'nvidia-smi',
    canManage,
    devices: [
      device({ uuid: 'GPU-aaaa', index: 0, bindings: [{ namespace: 'ollama-alice', app: 'ollama', owner: 'alice', memoryBytes: null, workloads: ['ollama'] }], processes: [{ pid: 4242, name: 'ollama', memoryBytes: 2 * GIB }] }),
      device({ uuid: 'GPU-bbbb', index: 1, mode: 'memory-slicing', memoryUnallocatedBytes: 16 * GIB, bindings: [{ namespace: 'comfy-alice', app: 'comfyui', owner: 'alice', memoryBytes: 8 * GIB, workloads: ['comfyui'] }] }),
    ],
    apps: [
      { namespace: 'ollama-alice', app: 'ollama', owner: 'alice', boundTo: 'GPU-aaaa' },
      { namespace: 'comfy-alice', app: 'comfyui', owner: 'alice', boundTo: 'GPU-bbbb' },
      { namespace: 'sd-bob', app: 'stable-diffusion', owner: 'bob', boundTo: null },
    ],
  };
}

export class RefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The fake server: keeps the status, applies changes as the real one would, and records every call. */
export function fakeGpuApi(initial: GpuStatus = sampleStatus()): SettingsApi & { calls: unknown[]; state: () => GpuStatus } {
  const state: GpuStatus = structuredClone(initial);
  const calls: unknown[] = [];
  const answer = (restarted: string[]): GpuChange => ({ status: structuredClone(state), restarted });
  const dev = (uuid: string): GpuDevice => {
    const d = state.devices.find((x) => x.uuid === uuid);
    if (!d) throw new RefusedError('gpu.notFound');
    return d;
  };
  const free = (d: GpuDevice) => d.memoryTotalBytes - d.bindings.reduce((n, b) => n + (b.memoryBytes ?? 0), 0);
  const settle = () => {
    for (const d of state.devices) d.memoryUnallocatedBytes = d.mode === 'memory-slicing' ? free(d) : null;
  };
  function detach(namespace: string): string | null {
    for (const d of state.devices) {
      const before = d.bindings.length;
      d.bindings = d.bindings.filter((b) => b.namespace !== namespace);
      if (d.bindings.length !== before) return d.uuid;
    }
    return null;
  }
  return {
    calls,
    state: () => state,
    gpu: {
      status: { query: async () => (calls.push(['status']), structuredClone(state)) },
      setMode: {
        mutate: async (input) => {
          calls.push(['setMode', input]);
          const d = dev(input.uuid);
          if (input.mode === 'exclusive' && d.bindings.length > 1) throw new RefusedError('gpu.exclusiveTaken');
          d.mode = input.mode as GpuMode;
          for (const b of d.bindings) b.memoryBytes = d.mode === 'memory-slicing' ? Math.floor(d.memoryTotalBytes / Math.max(1, d.bindings.length)) : null;
          settle();
          return answer(d.bindings.map((b) => b.namespace));
        },
      },
      bind: {
        mutate: async (input) => {
          calls.push(['bind', input]);
          const d = dev(input.uuid);
          const app = state.apps.find((a) => a.namespace === input.namespace) as GpuApp | undefined;
          if (!app) throw new RefusedError('gpu.appNotFound');
          if (d.mode === 'exclusive' && d.bindings.some((b) => b.namespace !== input.namespace)) throw new RefusedError('gpu.exclusiveTaken');
          if (d.mode === 'memory-slicing') {
            const own = d.bindings.find((b) => b.namespace === input.namespace)?.memoryBytes ?? 0;
            if (!input.memoryBytes) throw new RefusedError('gpu.memoryRequired');
            if (input.memoryBytes > free(d) + own) throw new RefusedError('gpu.notEnoughMemory');
          }
          detach(input.namespace);
          d.bindings.push({ namespace: app.namespace, app: app.app, owner: app.owner, memoryBytes: d.mode === 'memory-slicing' ? input.memoryBytes! : null, workloads: [app.app] });
          app.boundTo = d.uuid;
          settle();
          return answer([app.namespace]);
        },
      },
      unbind: {
        mutate: async (input) => {
          calls.push(['unbind', input]);
          const app = state.apps.find((a) => a.namespace === input.namespace);
          if (!app || !detach(input.namespace)) throw new RefusedError('gpu.notBound');
          app.boundTo = null;
          settle();
          return answer([input.namespace]);
        },
      },
    },
  };
}

/** A status with no card, as a machine without a GPU answers. */
export function noGpu(reason: GpuStatus['reason'] = 'no-gpu', detail?: string): GpuStatus {
  return { available: false, reason, ...(detail ? { detail } : {}), source: reason === 'driver-error' ? 'nvidia-smi' : 'none', devices: [], apps: [], canManage: true };
}
