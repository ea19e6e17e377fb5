// The dialogs over the Wise window (add a feed, save a page, a feed's settings, the OPML import's result, questions), opened from anywhere in it.
import { inject, provide, ref, shallowRef, type InjectionKey } from 'vue';
import type { OpmlImportResult } from '../shared/wire';

/** A question in the window's own dialog (the desktop has no Quasar Dialog plugin): a yes/no, or a text to type. */
export interface AskRequest {
  title: string;
  message?: string;
  ok: string;
  danger?: boolean;
  /** Asks for a text (a name): the answer is the text, else true/false. */
  prompt?: { label: string; value: string };
}

export function createOverlays() {
  const addFeed = ref(false);
  const saveUrl = ref(false);
  /** The feed whose settings are open. */
  const feedSettings = ref<string | null>(null);
  const opmlResult = shallowRef<OpmlImportResult | null>(null);
  /** Asks the tool bar to open the file picker (PDF/EPUB or OPML). */
  const pick = ref<'document' | 'opml' | null>(null);
  const asking = shallowRef<(AskRequest & { resolve(answer: string | boolean): void }) | null>(null);
  /** Resolves with the typed text (prompt) or true; false when cancelled. */
  function ask(req: AskRequest): Promise<string | boolean> {
    asking.value?.resolve(false);
    return new Promise((resolve) => {
      asking.value = { ...req, resolve: (a) => ((asking.value = null), resolve(a)) };
    });
  }
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
