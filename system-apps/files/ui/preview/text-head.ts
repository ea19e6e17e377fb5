// Reads the first 1 MiB of a text file over a Range request for the viewers (the rest is never fetched), noting when it was cut or looks binary.
import { ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { FileEntry } from '../../server/files.types';
import { rawUrl } from './raw-url';

export const HEAD_BYTES = 1024 * 1024;

/** True when the bytes look binary (a NUL in the first 8 KB). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Decodes UTF-8; a cut in the middle of a character at the end is dropped rather than shown as �. */
export function decodeHead(bytes: Uint8Array, truncated: boolean): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes, { stream: truncated });
}

export function useTextHead(entry: MaybeRefOrGetter<FileEntry>) {
  const text = ref<string | null>(null);
  const truncated = ref(false);
  const binary = ref(false);
  const loading = ref(false);
  /** An i18n key. */
  const error = ref<string | null>(null);
  let ctrl: AbortController | null = null;

  async function load(e: FileEntry): Promise<void> {
    ctrl?.abort();
    ctrl = new AbortController();
    const signal = ctrl.signal;
    loading.value = true;
    error.value = null;
    try {
      const res = await fetch(rawUrl(e.path), { headers: { Range: `bytes=0-${HEAD_BYTES - 1}` }, signal, cache: 'no-store' });
      if (!res.ok) throw new Error(String(res.status));
      const buf = new Uint8Array(await res.arrayBuffer());
      if (signal.aborted) return;
      const bytes = buf.length > HEAD_BYTES ? buf.subarray(0, HEAD_BYTES) : buf;
      const cut = e.size > HEAD_BYTES || buf.length > HEAD_BYTES || res.status === 206 && bytes.length < e.size;
      binary.value = looksBinary(bytes);
      truncated.value = cut;
      text.value = binary.value ? '' : decodeHead(bytes, cut);
    } catch (err) {
      if (signal.aborted) return;
      void err;
      text.value = null;
      error.value = 'files.preview.failed';
    } finally {
      if (!signal.aborted) loading.value = false;
    }
  }

  watch(() => toValue(entry), (e) => void load(e), { immediate: true });
  return { text, truncated, binary, loading, error };
}
