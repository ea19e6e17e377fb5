// The library: saving a web page by its URL, uploading a PDF or EPUB, and taking a file opened from Files ("Open with") into it.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { EntryView } from '../../shared/wire';
import { wiseApi } from '../api';
import { baseName, DOCUMENT_TYPES, extensionOf, postDocument, readFromFiles, UploadError } from '../lib/upload';

export const useLibraryStore = defineStore('wise-library', () => {
  /** Work in progress, for the spinner in the tool bar. */
  const busy = ref(0);

  async function working<T>(fn: () => Promise<T>): Promise<T> {
    busy.value++;
    try {
      return await fn();
    } finally {
      busy.value--;
    }
  }

  function saveUrl(url: string): Promise<EntryView> {
    return working(() => wiseApi().library.save.mutate({ url }));
  }

  /** Uploads a document and answers it in full. */
  function upload(file: Blob, name: string): Promise<EntryView> {
    return working(async () => {
      const { id } = await postDocument(file, name);
      return wiseApi().entries.get.query({ id });
    });
  }

  /** A file from Files (the manifest's types: PDF, EPUB, HTML), uploaded as it is; the server says what it cannot read. */
  function importFromFiles(path: string): Promise<EntryView> {
    return working(async () => {
      const name = baseName(path);
      if (!(DOCUMENT_TYPES as readonly string[]).includes(extensionOf(name))) throw new UploadError('wise.document.unsupported', `${name} is not a PDF or EPUB file`);
      const blob = await readFromFiles(path);
      const { id } = await postDocument(blob, name);
      return wiseApi().entries.get.query({ id });
    });
  }

  return { busy, saveUrl, upload, importFromFiles };
});
