// What a Files window does: open, new folder, rename, trash with undo, copy/move/paste with the conflict question, restore, delete for good, favourites.
import { inject, onBeforeUnmount, provide, type InjectionKey } from 'vue';
import { useQueryClient } from '@tanstack/vue-query';
import { useQuasar } from 'quasar';
import { errorMessage, useI18n, useSocket, useTrpc } from '../../../../frontend/sdk';
import type { FileEntry, Job, TransferResult } from '../../server/files.types';
import { useFilesClipboard } from '../clipboard.store';
import { downloadPaths } from '../transfers/download';
import { useUploadsStore } from '../transfers/uploads.store';
import { newRequestId, withConflicts } from './conflicts';
import { fetchAll, type FetchPage } from './pages';
import { parentOf } from './paths';
import { TRASH, type Browser } from './useBrowser';
import type { Overlays } from './overlays';
import type { DragPayload } from './dnd';

/** Calls to the server go in slices of this many paths (the router's limit is 10,000). */
const SLICE = 5000;

export const FAVORITES_KEY = ['files', 'favorites'] as const;
export const ROOTS_KEY = ['files', 'roots'] as const;

export function createActions(b: Browser, o: Overlays) {
  const trpc = useTrpc();
  const $q = useQuasar();
  const { t, te } = useI18n();
  const socket = useSocket();
  const queryClient = useQueryClient();
  const clipboard = useFilesClipboard();
  const uploads = useUploadsStore();
  const myJobs = new Set<string>();

  const fail = (err: unknown) => $q.notify({ type: 'negative', message: errorMessage(err, t, te) });
  const reasonText = (reason: string | null) => {
    const key = reason ? `errors['${reason}']` : '';
    return key && te(key) ? t(key) : t('files.errors.jobFailed');
  };
  // A folder that cannot be listed says so in the list itself; later pages that fail get a toast.
  b.onError((err) => {
    if (b.cache.value.error !== err) fail(err);
  });

  const onJob = (job: Job) => {
    if (!job || !myJobs.has(job.id) || job.state === 'running') return;
    myJobs.delete(job.id);
    if (job.state === 'failed') $q.notify({ type: 'negative', message: reasonText(job.error) });
  };
  socket.on('files.job', onJob);
  onBeforeUnmount(() => socket.off('files.job', onJob));

  function track(result: TransferResult | { jobId: string } | null): void {
    if (result && 'jobId' in result) myJobs.add(result.jobId);
  }

  async function slices<T>(items: string[], fn: (part: string[], i: number) => Promise<T>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i * SLICE < items.length; i++) out.push(await fn(items.slice(i * SLICE, (i + 1) * SLICE), i));
    return out;
  }

  function open(entry: FileEntry): void {
    if (b.isTrash.value) return;
    if (entry.kind === 'dir') {
      // An editor with unsaved changes asks first; staying keeps this folder.
      void o.closePreview().then((closed) => closed && b.go(entry.path));
    } else {
      o.preview.value = entry;
    }
  }

  function up(): void {
    if (b.isTrash.value) return;
    const parent = parentOf(b.location.value);
    if (parent !== b.location.value) b.go(parent, { select: b.location.value });
  }

  async function mkdir(name: string): Promise<boolean> {
    try {
      const entry = await trpc.files.mkdir.mutate({ parent: b.location.value, name });
      b.wanted.value = entry.path;
      b.refresh();
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  }

  async function rename(entry: FileEntry, name: string): Promise<boolean> {
    if (name === entry.name) return true;
    try {
      const renamed = await trpc.files.rename.mutate({ path: entry.path, name });
      b.wanted.value = renamed.path;
      b.refresh();
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  }

  /** Copy or move into `target`, asking about clashes; one request id for the whole action. */
  async function transfer(op: 'copy' | 'move', sources: string[], target: string): Promise<boolean> {
    if (!sources.length) return false;
    try {
      const done = await slices(sources, async (part, i) => {
        const requestId = `${newRequestId()}-${i}`;
        const result = await withConflicts(
          (conflict) => trpc.files.transfer.mutate({ op, sources: part, target, conflict, requestId }),
          (conflicts) => o.askConflict(conflicts, op),
        );
        track(result);
        return !!result;
      });
      return done.some(Boolean);
    } catch (err) {
      fail(err);
      return false;
    }
  }

  /** Every path of a drag payload ("all of a folder" is fetched). */
  async function payloadPaths(p: DragPayload): Promise<string[]> {
    if ('paths' in p) return p.paths;
    const fetchPage: FetchPage = (offset, limit) => trpc.files.list.query({ path: p.folder, offset, limit, sort: 'name', desc: false, showHidden: p.showHidden });
    const except = new Set(p.except);
    return (await fetchAll(fetchPage)).map((e) => e.path).filter((x) => !except.has(x));
  }

  async function moveToTrash(paths: string[]): Promise<void> {
    if (!paths.length) return;
    try {
      await slices(paths, async (part, i) => track(await trpc.files.trash.move.mutate({ paths: part, requestId: `${newRequestId()}-${i}` })));
      $q.notify({
        message: t('files.trash.moved', paths.length),
        actions: [{ label: t('files.actions.undo'), color: 'white', handler: () => void undoTrash(paths) }],
        timeout: 8000,
      });
    } catch (err) {
      fail(err);
    }
  }

  /** Restores the latest trash items that came from `paths`. */
  async function undoTrash(paths: string[]): Promise<void> {
    try {
      const wanted = new Set(paths);
      const latest = new Map<string, { id: string; at: number }>();
      for (const item of await trpc.files.trash.list.query()) {
        if (!wanted.has(item.originalPath)) continue;
        const seen = latest.get(item.originalPath);
        if (!seen || seen.at < item.deletedAt) latest.set(item.originalPath, { id: item.id, at: item.deletedAt });
      }
      await restore([...latest.values()].map((v) => v.id));
    } catch (err) {
      fail(err);
    }
  }

  async function restore(ids: string[]): Promise<void> {
    if (!ids.length) return;
    try {
      await slices(ids, async (part, i) => {
        const requestId = `${newRequestId()}-${i}`;
        track(
          await withConflicts(
            (conflict) => trpc.files.trash.restore.mutate({ ids: part, conflict, requestId }),
            (conflicts) => o.askConflict(conflicts, 'restore'),
          ),
        );
      });
    } catch (err) {
      fail(err);
    }
  }

  async function deleteForever(ids: string[] | undefined): Promise<void> {
    const all = ids === undefined;
    const ok = await o.ask({
      title: all ? t('files.trash.emptyTitle') : t('files.trash.deleteTitle', ids.length),
      message: t('files.trash.deleteMessage'),
      ok: all ? t('files.trash.empty') : t('files.trash.deleteForever'),
      danger: true,
    });
    if (!ok) return;
    try {
      if (all) track(await trpc.files.trash.empty.mutate({ requestId: newRequestId() }));
      else await slices(ids, async (part, i) => track(await trpc.files.trash.empty.mutate({ ids: part, requestId: `${newRequestId()}-${i}` })));
    } catch (err) {
      fail(err);
    }
  }

  /** Trash ids of selected Trash rows (`trash:<id>`). */
  const trashIds = (paths: string[]) => paths.filter((p) => p.startsWith(TRASH)).map((p) => p.slice(TRASH.length));

  async function copyOrCut(op: 'copy' | 'cut'): Promise<void> {
    if (b.isTrash.value) return;
    const paths = await b.selectedPaths();
    clipboard.set(op, paths);
    if (paths.length) $q.notify({ message: t(op === 'copy' ? 'files.clipboard.copied' : 'files.clipboard.cut', paths.length), timeout: 1500 });
  }

  async function paste(target = b.location.value): Promise<void> {
    const c = clipboard.content;
    if (!c || b.isTrash.value) return;
    // Cut and pasted where it already is: nothing to do.
    if (c.op === 'cut' && c.paths.every((p) => parentOf(p) === target)) return;
    const ok = await transfer(c.op === 'cut' ? 'move' : 'copy', c.paths, target);
    if (ok && c.op === 'cut') clipboard.clear();
  }

  async function setFavorite(path: string, on: boolean): Promise<void> {
    try {
      const list = on ? await trpc.files.favorites.add.mutate({ path }) : await trpc.files.favorites.remove.mutate({ path });
      queryClient.setQueryData(FAVORITES_KEY, list);
    } catch (err) {
      fail(err);
    }
  }

  function upload(target: string, items: { file: File; relativePath: string }[]): void {
    if (items.length) uploads.enqueue(target, items);
  }

  function download(entries: { path: string; kind: string }[]): void {
    if (entries.length) downloadPaths(entries.map((e) => ({ path: e.path, kind: e.kind })));
  }

  return { fail, track, open, up, mkdir, rename, transfer, payloadPaths, moveToTrash, undoTrash, restore, deleteForever, trashIds, copyOrCut, paste, setFavorite, upload, download, pickFiles: uploads.pickFiles };
}

export type Actions = ReturnType<typeof createActions>;

const actionsKey: InjectionKey<Actions> = Symbol('files.actions');

export function provideActions(b: Browser, o: Overlays): Actions {
  const a = createActions(b, o);
  provide(actionsKey, a);
  return a;
}

export function useActions(): Actions {
  const a = inject(actionsKey);
  if (!a) throw new Error('useActions() is only available inside a Files window');
  return a;
}
