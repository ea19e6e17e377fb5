// The desktop's keyboard shortcuts, as data (for the handler and the shortcut sheet). None is one browsers keep for themselves.
export interface Shortcut {
  id: string;
  /** Keys as shown to people; `Mod` is Ctrl (⌘ on macOS). */
  keys: string[];
  /** i18n key of the description. */
  label: string;
}

export const SHORTCUTS: Shortcut[] = [
  { id: 'spotlight', keys: ['Mod+K', 'Shift+Space'], label: 'keys.spotlight' },
  { id: 'launchpad', keys: ['Alt+A'], label: 'keys.launchpad' },
  { id: 'switcher', keys: ['Alt+`'], label: 'keys.switcher' },
  { id: 'close', keys: ['Alt+W'], label: 'keys.close' },
  { id: 'minimize', keys: ['Alt+M'], label: 'keys.minimize' },
  { id: 'maximize', keys: ['Alt+Shift+↑'], label: 'keys.maximize' },
  { id: 'snapLeft', keys: ['Alt+Shift+←'], label: 'keys.snapLeft' },
  { id: 'snapRight', keys: ['Alt+Shift+→'], label: 'keys.snapRight' },
  { id: 'snapQuarters', keys: ['Alt+Shift+U', 'Alt+Shift+I', 'Alt+Shift+J', 'Alt+Shift+K'], label: 'keys.snapQuarters' },
  { id: 'focusNext', keys: ['Alt+N'], label: 'keys.focusNext' },
  { id: 'dockN', keys: ['Alt+1 … Alt+9'], label: 'keys.dockN' },
  { id: 'lock', keys: ['Alt+L'], label: 'keys.lock' },
  { id: 'sheet', keys: ['?'], label: 'keys.sheet' },
];

/** True when typing goes into a field, where single-key shortcuts (?, Shift+Space) must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}
