// onDesktopLock's core: the callback runs on each lock or sign-out, not on unlock, and not after it is stopped.
import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { watchDesktopGone } from './lock';

describe('watchDesktopGone', () => {
  it('calls back when the desktop locks or the user leaves, once per change', async () => {
    const locked = ref(false);
    const signedIn = ref(true);
    const cb = vi.fn();
    const stop = watchDesktopGone(() => locked.value || !signedIn.value, cb);
    locked.value = true;
    await nextTick();
    expect(cb).toHaveBeenCalledTimes(1);
    signedIn.value = false; // still gone: no second call
    await nextTick();
    expect(cb).toHaveBeenCalledTimes(1);
    locked.value = false;
    signedIn.value = true;
    await nextTick();
    expect(cb).toHaveBeenCalledTimes(1);
    signedIn.value = false;
    await nextTick();
    expect(cb).toHaveBeenCalledTimes(2);
    stop();
    signedIn.value = true;
    await nextTick();
    locked.value = true;
    await nextTick();
    expect(cb).toHaveBeenCalledTimes(2);
  });
});
