// A window's own question (confirm, or type a name) as a promise: the desktop has no Quasar Dialog plugin, so each app window asks through this and shows AskDialog.
import { shallowRef, type ShallowRef } from 'vue';

/** A yes/no question, or a text to type. */
export interface AskRequest {
  title: string;
  message?: string;
  ok: string;
  /** The cancel button's label; the desktop's "Cancel" when absent. */
  cancel?: string;
  danger?: boolean;
  /** Asks for a text (a name): the answer is the text, else true/false. */
  prompt?: { label: string; value: string };
}

export type PendingAsk = AskRequest & { resolve(answer: string | boolean): void };

export interface Asker {
  /** The question on screen, if any (AskDialog shows it). */
  asking: ShallowRef<PendingAsk | null>;
  /** Resolves with the typed text (prompt) or true; false when cancelled or replaced by another question. */
  ask(req: AskRequest): Promise<string | boolean>;
}

/**
 * @example
 * const asker = createAsker();
 * if (await asker.ask({ title: 'Delete?', ok: 'Delete', danger: true })) remove();
 * // template: <AskDialog :asker="asker" testid="myapp-ask" />
 */
export function createAsker(): Asker {
  const asking = shallowRef<PendingAsk | null>(null);
  function ask(req: AskRequest): Promise<string | boolean> {
    asking.value?.resolve(false);
    return new Promise((resolve) => {
      asking.value = { ...req, resolve: (a) => ((asking.value = null), resolve(a)) };
    });
  }
  return { asking, ask };
}
