// The reader pane: the open entry (body, tags, note, highlights), its reading progress saved after a pause, and the reader's look (per user, in this browser).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { EntryView, HighlightView } from '../../shared/wire';
import { wiseApi } from '../api';
import type { Anchor } from '../lib/highlights';
import { DEFAULT_PREFS, readPrefs, writePrefs, type ReaderPrefs } from '../lib/prefs';

/** How long scrolling must pause before the position is saved. */
export const PROGRESS_DELAY_MS = 800;

export const useReaderStore = defineStore('wise-reader', () => {
  const entry = shallowRef<EntryView | null>(null);
  const openId = ref<string | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const prefs = ref<ReaderPrefs>({ ...DEFAULT_PREFS });
  let userId = '';
  let epoch = 0;
  let progressTimer: ReturnType<typeof setTimeout> | null = null;
  let progressDue: { id: string; progress: number } | null = null;

  function setUser(id: string): void {
    userId = id;
    prefs.value = readPrefs(id);
  }

  function setPrefs(change: Partial<ReaderPrefs>): void {
    prefs.value = { ...prefs.value, ...change };
    if (userId) writePrefs(userId, prefs.value);
  }

  /** Saves a waiting position now (leaving the entry, closing the window). */
  function flushProgress(): void {
    if (progressTimer) clearTimeout(progressTimer);
    progressTimer = null;
    const due = progressDue;
    progressDue = null;
    if (due) void wiseApi().entries.progress.mutate(due).catch(() => undefined);
  }

  function saveProgress(progress: number): void {
    const e = entry.value;
    if (!e) return;
    const p = Math.min(1, Math.max(0, Math.round(progress * 1000) / 1000));
    if (Math.abs(p - e.progress) < 0.005) return;
    entry.value = { ...e, progress: p };
    progressDue = { id: e.id, progress: p };
    if (progressTimer) clearTimeout(progressTimer);
    progressTimer = setTimeout(flushProgress, PROGRESS_DELAY_MS);
  }

  async function open(id: string): Promise<EntryView | null> {
    if (openId.value === id && entry.value) return entry.value;
    flushProgress();
    const mine = ++epoch;
    openId.value = id;
    loading.value = true;
    error.value = null;
    try {
      const e = await wiseApi().entries.get.query({ id });
      if (mine !== epoch) return null;
      entry.value = e;
      return e;
    } catch (err) {
      if (mine === epoch) {
        error.value = err;
        entry.value = null;
      }
      return null;
    } finally {
      if (mine === epoch) loading.value = false;
    }
  }

  function close(): void {
    flushProgress();
    epoch++;
    openId.value = null;
    entry.value = null;
    loading.value = false;
    error.value = null;
  }

  /** A state change made elsewhere (the list, a key) shows here too. */
  function patch(ids: string[], change: Partial<Pick<EntryView, 'read' | 'starred' | 'tags'>>): void {
    if (entry.value && ids.includes(entry.value.id)) entry.value = { ...entry.value, ...change };
  }

  async function setNote(note: string): Promise<void> {
    const e = entry.value;
    if (!e || note === e.note) return;
    await wiseApi().entries.note.mutate({ id: e.id, note });
    if (entry.value?.id === e.id) entry.value = { ...entry.value, note };
  }

  async function addHighlight(anchor: Anchor, color: HighlightView['color'], note = ''): Promise<HighlightView | null> {
    const e = entry.value;
    if (!e) return null;
    const h = await wiseApi().highlights.add.mutate({ entryId: e.id, ...anchor, color, note });
    if (entry.value?.id === e.id) entry.value = { ...entry.value, highlights: [...entry.value.highlights, h] };
    return h;
  }

  async function updateHighlight(id: string, change: { note?: string; color?: HighlightView['color'] }): Promise<void> {
    const h = await wiseApi().highlights.update.mutate({ id, ...change });
    if (entry.value) entry.value = { ...entry.value, highlights: entry.value.highlights.map((x) => (x.id === id ? h : x)) };
  }

  async function removeHighlight(id: string): Promise<void> {
    await wiseApi().highlights.remove.mutate({ id });
    if (entry.value) entry.value = { ...entry.value, highlights: entry.value.highlights.filter((x) => x.id !== id) };
  }

  /** Shows an entry the caller already has in full (just saved from a URL). */
  function show(e: EntryView): void {
    flushProgress();
    epoch++;
    openId.value = e.id;
    entry.value = e;
    loading.value = false;
    error.value = null;
  }

  return { entry, openId, loading, error, prefs, setUser, setPrefs, saveProgress, flushProgress, open, close, patch, setNote, addHighlight, updateHighlight, removeHighlight, show };
});
