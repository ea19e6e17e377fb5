// The window manager in a real browser: drag, resize, maximise, snap by pointer and by keyboard, minimise, close, z-order and the switcher.
import { expect, test } from './fixtures';
import { drag, expectBoxNear, focusedWindow, freshDesktop, layerBox, openFromDock, settledBox, titleBarGrip, win } from './support/desktop';

/** The window's stacking order (its inline z-index). */
const zIndexOf = (loc: ReturnType<typeof win>) => loc.evaluate((el) => Number((el as HTMLElement).style.zIndex));

test('windows open from the dock, move by the title bar and resize within their minimum size', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'wm-drag');
  // DevBox first (a light window until its own issue lands): as the second window it opens high enough for its bottom edge to show above the dock.
  const devbox = await openFromDock(page, 'devbox');
  await expect(devbox.getByTestId('not-built-yet')).toBeVisible();
  const wise = await openFromDock(page, 'wise');
  await expect(page.getByTestId('window')).toHaveCount(3);
  await expect(wise).toHaveClass(/wm-window--focused/);
  // Its dock icon brings the running window forward.
  await openFromDock(page, 'devbox');
  await expect(devbox).toHaveClass(/wm-window--focused/);
  await expect(page.getByTestId('window')).toHaveCount(3);

  // Resize from the south-east corner: smaller by 200 × 150.
  const start = await settledBox(devbox);
  const layer = await layerBox(page);
  const se = { x: start.x + start.width - 3, y: start.y + start.height - 3 };
  expect(se.y).toBeLessThan(layer.y + layer.height);
  await drag(page, se, { x: se.x - 200, y: se.y - 150 });
  const resized = await settledBox(devbox);
  expectBoxNear(resized, { ...start, width: start.width - 200, height: start.height - 150 });

  // Drag by the title bar: the window follows the pointer.
  const grip = await titleBarGrip(devbox);
  await drag(page, grip, { x: grip.x + 120, y: grip.y + 70 });
  const moved = await settledBox(devbox);
  expectBoxNear(moved, { ...resized, x: resized.x + 120, y: resized.y + 70 });
  await shot('01-moved-resized');

  // The west edge: 100 px narrower, the right edge stays put.
  const west = { x: moved.x + 1, y: moved.y + moved.height / 2 };
  await drag(page, west, { x: west.x + 100, y: west.y });
  const narrower = await settledBox(devbox);
  expectBoxNear(narrower, { ...moved, x: moved.x + 100, width: moved.width - 100 });

  // Far past the minimum (520 × 360 for DevBox): it stops there, still anchored on its right edge.
  await drag(page, { x: narrower.x + 1, y: west.y }, { x: narrower.x + 500, y: west.y });
  const minW = await settledBox(devbox);
  expectBoxNear(minW, { ...narrower, x: narrower.x + narrower.width - 520, width: 520 });
  await drag(page, { x: minW.x + minW.width - 3, y: minW.y + minW.height - 3 }, { x: minW.x + 200, y: minW.y + 100 });
  const minimum = await settledBox(devbox);
  expect(minimum.width).toBe(520);
  expect(minimum.height).toBe(360);
  await shot('02-minimum-size');
});

test('double-click maximises and restores; dragging to an edge or a corner snaps', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'wm-snap');
  const vault = await openFromDock(page, 'vault');
  const layer = await layerBox(page);
  const normal = await settledBox(vault);

  const title = vault.locator('.wm-title');
  await title.dblclick();
  expectBoxNear(await settledBox(vault), layer);
  await expect(vault.getByTestId('window-maximize')).toHaveAttribute('aria-label', 'Restore');
  await title.dblclick();
  expectBoxNear(await settledBox(vault), normal);

  // Drag to the left edge: the preview shows the left half; letting go snaps there.
  const halfW = Math.round(layer.width / 2);
  const leftHalf = { x: layer.x, y: layer.y, width: halfW, height: layer.height };
  await drag(page, await titleBarGrip(vault), { x: layer.x + 3, y: layer.y + layer.height / 2 }, false);
  const preview = page.getByTestId('snap-preview');
  await expect(preview).toBeVisible();
  expectBoxNear(await settledBox(preview), leftHalf);
  await shot('03-snap-preview-left');
  await page.mouse.up();
  await expect(preview).toHaveCount(0);
  expectBoxNear(await settledBox(vault), leftHalf);
  await expect(vault).toHaveClass(/wm-window--snapped/);
  await shot('04-snapped-left');

  // From the snap, into the top-right corner: the top-right quarter.
  await drag(page, await titleBarGrip(vault), { x: layer.x + layer.width - 4, y: layer.y + 4 }, false);
  await expect(preview).toBeVisible();
  await page.mouse.up();
  const quarter = { x: layer.x + halfW, y: layer.y, width: layer.width - halfW, height: Math.round(layer.height / 2) };
  expectBoxNear(await settledBox(vault), quarter);
  await shot('05-snapped-top-right');
});

