// Who uses the machine: the per-app ranking (sorted by the server, top N) and each user's quota use (members see only their own).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppSort, AppUsage, QuotaUse } from '../../shared/wire';
import { dashboardApi } from '../api';

export const APP_LIMIT = 20;

export const useUsageStore = defineStore('dashboard-usage', () => {
  const apps = ref<AppUsage[]>([]);
  const sort = ref<AppSort>('cpu');
  const appsError = ref<unknown>(null);
  const appsLoading = ref(false);
  const appsLoaded = ref(false);
  const quotas = ref<QuotaUse[]>([]);
  const quotasError = ref<unknown>(null);
  const quotasLoading = ref(false);
  const quotasLoaded = ref(false);
  let appsSeq = 0;

  async function loadApps(next: AppSort = sort.value): Promise<void> {
    sort.value = next;
    const mine = ++appsSeq;
    appsLoading.value = true;
    try {
      const rows = await dashboardApi().apps.query({ sort: next, limit: APP_LIMIT });
      if (mine !== appsSeq) return;
      apps.value = rows;
      appsError.value = null;
      appsLoaded.value = true;
    } catch (err) {
      if (mine === appsSeq) appsError.value = err;
    } finally {
      if (mine === appsSeq) appsLoading.value = false;
    }
  }

  async function loadQuotas(): Promise<void> {
    quotasLoading.value = true;
    try {
      quotas.value = await dashboardApi().quotas.query();
      quotasError.value = null;
      quotasLoaded.value = true;
    } catch (err) {
      quotasError.value = err;
    } finally {
      quotasLoading.value = false;
    }
  }

  /** True when every figure is what workloads request rather than what they use. */
  function allRequested(): boolean {
    return apps.value.length > 0 && apps.value.every((a) => a.basis === 'requested');
  }

  return { apps, sort, appsError, appsLoading, appsLoaded, quotas, quotasError, quotasLoading, quotasLoaded, loadApps, loadQuotas, allRequested };
});
