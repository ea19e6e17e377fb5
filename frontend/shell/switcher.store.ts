// The window switcher: hold Alt and press ` to cycle through windows by recency; releasing Alt picks one.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useWindowsStore } from '../window-manager/windows.store';

export const useSwitcher = defineStore('switcher', () => {
  const windows = useWindowsStore();
  const open = ref(false);
  const index = ref(0);
  const list = computed(() => windows.recent);

  /** One press of the cycle key: opens the switcher on the next window, or moves on. */
  function step(backwards = false): void {
    const n = list.value.length;
    if (!n) return;
    if (!open.value) {
      open.value = true;
      index.value = n > 1 ? (backwards ? n - 1 : 1) : 0;
      return;
    }
    index.value = (index.value + (backwards ? n - 1 : 1)) % n;
  }

  /** The modifier was released: focus the chosen window. */
  function commit(): void {
    if (!open.value) return;
    const target = list.value[index.value];
    open.value = false;
    if (target) windows.focus(target.id);
  }

  function cancel(): void {
    open.value = false;
  }

  return { open, index, list, step, commit, cancel };
});
