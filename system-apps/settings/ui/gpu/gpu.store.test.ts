// The GPU page's store and reasoning against a fake `gpu` router: load, mode changes, bind/move/adjust/unbind, refusals kept, and where an app may go with how much VRAM.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSettingsApi } from '../api';
import { fakeGpuApi, noGpu, RefusedError, sampleStatus } from './fake-gpu-api';
import { GIB } from './format';
import { UNREACHABLE_RETRY_MS, useGpuStore } from './gpu.store';
import { bindTargets, defaultTarget, deviceOf, maxVramFor, modeChangeProblem, restartsOnModeChange, unboundApps } from './model';

let api: ReturnType<typeof fakeGpuApi>;
beforeEach(() => {
  setActivePinia(createPinia());
  api = fakeGpuApi();
  setSettingsApi(api);
});

describe('GPU store', () => {
  it('loads the status once for overlapping calls and lists the unbound apps', async () => {
    const gpu = useGpuStore();
    await Promise.all([gpu.load(), gpu.load()]);
    expect(api.calls).toEqual([['status']]);
    expect(gpu.devices.map((d) => d.uuid)).toEqual(['GPU-aaaa', 'GPU-bbbb']);
    expect(gpu.canManage).toBe(true);
    expect(gpu.unbound.map((a) => a.namespace)).toEqual(['sd-bob']);
    expect(gpu.nodes).toEqual(['node-1']);
  });

  it('keeps a load failure for the page and clears it on the next success', async () => {
    const gpu = useGpuStore();
    const query = api.gpu.status.query;
    api.gpu.status.query = async () => Promise.reject(new Error('down'));
    await gpu.load();
    expect(gpu.loaded).toBe(true);
    expect((gpu.error as Error).message).toBe('down');
    api.gpu.status.query = query;
    await gpu.load();
    expect(gpu.error).toBeNull();
  });

  describe('a cluster that did not answer', () => {
    afterEach(() => vi.useRealTimers());

    /** The store, retrying, after a first answer that the cluster did not answer; `back()` makes the fake answer again. */
    async function unreachable() {
      vi.useFakeTimers();
      const gpu = useGpuStore();
      const query = api.gpu.status.query;
      api.gpu.status.query = async () => ({ ...(await query()), available: false, reason: 'cluster-unreachable' as const });
      const stop = gpu.retryWhileUnreachable();
      await gpu.load();
      return { gpu, stop, back: () => (api.gpu.status.query = query) };
    }

    it('is asked again every few seconds until it answers, then no more', async () => {
      const { gpu, stop, back } = await unreachable();
      expect(api.calls).toEqual([['status']]);
      await vi.advanceTimersByTimeAsync(UNREACHABLE_RETRY_MS - 1);
      expect(api.calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(api.calls).toHaveLength(2);
      back(); // the cluster answers again
      await vi.advanceTimersByTimeAsync(UNREACHABLE_RETRY_MS);
      expect(api.calls).toHaveLength(3);
      expect(gpu.status?.available).toBe(true);
      await vi.advanceTimersByTimeAsync(3 * UNREACHABLE_RETRY_MS);
      expect(api.calls).toHaveLength(3);
      stop();
    });

    it('is not asked again once the page has stopped asking', async () => {
      const { stop } = await unreachable();
      stop();
      await vi.advanceTimersByTimeAsync(3 * UNREACHABLE_RETRY_MS);
      expect(api.calls).toHaveLength(1);
    });
  });

  it('changes a mode with confirmRestart and takes the answer as the new status', async () => {
    const gpu = useGpuStore();
    await gpu.load();
    const res = await gpu.setMode('GPU-aaaa', 'memory-slicing');
    expect(api.calls.at(-1)).toEqual(['setMode', { uuid: 'GPU-aaaa', mode: 'memory-slicing', confirmRestart: true }]);
    expect(res.restarted).toEqual(['ollama-alice']);
    expect(gpu.devices[0]!.mode).toBe('memory-slicing');
    expect(gpu.busy).toBeNull();
  });

  it('binds, moves, adjusts VRAM and unbinds', async () => {
    const gpu = useGpuStore();
    await gpu.load();
    await gpu.bind('sd-bob', 'GPU-aaaa');
    expect(api.calls.at(-1)).toEqual(['bind', { namespace: 'sd-bob', uuid: 'GPU-aaaa', confirmRestart: true }]);
    expect(gpu.unbound).toEqual([]);
    await gpu.bind('sd-bob', 'GPU-bbbb', 4 * GIB);
    expect(deviceOf(gpu.status, 'sd-bob')?.uuid).toBe('GPU-bbbb');
    expect(gpu.devices[0]!.bindings.map((b) => b.namespace)).toEqual(['ollama-alice']);
    expect(gpu.devices[1]!.memoryUnallocatedBytes).toBe(12 * GIB);
    await gpu.bind('sd-bob', 'GPU-bbbb', 6 * GIB);
    expect(gpu.devices[1]!.memoryUnallocatedBytes).toBe(10 * GIB);
    await gpu.unbind('sd-bob');
    expect(api.calls.at(-1)).toEqual(['unbind', { namespace: 'sd-bob', confirmRestart: true }]);
    expect(gpu.unbound.map((a) => a.app)).toEqual(['stable-diffusion']);
  });

  it('passes a refusal to the caller and keeps the status as it was', async () => {
    const gpu = useGpuStore();
    await gpu.load();
    await expect(gpu.bind('sd-bob', 'GPU-bbbb', 20 * GIB)).rejects.toEqual(new RefusedError('gpu.notEnoughMemory'));
    expect(gpu.devices[1]!.memoryUnallocatedBytes).toBe(16 * GIB);
    expect(gpu.busy).toBeNull();
  });

  it('runs one change at a time', async () => {
    const gpu = useGpuStore();
    await gpu.load();
    const first = gpu.unbind('ollama-alice');
    expect(gpu.busy).toBe('unbind:ollama-alice');
    await expect(gpu.setMode('GPU-aaaa', 'exclusive')).rejects.toThrow('in progress');
    await first;
  });
});

describe('GPU reasoning', () => {
  const status = sampleStatus();
  const [a, b] = status.devices as [NonNullable<(typeof status.devices)[0]>, NonNullable<(typeof status.devices)[0]>];

  it('names the apps a mode change restarts and refuses exclusive for several apps', () => {
    expect(restartsOnModeChange(a)).toEqual([{ namespace: 'ollama-alice', app: 'ollama', owner: 'alice' }]);
    expect(modeChangeProblem(a, 'exclusive')).toBeNull();
    expect(modeChangeProblem({ ...a, bindings: [...a.bindings, ...b.bindings] }, 'exclusive')).toBe('exclusiveTooMany');
  });

  it('offers at most the free VRAM, plus what the app holds there already', () => {
    expect(maxVramFor(b, 'sd-bob')).toBe(16 * GIB);
    expect(maxVramFor(b, 'comfy-alice')).toBe(24 * GIB);
    expect(maxVramFor({ ...b, memoryUnallocatedBytes: null }, 'sd-bob')).toBe(16 * GIB);
  });

  it('says which cards an app may go to and why not', () => {
    const exclusive = structuredClone(status);
    exclusive.devices[0]!.mode = 'exclusive';
    const t = bindTargets(exclusive, 'sd-bob');
    expect(t.map((x) => [x.device.uuid, x.blocked, x.holder, x.maxBytes])).toEqual([
      ['GPU-aaaa', 'held', 'ollama', null],
      ['GPU-bbbb', null, null, 16 * GIB],
    ]);
    expect(defaultTarget(t, null)).toBe('GPU-bbbb');
    const own = bindTargets(status, 'ollama-alice');
    expect(own[0]!.blocked).toBe('current');
    expect(defaultTarget(own, 'GPU-aaaa')).toBe('GPU-bbbb');
    const full = structuredClone(status);
    full.devices[1]!.memoryUnallocatedBytes = 0;
    expect(bindTargets(full, 'sd-bob')[1]!.blocked).toBe('full');
    expect(bindTargets(full, 'comfy-alice')[1]!.blocked).toBeNull();
  });

  it('has nothing to list without a GPU', () => {
    expect(unboundApps(noGpu())).toEqual([]);
    expect(unboundApps(null)).toEqual([]);
    expect(bindTargets(null, 'x')).toEqual([]);
  });
});
