// The shell's ways to launch things: the dock's menu and order, Alt+1…9, the launchpad and the spotlight by keyboard, and the shortcut sheet.
import { expect, test, type Page } from './fixtures';
import { activeWindowApp, dockApp, dockOrder, focusedWindow, freshDesktop, layoutSaved, win } from './support/desktop';

const DEFAULT_DOCK = ['files', 'wise', 'vault', 'market', 'settings', 'dashboard', 'control-hub', 'profile', 'devbox'];

/** Right-clicks a dock icon once the previous menu has finished closing; returns the item with that test id in the new menu. */
async function dockMenuItem(page: Page, appId: string, item: string) {
  await expect(page.locator('.q-menu')).toHaveCount(0);
  await dockApp(page, appId).click({ button: 'right' });
  return page.locator('.q-menu').getByTestId(item);
}

test('the dock menu pins, unpins and moves apps, and the order survives a reload', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'dock-menu');
  expect(await dockOrder(page)).toEqual(DEFAULT_DOCK);

  const moveRight = await dockMenuItem(page, 'files', 'dock-move-right');
  await expect(moveRight).toBeVisible();
  await expect(page.locator('.q-menu').getByTestId('dock-move-left')).toHaveAttribute('aria-disabled', 'true');
  await shot('01-dock-menu');
  await moveRight.click();
  await expect.poll(() => dockOrder(page)).toEqual(['wise', 'files', ...DEFAULT_DOCK.slice(2)]);

  // Unpinning an app that is not running takes it off the dock.
  await (await dockMenuItem(page, 'wise', 'dock-unpin')).click();
  await expect(dockApp(page, 'wise')).toHaveCount(0);

  // Unpinning a running app (Profile) leaves it on the dock while it runs; pinning it again puts it last.
  await (await dockMenuItem(page, 'profile', 'dock-unpin')).click();
  const pin = await dockMenuItem(page, 'profile', 'dock-pin');
  await expect(pin).toBeVisible();
  await expect(page.locator('.q-menu').getByTestId('dock-move-right')).toHaveAttribute('aria-disabled', 'true');
  const expected = ['files', 'vault', 'market', 'settings', 'dashboard', 'control-hub', 'devbox', 'profile'];
  const saved = layoutSaved(page, (l) => JSON.stringify(l.dock) === JSON.stringify(expected));
  await pin.click();
  await expect.poll(() => dockOrder(page)).toEqual(expected);
  await saved;
  await shot('02-dock-reordered');

  await page.reload();
  await expect(page.getByTestId('dock')).toBeVisible();
  await expect.poll(() => dockOrder(page)).toEqual(expected);
  await expect(win(page, 'profile')).toBeVisible();
});

test('a dock menu closes after an action that changes the menu itself', async ({ page, desktop }) => {
  await freshDesktop(page, desktop, 'dock-close');
  await (await dockMenuItem(page, 'profile', 'dock-unpin')).click();
  await expect(page.locator('.q-menu'), 'after Remove from dock').toHaveCount(0, { timeout: 3000 });
  await (await dockMenuItem(page, 'wise', 'dock-move-left')).click();
  await expect(page.locator('.q-menu'), 'after Move left').toHaveCount(0, { timeout: 3000 });
});

test('Alt+1…9 opens the dock app in that place, or brings it forward', async ({ page, desktop }) => {
  await freshDesktop(page, desktop, 'dock-keys');
  await page.keyboard.press('Alt+Digit1');
  await expect(win(page, 'files')).toBeVisible();
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'files');
  await page.keyboard.press('Alt+Digit3');
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'vault');
  await page.keyboard.press('Alt+Digit1');
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'files');
  await expect(page.locator('[data-testid=window][data-app=files]')).toHaveCount(1);
});

