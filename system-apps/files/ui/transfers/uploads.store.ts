// The page's upload queue (shared by every Files window): tus uploads three at a time, with progress, pause, resume, cancel, retry and resume after a reload.
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { Upload } from 'tus-js-client';
import { useTrpc } from '../../../../frontend/sdk';
import { allRecords, deleteRecord, putRecord, putUrl } from './records.db';
import { metadataOf, newRecord, recordsFor, withUrl, type UploadRecord } from './records';
import { addSample, etaSeconds, speedOf, type Sample } from './speed';
import { shouldRetryUpload, uploadErrorReason } from './upload-error';
import type { DroppedFile } from './drop';

export type UploadState = 'queued' | 'uploading' | 'paused' | 'done' | 'error' | 'cancelled';

export interface UploadItem {
  id: string;
  name: string;
  relativePath: string;
  target: string;
  size: number;
  bytesUploaded: number;
  state: UploadState;
  /** Bytes per second over the last seconds (0 when not moving). */
  speed: number;
  /** Seconds left, null when unknown. */
  eta: number | null;
  /** The server's reason key when it failed. */
  error: string | null;
  /** Came back from an earlier page. */
  resumed: boolean;
  /** The connection dropped and it is trying again by itself. */
  retrying: boolean;
}

export const ENDPOINT = '/api/files/uploads/';
export const CHUNK_SIZE = 16 * 1024 * 1024;
export const PARALLEL = 3;
/** Waits between tries after a network drop: about ten minutes in all before it gives up (and waits for `online`). */
export const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 15_000, 30_000, 30_000, 60_000, 60_000, 60_000, 120_000, 120_000, 120_000];

interface Running {
  record: UploadRecord;
  upload: Upload | null;
  samples: Sample[];
}

/** tus-js-client loads with the first upload, not with the Files window. */
let tusModule: Promise<typeof import('tus-js-client')> | null = null;
const loadTus = () => (tusModule ??= import('tus-js-client'));

