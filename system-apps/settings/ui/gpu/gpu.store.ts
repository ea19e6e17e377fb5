// The GPU page's state: the server's status (cards, modes, bindings, apps that want a GPU) and every change to it through the `gpu` router.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { GpuChange, GpuMode, GpuStatus } from '../../shared/gpu-wire';
import { settingsApi } from '../api';
import { unboundApps } from './model';

/** How long the page waits before asking a cluster that did not answer again. */
export const UNREACHABLE_RETRY_MS = 5000;

export const useGpuStore = defineStore('settings-gpu', () => {
  const status = shallowRef<GpuStatus | null>(null);
  const loaded = ref(false);
  const loading = ref(false);
  /** The last load's failure (the page shows it with a retry); changes throw to their caller instead. */
  const error = shallowRef<unknown>(null);
  /** The change in flight, as `<kind>:<target>` (one at a time; the page disables the rest meanwhile). */
  const busy = ref<string | null>(null);
  let pending: Promise<void> | null = null;

  const devices = computed(() => status.value?.devices ?? []);
  const canManage = computed(() => status.value?.canManage ?? false);
  const unbound = computed(() => unboundApps(status.value));
  /** The cards grouped by node, nodes and cards in order, so a cluster reads node by node. */
  const nodes = computed(() => [...new Set(devices.value.map((d) => d.node))].sort((a, b) => a.localeCompare(b)));

  async function load(): Promise<void> {
    // Calls that overlap share one answer.
    pending ??= (async () => {
      loading.value = true;
      try {
        status.value = await settingsApi().gpu.status.query();
        error.value = null;
      } catch (err) {
        error.value = err;
      } finally {
        loaded.value = true;
        loading.value = false;
        pending = null;
      }
    })();
    return pending;
  }

  async function change(key: string, run: () => Promise<GpuChange>): Promise<GpuChange> {
    if (busy.value) throw new Error('another GPU change is in progress');
    busy.value = key;
    try {
      const answer = await run();
      status.value = answer.status;
      return answer;
    } finally {
      busy.value = null;
    }
  }

  function setMode(uuid: string, mode: GpuMode): Promise<GpuChange> {
    return change(`mode:${uuid}`, () => settingsApi().gpu.setMode.mutate({ uuid, mode, confirmRestart: true }));
  }

  /** Binds an app to a card, moves it there, or (same card) gives it a new VRAM amount. */
  function bind(namespace: string, uuid: string, memoryBytes?: number): Promise<GpuChange> {
    const input = memoryBytes === undefined ? { namespace, uuid, confirmRestart: true as const } : { namespace, uuid, memoryBytes, confirmRestart: true as const };
    return change(`bind:${namespace}`, () => settingsApi().gpu.bind.mutate(input));
  }

  function unbind(namespace: string): Promise<GpuChange> {
    return change(`unbind:${namespace}`, () => settingsApi().gpu.unbind.mutate({ namespace, confirmRestart: true }));
  }

  /** While the status says the cluster did not answer, asks again every `ms`; answers the function that stops it (the page, on unmount). */
  function retryWhileUnreachable(ms = UNREACHABLE_RETRY_MS): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Every answer, not only a changed reason: a second "did not answer" schedules the next try.
    const stop = watch(
      status,
      (s) => {
        clearTimeout(timer);
        if (s?.reason === 'cluster-unreachable') timer = setTimeout(() => void load(), ms);
      },
      { immediate: true, flush: 'sync' },
    );
    return () => {
      stop();
      clearTimeout(timer);
    };
  }

  return { status, loaded, loading, error, busy, devices, canManage, unbound, nodes, load, retryWhileUnreachable, setMode, bind, unbind };
});
