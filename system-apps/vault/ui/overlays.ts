// The dialogs over one Vault window (generator, settings, share, import, export, new vault), opened from anywhere in it.
import { createAsker } from '../../../frontend/sdk';
import { inject, provide, ref, type InjectionKey } from 'vue';

export type { AskRequest } from '../../../frontend/sdk';

export function createOverlays() {
  /** The generator; `use` takes the generated password into the item being edited. */
  const generator = ref<{ use?: (password: string) => void } | null>(null);
  const settings = ref(false);
  const changePassword = ref(false);
  /** The vault whose members are shown. */
  const share = ref<string | null>(null);
  const importing = ref(false);
  const exporting = ref(false);
  /** The item pane's "discard unsaved changes?" question, asked before another item is shown. */
  const leaveGuard: { ask: (() => Promise<boolean>) | null } = { ask: null };
  async function mayLeave(): Promise<boolean> {
    return leaveGuard.ask ? leaveGuard.ask() : true;
  }
  const { asking, ask } = createAsker();
  return { generator, settings, changePassword, share, importing, exporting, leaveGuard, mayLeave, asking, ask };
}

export type Overlays = ReturnType<typeof createOverlays>;
const key: InjectionKey<Overlays> = Symbol('vault.overlays');

export function provideOverlays(): Overlays {
  const o = createOverlays();
  provide(key, o);
  return o;
}

export function useOverlays(): Overlays {
  const o = inject(key);
  if (!o) throw new Error('useOverlays() outside the Vault window');
  return o;
}
