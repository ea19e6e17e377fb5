// What is open over one Files window's list: the context menu, inline rename or new folder, the preview, the dialogs (some answer with a promise) and the Shared by me view.
import { inject, provide, ref, type InjectionKey } from 'vue';
import type { Conflict, FileEntry } from '../../server/files.types';
import type { Answer } from './conflicts';

export interface ConfirmRequest {
  title: string;
  message: string;
  ok: string;
  danger?: boolean;
}

export function createOverlays() {
  /** The context menu: where, and for which row (null: the folder itself). */
  const menu = ref<{ x: number; y: number; index: number | null } | null>(null);
  /** The row being renamed inline. */
  const renaming = ref<number | null>(null);
  /** A new folder's name field is shown at the top of the list. */
  const creating = ref(false);
  const preview = ref<FileEntry | null>(null);
  const properties = ref<FileEntry | null>(null);
  const conflict = ref<{ conflicts: Conflict[]; op: 'copy' | 'move' | 'restore'; resolve(a: Answer | null): void } | null>(null);
  const confirm = ref<(ConfirmRequest & { resolve(ok: boolean): void }) | null>(null);
  /** The entry whose Share dialog is open. */
  const share = ref<FileEntry | null>(null);
  /** The Download from URL dialog, and the Add cloud drive dialog. */
  const fetchUrl = ref(false);
  const addDrive = ref(false);
  /** The "Shared by me" list is shown in place of the folder. */
  const sharesView = ref(false);

  /** Asks the preview (an editor with unsaved changes) before it goes; App.vue plugs in the pane's confirmLeave. */
  const previewGuard: { leave: (() => Promise<boolean>) | null } = { leave: null };
  /** Closes the preview unless its editor's owner chose to stay; false when it stays. */
  async function closePreview(): Promise<boolean> {
    if (preview.value && previewGuard.leave && !(await previewGuard.leave())) return false;
    preview.value = null;
    return true;
  }

  function askConflict(conflicts: Conflict[], op: 'copy' | 'move' | 'restore'): Promise<Answer | null> {
    return new Promise((resolve) => {
      conflict.value = { conflicts, op, resolve: (a) => ((conflict.value = null), resolve(a)) };
    });
  }

  function ask(req: ConfirmRequest): Promise<boolean> {
    return new Promise((resolve) => {
      confirm.value = { ...req, resolve: (ok) => ((confirm.value = null), resolve(ok)) };
    });
  }

  return { menu, renaming, creating, preview, properties, conflict, confirm, share, fetchUrl, addDrive, sharesView, previewGuard, closePreview, askConflict, ask };
}

export type Overlays = ReturnType<typeof createOverlays>;

const overlaysKey: InjectionKey<Overlays> = Symbol('files.overlays');

export function provideOverlays(): Overlays {
  const o = createOverlays();
  provide(overlaysKey, o);
  return o;
}

export function useOverlays(): Overlays {
  const o = inject(overlaysKey);
  if (!o) throw new Error('useOverlays() is only available inside a Files window');
  return o;
}
