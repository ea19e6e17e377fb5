// The window's single-key shortcuts (j/k, o, s, m, v, /, r), as data for the handler and the help popover; never while typing in a field.

export type KeyAction = 'next' | 'previous' | 'open' | 'star' | 'read' | 'original' | 'search' | 'refresh' | 'close';

export interface KeyHelp {
  keys: string[];
  /** i18n key of the description. */
  label: string;
}

export const KEY_HELP: KeyHelp[] = [
  { keys: ['j'], label: 'wise.keys.next' },
  { keys: ['k'], label: 'wise.keys.previous' },
  { keys: ['o', 'Enter'], label: 'wise.keys.open' },
  { keys: ['s'], label: 'wise.keys.star' },
  { keys: ['m'], label: 'wise.keys.read' },
  { keys: ['v'], label: 'wise.keys.original' },
  { keys: ['/'], label: 'wise.keys.search' },
  { keys: ['r'], label: 'wise.keys.refresh' },
  { keys: ['Esc'], label: 'wise.keys.close' },
];

const MAP: Record<string, KeyAction> = { j: 'next', k: 'previous', o: 'open', s: 'star', m: 'read', v: 'original', '/': 'search', r: 'refresh' };

/** True when typing goes into a field (inputs, text areas, selects, editable text), where single keys are text. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

/** What a key press asks for, or null (modifiers, typing, keys that are not ours; Enter only on the list itself). */
export function keyAction(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>, onList = false): KeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return null;
  if (e.key === 'Enter') return onList ? 'open' : null;
  if (e.key === 'Escape') return 'close';
  return MAP[e.key] ?? null;
}
