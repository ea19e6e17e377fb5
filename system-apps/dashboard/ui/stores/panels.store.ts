// The open detail view: which card's panels, over which range, each panel loaded (and failing) on its own; live panels take the pushed points.
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { LiveTick, Panel, PanelId, Range } from '../../shared/wire';
import { dashboardApi } from '../api';
import { appendPoints, CARD_PANELS, type CardId } from '../lib/series';

export interface PanelState {
  data: Panel | null;
  error: unknown;
  loading: boolean;
}

export const usePanelsStore = defineStore('dashboard-panels', () => {
  const card = ref<CardId>('cpu');
  const range = ref<Range>('live');
  const panels = reactive<Partial<Record<PanelId, PanelState>>>({});
  /** The newest request per panel: an older answer that arrives late is dropped. */
  const latest = new Map<PanelId, number>();
  let seq = 0;

  /** The panel's state, through the reactive proxy (the object `??=` would hand back is the raw one, whose changes nobody sees). */
  function stateOf(id: PanelId): PanelState {
    if (!panels[id]) panels[id] = { data: null, error: null, loading: false };
    return panels[id]!;
  }

  async function load(id: PanelId): Promise<void> {
    const mine = ++seq;
    latest.set(id, mine);
    const s = stateOf(id);
    s.loading = true;
    const wanted = range.value;
    try {
      const data = await dashboardApi().panel.query({ panel: id, range: wanted });
      if (latest.get(id) !== mine) return;
      s.data = data;
      s.error = null;
    } catch (err) {
      if (latest.get(id) !== mine) return;
      s.error = err;
    } finally {
      if (latest.get(id) === mine) s.loading = false;
    }
  }

  /** The panels of the open card. */
  function current(): readonly PanelId[] {
    return CARD_PANELS[card.value];
  }

  async function reload(): Promise<void> {
    await Promise.all(current().map((id) => load(id)));
  }

  async function open(next: CardId): Promise<void> {
    card.value = next;
    await reload();
  }

  async function setRange(next: Range): Promise<void> {
    if (next === range.value) return;
    range.value = next;
    // Panels of other cards hold the old range: read again when shown.
    for (const id of Object.keys(panels) as PanelId[]) if (!current().includes(id)) delete panels[id];
    await reload();
  }

  /** Appends the pushed points to live panels (others keep their fixed window). */
  function applyTick(tick: LiveTick): void {
    if (range.value !== 'live') return;
    for (const id of current()) {
      const s = panels[id];
      if (!s?.data || s.data.range !== 'live') continue;
      const series = appendPoints(s.data.series, tick.points[id], tick.overview.at);
      if (series !== s.data.series) s.data = { ...s.data, series, source: tick.overview.source };
    }
  }

  return { card, range, panels, load, reload, open, setRange, applyTick, current };
});