let seq = 0;
const newId = () => `${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export const useUploadsStore = defineStore('files-uploads', () => {
  const trpc = useTrpc();
  const items = ref<UploadItem[]>([]);
  const running = new Map<string, Running>();
  let userId: Promise<string> | null = null;
  let restored = false;

  const me = () => (userId ??= trpc.auth.status.query().then((s) => s.user?.id ?? ''));
  const find = (id: string) => items.value.find((i) => i.id === id);

  const active = computed(() => items.value.filter((i) => i.state === 'queued' || i.state === 'uploading' || i.state === 'paused'));
  const totals = computed(() => {
    let done = 0;
    let total = 0;
    let speed = 0;
    for (const i of items.value) {
      if (i.state === 'cancelled') continue;
      done += i.state === 'done' ? i.size : i.bytesUploaded;
      total += i.size;
      if (i.state === 'uploading') speed += i.speed;
    }
    return { done, total, speed, eta: etaSeconds(total - done, speed) };
  });

  function pump(): void {
    let slots = PARALLEL - items.value.filter((i) => i.state === 'uploading').length;
    for (const item of items.value) {
      if (slots <= 0) break;
      if (item.state !== 'queued') continue;
      slots--;
      start(item);
    }
  }

  function start(item: UploadItem): void {
    const run = running.get(item.id);
    if (!run) return;
    item.state = 'uploading';
    item.error = null;
    run.samples = [{ at: Date.now(), bytes: item.bytesUploaded }];
    if (run.upload) {
      run.upload.start();
      return;
    }
    loadTus().then(
      ({ Upload }) => {
        // Paused or cancelled while the library loaded: it starts when resumed.
        if (find(item.id)?.state !== 'uploading' || running.get(item.id) !== run) return;
        run.upload ??= create(Upload, item, run);
        run.upload.start();
      },
      () => {
        const it = find(item.id);
        if (it?.state === 'uploading') Object.assign(it, { state: 'error', error: 'files.upload.network' });
        pump();
      },
    );
  }

  /** A tus upload for `item`; a new one after a reload starts from the stored URL (asking the server where it stopped). */
  function create(Upload: typeof import('tus-js-client').Upload, item: UploadItem, run: Running): Upload {
    return new Upload(run.record.file, {
      endpoint: ENDPOINT,
      uploadUrl: run.record.url,
      headers: { 'x-olares-request': '1' },
      metadata: metadataOf(run.record),
      chunkSize: CHUNK_SIZE,
      retryDelays: RETRY_DELAYS,
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: true,
      onShouldRetry: (err) => {
        const retry = shouldRetryUpload(err);
        const it = find(item.id);
        if (it && retry) Object.assign(it, { retrying: true, speed: 0, eta: null });
        return retry;
      },
      onUploadUrlAvailable: () => {
        const url = run.upload?.url ?? null;
        if (url && url !== run.record.url) {
          run.record = withUrl(run.record, url);
          void putUrl(item.id, url);
        }
      },
      onProgress: (sent, total) => {
        const it = find(item.id);
        if (!it || it.state !== 'uploading') return;
        it.retrying = false;
        it.bytesUploaded = Math.min(sent, total);
        run.samples = addSample(run.samples, { at: Date.now(), bytes: it.bytesUploaded });
        it.speed = speedOf(run.samples);
        it.eta = etaSeconds(it.size - it.bytesUploaded, it.speed);
      },
      onSuccess: () => {
        const it = find(item.id);
        if (it) Object.assign(it, { state: 'done', bytesUploaded: it.size, speed: 0, eta: 0, retrying: false });
        running.delete(item.id);
        void deleteRecord(item.id);
        pump();
      },
      onError: (err) => {
        const it = find(item.id);
        if (it && it.state === 'uploading') Object.assign(it, { state: 'error', error: uploadErrorReason(err), speed: 0, eta: null, retrying: false });
        pump();
      },
    });
  }

  function add(record: UploadRecord, resumed: boolean): void {
    running.set(record.id, { record, upload: null, samples: [] });
    items.value.push(
      reactive({
        id: record.id,
        name: record.name,
        relativePath: record.relativePath,
        target: record.target,
        size: record.size,
        bytesUploaded: 0,
        state: 'queued',
        speed: 0,
        eta: null,
        error: null,
        resumed,
        retrying: false,
      }) as UploadItem,
    );
  }

  /** Queues files for `target` (a folder's virtual path); `relativePath` keeps a dropped folder's structure. */
  function enqueue(target: string, files: DroppedFile[], conflict: 'keepBoth' | 'replace' = 'keepBoth'): void {
    if (files.length === 0) return;
    void me().then((uid) => {
      for (const { file, relativePath } of files) {
        const record = newRecord({ id: newId(), userId: uid, target, file, relativePath, conflict, now: Date.now() });
        add(record, false);
        void putRecord(record);
      }
      pump();
    });
  }

  /** Opens the computer's file (or folder) picker and uploads what is chosen into `target`. */
  function pickFiles(target: string, folder: boolean): void {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    if (folder) input.webkitdirectory = true;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
      input.remove();
      enqueue(target, files);
    });
    document.body.appendChild(input);
    input.click();
  }

  function pause(id: string): void {
    const item = find(id);
    const run = running.get(id);
    if (!item || !run) return;
    if (item.state === 'uploading') void run.upload?.abort(false);
    if (item.state === 'uploading' || item.state === 'queued') Object.assign(item, { state: 'paused', speed: 0, eta: null, retrying: false });
    pump();
  }

  function resume(id: string): void {
    const item = find(id);
    if (item && (item.state === 'paused' || item.state === 'error')) {
      item.state = 'queued';
      item.error = null;
      pump();
    }
  }

  /** Stops the upload and deletes what the server has of it. */
  function cancel(id: string): void {
    const item = find(id);
    const run = running.get(id);
    if (!item || item.state === 'done' || item.state === 'cancelled') return;
    item.state = 'cancelled';
    Object.assign(item, { speed: 0, eta: null });
    running.delete(id);
    void deleteRecord(id);
    if (run?.upload) void run.upload.abort(true).catch(() => undefined);
    else if (run?.record.url) {
      const url = run.record.url;
      void loadTus()
        .then(({ Upload }) => Upload.terminate(url, { headers: { 'x-olares-request': '1' } }))
        .catch(() => undefined);
    }
    pump();
  }

  function pauseAll(): void {
    for (const i of active.value) pause(i.id);
  }

  function resumeAll(): void {
    for (const i of items.value) if (i.state === 'paused' || i.state === 'error') resume(i.id);
  }

  function clearFinished(): void {
    items.value = items.value.filter((i) => i.state !== 'done' && i.state !== 'cancelled');
  }

  /** Once per page: uploads a previous page left unfinished continue from where the server has them. */
  async function restore(): Promise<void> {
    if (restored) return;
    restored = true;
    const uid = await me();
    if (!uid) return;
    for (const record of recordsFor(await allRecords(), uid)) {
      if (running.has(record.id)) continue;
      add(record, true);
    }
    pump();
  }

  // A network drop longer than the retries: start again when the browser is back online.
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => {
      for (const i of items.value) if (i.state === 'error' && i.error === 'files.upload.network') resume(i.id);
    });
  }

  // The first use of the store is the Files app loading on this page: pick up what an earlier page left.
  queueMicrotask(() => void restore());

  return { items, active, totals, enqueue, pickFiles, pause, resume, cancel, retry: resume, pauseAll, resumeAll, clearFinished, restore };
});
