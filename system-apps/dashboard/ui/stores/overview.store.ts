// The overview cards' figures: read once when the window opens, then kept current by the live push (dashboard.tick).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LiveTick, Overview } from '../../shared/wire';
import { dashboardApi } from '../api';

export const useOverviewStore = defineStore('dashboard-overview', () => {
  const overview = ref<Overview | null>(null);
  const error = ref<unknown>(null);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const o = await dashboardApi().overview.query();
      // A pushed tick may have arrived meanwhile: keep the newer figures.
      if (!overview.value || o.at >= overview.value.at) overview.value = o;
      error.value = null;
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }

  function applyTick(tick: LiveTick): void {
    if (overview.value && tick.overview.at < overview.value.at) return;
    overview.value = tick.overview;
    error.value = null;
  }

  return { overview, error, loading, load, applyTick };
});
