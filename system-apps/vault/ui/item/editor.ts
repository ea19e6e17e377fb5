// What the item pane shares with its sections: the item shown (the draft while editing), whether it is being edited, and the saved version.
import { inject, provide, type ComputedRef, type InjectionKey, type Ref } from 'vue';
import type { DecryptedItem, PlainItem } from '../core/types';

export interface Editor {
  /** The draft while editing, else the saved item (sections write into it only while editing). */
  item: ComputedRef<PlainItem | null>;
  editing: ComputedRef<boolean>;
  /** The saved version (null for a new item not yet saved). */
  saved: ComputedRef<DecryptedItem | null>;
  /** The vault may be written by the caller. */
  writable: ComputedRef<boolean>;
  draft: Ref<PlainItem | null>;
}

const key: InjectionKey<Editor> = Symbol('vault.editor');

export function provideEditor(e: Editor): void {
  provide(key, e);
}

export function useEditor(): Editor {
  const e = inject(key);
  if (!e) throw new Error('useEditor() outside the item pane');
  return e;
}