test('minimise and restore from the dock, clicking a lower window raises it, and close', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'wm-zorder');
  const vault = await openFromDock(page, 'vault');
  const wise = await openFromDock(page, 'wise');
  await expect(wise).toHaveClass(/wm-window--focused/);

  // Move Wise well down and right so that Vault's top-left shows, then click Vault's body there.
  const grip = await titleBarGrip(wise);
  await drag(page, grip, { x: grip.x + 250, y: grip.y + 200 });
  expect(await zIndexOf(wise)).toBeGreaterThan(await zIndexOf(vault));
  await vault.locator('.wm-body').click({ position: { x: 30, y: 30 } });
  await expect(vault).toHaveClass(/wm-window--focused/);
  await expect(wise).not.toHaveClass(/wm-window--focused/);
  expect(await zIndexOf(vault)).toBeGreaterThan(await zIndexOf(wise));
  await shot('06-raised');

  await vault.getByTestId('window-minimize').click();
  await expect(vault).toBeHidden();
  await expect(wise).toHaveClass(/wm-window--focused/);
  await shot('07-minimised');
  await page.locator('[data-testid=dock-app][data-app=vault]').click();
  await expect(vault).toBeVisible();
  await expect(vault).toHaveClass(/wm-window--focused/);

  await vault.getByTestId('window-close').click();
  await expect(page.locator('[data-testid=window][data-app=vault]')).toHaveCount(0);
  await expect(page.getByTestId('window')).toHaveCount(2);
  // Vault stays pinned in the dock, no longer running.
  await expect(page.locator('[data-testid=dock-app][data-app=vault]')).toHaveAttribute('aria-label', 'Vault');
});

test('a window stays reachable when the viewport shrinks', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'wm-shrink');
  const vault = await openFromDock(page, 'vault');
  const grip = await titleBarGrip(vault);
  await drag(page, grip, { x: grip.x + 400, y: grip.y + 120 });
  await page.setViewportSize({ width: 600, height: 500 });
  await expect.poll(async () => (await layerBox(page)).width).toBe(600);
  const layer = await layerBox(page);
  for (const app of ['vault', 'profile']) {
    const bar = await settledBox(win(page, app).getByTestId('window-titlebar'));
    expect(bar.y, app).toBeGreaterThanOrEqual(layer.y);
    expect(bar.y + bar.height, app).toBeLessThanOrEqual(layer.y + layer.height);
    // At least 48 px of the title bar lie inside the layer, to grab it by.
    const inside = Math.min(bar.x + bar.width, layer.x + layer.width) - Math.max(bar.x, layer.x);
    expect(inside, app).toBeGreaterThanOrEqual(48);
  }
  await shot('08-small-viewport');
  // It can still be dragged back by its title bar.
  const back = await titleBarGrip(vault);
  await drag(page, back, { x: back.x - 100, y: back.y });
  await expect(vault).toHaveClass(/wm-window--focused/);
});

test('keyboard only: snap, maximise, quarter, focus next, minimise and close', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'wm-keys');
  const vault = await openFromDock(page, 'vault');
  const profile = win(page, 'profile');
  const layer = await layerBox(page);
  const halfW = Math.round(layer.width / 2);

  await page.keyboard.press('Alt+Shift+ArrowLeft');
  expectBoxNear(await settledBox(vault), { x: layer.x, y: layer.y, width: halfW, height: layer.height });
  await page.keyboard.press('Alt+Shift+ArrowRight');
  expectBoxNear(await settledBox(vault), { x: layer.x + halfW, y: layer.y, width: layer.width - halfW, height: layer.height });
  await page.keyboard.press('Alt+Shift+ArrowUp');
  expectBoxNear(await settledBox(vault), layer);
  await page.keyboard.press('Alt+Shift+KeyI');
  expectBoxNear(await settledBox(vault), { x: layer.x + halfW, y: layer.y, width: layer.width - halfW, height: Math.round(layer.height / 2) });
  await shot('09-keyboard-quarter');

  // Alt+N: the other window, then back.
  await page.keyboard.press('Alt+KeyN');
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'profile');
  await page.keyboard.press('Alt+KeyN');
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'vault');

  await page.keyboard.press('Alt+KeyM');
  await expect(vault).toBeHidden();
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'profile');
  await page.keyboard.press('Alt+KeyW');
  await expect(profile).toHaveCount(0);
  await expect(page.getByTestId('window')).toHaveCount(1);
  await expect(focusedWindow(page)).toHaveCount(0);
  await shot('10-keyboard-closed');
});

test('the switcher: hold Alt, press ` to move on, release to focus', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'wm-switch');
  await openFromDock(page, 'vault');
  await openFromDock(page, 'wise');
  // Most recent first: Wise, Vault, Profile.
  await page.keyboard.down('Alt');
  await page.keyboard.press('Backquote');
  const switcher = page.getByTestId('switcher');
  const items = switcher.getByTestId('switcher-item');
  await expect(switcher).toBeVisible();
  await expect(items).toHaveText(['Wise', 'Vault', 'Profile']);
  await expect(items.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(items.nth(0)).toHaveAttribute('aria-selected', 'false');
  await shot('11-switcher');
  await page.keyboard.press('Backquote');
  await expect(items.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(items.nth(1)).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.up('Alt');
  await expect(switcher).toHaveCount(0);
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'profile');
  expect(await zIndexOf(win(page, 'profile'))).toBeGreaterThan(await zIndexOf(win(page, 'wise')));

  // Once more: one press and release goes back to the previous window (Wise).
  await page.keyboard.down('Alt');
  await page.keyboard.press('Backquote');
  await expect(page.getByTestId('switcher-item')).toHaveText(['Profile', 'Wise', 'Vault']);
  await page.keyboard.up('Alt');
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'wise');
});
