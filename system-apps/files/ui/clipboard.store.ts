// The clipboard of cut and copied entries, shared by every Files window of the page (cut in one, paste in another).
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

export interface ClipboardContent {
  op: 'copy' | 'cut';
  paths: string[];
}

export const useFilesClipboard = defineStore('files-clipboard', () => {
  const content = ref<ClipboardContent | null>(null);

  function set(op: 'copy' | 'cut', paths: string[]): void {
    content.value = paths.length ? { op, paths } : null;
  }

  function clear(): void {
    content.value = null;
  }

  const cutPaths = computed(() => new Set(content.value?.op === 'cut' ? content.value.paths : []));

  /** Cut entries look faded until pasted. */
  function isCut(path: string): boolean {
    return cutPaths.value.has(path);
  }

  return { content, set, clear, isCut };
});
