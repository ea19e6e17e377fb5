// A saved desktop comes back: windows in the same places and states, the theme and the wallpaper, in a second browser and after a reload.
import path from 'node:path';
import { expect, signIn, test, type Page } from './fixtures';
import { box, drag, expectBoxNear, focusedWindow, freshDesktop, layerBox, layoutSaved, openFromDock, settledBox, titleBarGrip, win, type Box } from './support/desktop';
import { REPO_ROOT } from './support/server';

interface Seen {
  windows: { app: string; snapped: boolean; box: Box }[];
  focused: string | null;
}

/** Each window's app, whether it is snapped and its box, and which window is focused. */
async function seen(page: Page): Promise<Seen> {
  const list = page.getByTestId('window');
  await expect(list.first()).toBeVisible();
  const windows: Seen['windows'] = [];
  for (const w of await list.all()) {
    windows.push({ app: (await w.getAttribute('data-app')) ?? '', snapped: /wm-window--snapped/.test((await w.getAttribute('class')) ?? ''), box: await settledBox(w) });
  }
  windows.sort((a, b) => a.app.localeCompare(b.app));
  const focused = (await focusedWindow(page).count()) ? await focusedWindow(page).getAttribute('data-app') : null;
  return { windows, focused };
}

async function expectSameDesktop(page: Page, expected: Seen): Promise<void> {
  await expect(page.getByTestId('window')).toHaveCount(expected.windows.length);
  const now = await seen(page);
  expect(now.windows.map((w) => [w.app, w.snapped])).toEqual(expected.windows.map((w) => [w.app, w.snapped]));
  now.windows.forEach((w, i) => expectBoxNear(w.box, expected.windows[i]!.box, 1));
  expect(now.focused).toBe(expected.focused);
  await expect(page.locator('body')).toHaveClass(/body--dark/);
  await expect(page.getByTestId('wallpaper')).toHaveAttribute('src', '/wallpapers/forest.jpg');
}

test('the desktop is restored in a second browser and after a reload', async ({ page, browser, desktop, shot }) => {
  const account = await freshDesktop(page, desktop, 'restore');
  await expect(page.locator('body')).not.toHaveClass(/body--dark/);

  // Two windows: Profile moved somewhere of its own, Vault snapped to the left half (and focused).
  const profile = win(page, 'profile');
  const grip = await titleBarGrip(profile);
  await drag(page, grip, { x: grip.x + 220, y: grip.y + 40 });
  const vault = await openFromDock(page, 'vault');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(vault).toHaveClass(/wm-window--snapped/);
  await expect(vault).toHaveClass(/wm-window--focused/);

  // Appearance: the dark theme and the forest wallpaper; then wait until that very layout is saved.
  const saved = layoutSaved(
    page,
    (l) => l.theme === 'dark' && l.wallpaper.id === 'forest' && l.windows.some((w) => w.appId === 'vault' && w.state === 'snapped-left') && l.windows.length === 2,
  );
  await page.getByTestId('appearance-menu').click();
  await page.getByTestId('theme-dark').click();
  await expect(page.locator('body')).toHaveClass(/body--dark/);
  await page.getByTestId('wallpaper-forest').click();
  await expect(page.getByTestId('wallpaper-forest')).toHaveAttribute('aria-checked', 'true');
  await shot('01-appearance-menu');
  await page.keyboard.press('Escape');
  await saved;
  const before = await seen(page);
  expect(before.focused).toBe('vault');
  await expectSameDesktop(page, before);
  await shot('02-first-browser');

  // A second browser, signed in as the same user, sees the same desktop.
  const other = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: page.viewportSize() });
  try {
    const page2 = await other.newPage();
    await signIn(page2, desktop.server.origin, account);
    await expectSameDesktop(page2, before);
    await page2.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'screenshots', 'restore-03-second-browser.png'), fullPage: true });
  } finally {
    await other.close();
  }

  // And a reload of the first browser.
  await page.reload();
  await expect(page.getByTestId('desktop')).toBeVisible();
  await expectSameDesktop(page, before);
  const layer = await layerBox(page);
  expectBoxNear(await box(vault), { ...layer, width: Math.round(layer.width / 2) }, 1);
  await shot('04-after-reload');
});