test('the launchpad by keyboard only: filter, arrows, Enter, Escape', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'launchpad');
  await expect.poll(() => activeWindowApp(page)).toBe('profile');
  await page.keyboard.press('Alt+KeyA');
  const launchpad = page.getByTestId('launchpad');
  const search = page.getByTestId('launchpad-search');
  await expect(launchpad).toBeVisible();
  await expect(search).toBeFocused();
  await expect(launchpad.getByTestId('launchpad-app')).toHaveCount(9);

  await page.keyboard.type('d');
  const tiles = launchpad.getByTestId('launchpad-app');
  await expect(tiles).toHaveText(['Dashboard', 'DevBox']);
  await expect(tiles.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(tiles.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute('aria-activedescendant', (await tiles.nth(1).getAttribute('id')) ?? '');
  await page.keyboard.press('ArrowLeft');
  await expect(tiles.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await shot('03-launchpad-filtered');
  await page.keyboard.press('Enter');
  await expect(launchpad).toHaveCount(0);
  await expect(win(page, 'devbox')).toBeVisible();
  await expect.poll(() => activeWindowApp(page)).toBe('devbox');

  // Escape closes without launching (where focus goes then: the last test).
  await page.keyboard.press('Alt+KeyA');
  await expect(search).toBeFocused();
  await page.keyboard.type('files');
  await page.keyboard.press('Escape');
  await expect(launchpad).toHaveCount(0);
  await expect(page.locator('[data-testid=window][data-app=files]')).toHaveCount(0);
});

test('the spotlight finds apps, windows and commands by keyboard', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'spotlight');
  const spotlight = page.getByTestId('spotlight');
  const input = page.getByTestId('spotlight-input');
  const options = spotlight.getByTestId('spotlight-option');
  const selected = spotlight.locator('[data-testid=spotlight-option][aria-selected=true]');

  // Ctrl+K, an app, Enter.
  await page.keyboard.press('Control+KeyK');
  await expect(input).toBeFocused();
  await page.keyboard.type('vault');
  await expect(selected).toHaveAttribute('data-kind', 'app');
  await expect(selected).toContainText('Vault');
  await shot('04-spotlight-app');
  await page.keyboard.press('Enter');
  await expect(spotlight).toHaveCount(0);
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'vault');

  // Shift+Space, an open window by its title, arrows to it. Vault's first screen puts the keyboard in its password field,
  // where Shift+Space types a space on purpose (shortcuts.ts isTyping); a click on the title bar takes focus out of the field.
  await expect.poll(() => activeWindowApp(page)).toBe('vault');
  await expect(win(page, 'vault').locator('input').first()).toBeFocused();
  await win(page, 'vault').getByTestId('window-titlebar').click();
  await expect(win(page, 'vault')).toBeFocused();
  await page.keyboard.press('Shift+Space');
  await expect(input).toBeFocused();
  await page.keyboard.type('Profile');
  await expect(options.first()).toHaveAttribute('data-kind', 'app');
  const windowOption = spotlight.locator('[data-testid=spotlight-option][data-kind=window]');
  await expect(windowOption).toHaveCount(1);
  const kinds = await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  for (let i = 0; i < kinds.indexOf('window'); i++) await page.keyboard.press('ArrowDown');
  await expect(windowOption).toHaveAttribute('aria-selected', 'true');
  await shot('05-spotlight-window');
  await page.keyboard.press('Enter');
  await expect(spotlight).toHaveCount(0);
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'profile');
  await expect(page.getByTestId('window')).toHaveCount(2);

  // A shell command: "dark" finds the dark theme; Down wraps round and Up comes back.
  await page.keyboard.press('Control+KeyK');
  await page.keyboard.type('dark');
  await expect(selected).toHaveAttribute('data-kind', 'command');
  await expect(selected).toContainText('Dark');
  const count = await options.count();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  expect(count).toBeGreaterThanOrEqual(1);
  await shot('06-spotlight-command');
  await page.keyboard.press('Enter');
  await expect(page.locator('body')).toHaveClass(/body--dark/);
  await page.keyboard.press('Control+KeyK');
  await expect(input).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(spotlight).toHaveCount(0);
  await shot('07-dark-after-spotlight');
});

test('? opens the shortcut sheet with every shortcut', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'sheet');
  await expect.poll(() => activeWindowApp(page)).toBe('profile');
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  const rows = sheet.locator('[data-shortcut]');
  await expect(rows).toHaveCount(13);
  await expect(sheet.locator('[data-shortcut=spotlight]')).toContainText('Search apps, windows and commands');
  await expect(sheet.locator('[data-shortcut=spotlight] kbd')).toHaveText(['Ctrl', 'K', 'Shift', 'Space']);
  await expect(sheet.locator('[data-shortcut=launchpad] kbd')).toHaveText(['Alt', 'A']);
  await expect(sheet.locator('[data-shortcut=switcher] kbd')).toHaveText(['Alt', '`']);
  await expect(sheet.locator('[data-shortcut=sheet] kbd')).toHaveText(['?']);
  await shot('08-shortcut-sheet');
  await page.keyboard.press('Escape');
  await expect(rows).toHaveCount(0);
});

test('Escape from the launchpad or the spotlight gives focus back to where it was', async ({ page, desktop }) => {
  await freshDesktop(page, desktop, 'refocus');
  const securityTab = win(page, 'profile').getByTestId('tab-security');
  for (const [keys, field] of [['Alt+KeyA', 'launchpad-search'], ['Control+KeyK', 'spotlight-input']] as const) {
    await securityTab.focus();
    await page.keyboard.press(keys);
    await expect(page.getByTestId(field)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId(field)).toHaveCount(0);
    await expect(securityTab, `focus after ${keys}, Escape`).toBeFocused({ timeout: 3000 });
  }
});
