// A lazy menu loads nothing until hovered, focused or opened; the button toggles it; a failed load is tried again.
import { describe, expect, it, vi } from 'vitest';
import { useLazyMenu } from './lazy-menu';

const Menu = { name: 'Menu', render: () => null };

describe('useLazyMenu', () => {
  it('loads the menu on preload, once, and mounts it the first time it opens', async () => {
    const load = vi.fn(async () => ({ default: Menu }));
    const menu = useLazyMenu(load);
    expect(load).not.toHaveBeenCalled();
    expect(menu.mounted.value).toBe(false);
    menu.preload();
    menu.preload();
    expect(load).toHaveBeenCalledTimes(1);
    menu.toggle();
    expect([menu.mounted.value, menu.open.value]).toEqual([true, true]);
    menu.toggle();
    expect([menu.mounted.value, menu.open.value]).toEqual([true, false]); // closed, kept mounted
    await (menu.component as unknown as { __asyncLoader: () => Promise<unknown> }).__asyncLoader();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries a failed load again on the next use', async () => {
    const load = vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue({ default: Menu });
    const menu = useLazyMenu(load);
    menu.preload();
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 0));
    menu.preload();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
