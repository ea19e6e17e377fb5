// Lets an app react when the desktop locks or its user signs out (Vault forgets its keys then).
import { getCurrentScope, onScopeDispose, watch } from 'vue';

/**
 * Calls `cb` each time `gone()` turns true (desktop locked, or no user signed in any more); stops with the
 * calling component's scope. Returns the function that stops it earlier.
 */
export function watchDesktopGone(gone: () => boolean, cb: () => void): () => void {
  const stop = watch(gone, (now, before) => {
    if (now && !before) cb();
  });
  if (getCurrentScope()) onScopeDispose(stop);
  return stop;
}
