// Menus that load on first use: the button renders with the desktop; its menu (QMenu and the content, a chunk of
// their own) is fetched when the pointer or focus reaches the button and mounted the first time it opens.
import { defineAsyncComponent, ref, type Component, type Ref } from 'vue';

export interface LazyMenu {
  /** The menu component, loaded on first use. */
  component: Component;
  /** Whether it has been opened once (mount it from then on: v-if). */
  mounted: Ref<boolean>;
  /** Whether it is open now: its v-model. */
  open: Ref<boolean>;
  /** The button's click (and Enter/Space): opens, or closes an open menu. */
  toggle(): void;
  /** Starts loading the menu's code early (hover or focus on the button), so that a click finds it loaded. */
  preload(): void;
}

export function useLazyMenu(load: () => Promise<{ default: Component }>): LazyMenu {
  let loading: Promise<{ default: Component }> | null = null;
  const loader = () => {
    // A failed load (the server unreachable) is tried again on the next hover or click.
    loading ??= load().catch((err: unknown) => {
      loading = null;
      throw err;
    });
    return loading;
  };
  const mounted = ref(false);
  const open = ref(false);
  return {
    component: defineAsyncComponent(loader),
    mounted,
    open,
    toggle() {
      mounted.value = true;
      open.value = !open.value;
    },
    preload() {
      void loader().catch(() => undefined);
    },
  };
}
