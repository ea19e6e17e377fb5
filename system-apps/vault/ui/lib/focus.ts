// The lock and setup screens take the keyboard only when it is already this window's (or nobody's): Vault locking by itself while someone types in another window, or under the desktop's lock screen, must not steal their keys.
export function mayTakeFocus(inside: Element | null, active: Element | null = typeof document === 'undefined' ? null : document.activeElement): boolean {
  if (!inside) return false;
  if (!active || active === active.ownerDocument?.body) return true;
  // A desktop window (or the whole page when the app runs full-page at /app/vault).
  const scope = inside.closest('.wm-window') ?? inside.ownerDocument?.body ?? null;
  return !!scope && scope.contains(active);
}
