// The dialogs over the Wise window (add a feed, save a page, a feed's settings, the OPML import's result, questions), opened from anywhere in it.
import { createAsker } from '../../../frontend/sdk';
import { inject, provide, ref, shallowRef, type InjectionKey } from 'vue';
import type { OpmlImportResult } from '../shared/wire';

export type { AskRequest } from '../../../frontend/sdk';

export function createOverlays() {
  const addFeed = ref(false);
  const saveUrl = ref(false);
  /** The feed whose settings are open. */
  const feedSettings = ref<string | null>(null);
  const opmlResult = shallowRef<OpmlImportResult | null>(null);
  /** Asks the tool bar to open the file picker (PDF/EPUB or OPML). */
  const pick = ref<'document' | 'opml' | null>(null);
  const { asking, ask } = createAsker();
  return { addFeed, saveUrl, feedSettings, opmlResult, pick, asking, ask };
}

export type Overlays = ReturnType<typeof createOverlays>;
const key: InjectionKey<Overlays> = Symbol('wise.overlays');

export function provideOverlays(): Overlays {
  const o = createOverlays();
  provide(key, o);
  return o;
}

export function useOverlays(): Overlays {
  const o = inject(key);
  if (!o) throw new Error('useOverlays() outside the Wise window');
  return o;
}
