// Files in a real browser: open it from the dock, make a folder, rename with F2, move by drag, delete and restore, cut and paste, marquee, conflicts, two windows, and a 100,000-entry folder scrolled to the end.
import fs from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { drag, freshDesktop, openFromDock, titleBarGrip } from './support/desktop';

/** A row of the window's list by its name. */
function row(files: Locator, name: string): Locator {
  return files.locator(`[data-testid=file-row][data-name="${name}"]`);
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

async function openFiles(page: Page): Promise<Locator> {
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  const files = await openFromDock(page, 'files');
  await expect(files.getByTestId('files-app')).toBeVisible();
  return files;
}

test('make, rename, move by drag, trash and restore, cut and paste', async ({ page, desktop, shot }) => {
  test.setTimeout(120_000);
  const account = await freshDesktop(page, desktop, 'files');
  const home = path.join(desktop.server.dataDir, 'users', account.name, 'Home');
  await fs.mkdir(home, { recursive: true });
  await fs.writeFile(path.join(home, 'notes.txt'), 'hello\n');

  const files = await openFiles(page);
  const list = files.getByTestId('file-list');

  await test.step('Home lists the file', async () => {
    await expect(row(files, 'notes.txt')).toBeVisible();
    await expect(files.getByTestId('breadcrumbs')).toContainText('Home');
    await shot('01-home');
  });

  await test.step('a new folder, named inline', async () => {
    await files.getByTestId('new-folder').click();
    const editor = files.getByTestId('new-folder-row').getByTestId('name-editor');
    await expect(editor).toBeFocused();
    await editor.fill('Projects');
    await shot('02-new-folder');
    await editor.press('Enter');
    await expect(row(files, 'Projects')).toBeVisible();
    await expect(row(files, 'Projects')).toHaveAttribute('aria-selected', 'true');
    expect(await exists(path.join(home, 'Projects'))).toBe(true);
  });

  await test.step('rename with F2', async () => {
    await row(files, 'notes.txt').click();
    await list.press('F2');
    const editor = row(files, 'notes.txt').getByTestId('name-editor');
    await expect(editor).toBeFocused();
    // The name without its extension is selected: typing replaces only that.
    await page.keyboard.type('todo');
    await shot('03-rename');
    await page.keyboard.press('Enter');
    await expect(row(files, 'todo.txt')).toBeVisible();
    await expect(row(files, 'notes.txt')).toHaveCount(0);
    expect(await exists(path.join(home, 'todo.txt'))).toBe(true);
  });

  await test.step('move a file by dragging it onto a folder', async () => {
    await row(files, 'todo.txt').locator('.files-row__grip').dragTo(row(files, 'Projects'));
    await expect(row(files, 'todo.txt')).toHaveCount(0);
    await expect.poll(() => exists(path.join(home, 'Projects', 'todo.txt'))).toBe(true);
    await row(files, 'Projects').dblclick();
    await expect(files.getByTestId('files-app')).toHaveAttribute('data-location', '/Home/Projects');
    await expect(row(files, 'todo.txt')).toBeVisible();
    await shot('04-moved');
  });

  await test.step('Delete moves it to the Trash; the Trash restores it', async () => {
    await row(files, 'todo.txt').click();
    await list.press('Delete');
    await expect(row(files, 'todo.txt')).toHaveCount(0);
    await expect(page.getByText('Moved to Trash')).toBeVisible();
    await expect(files.getByTestId('files-empty')).toBeVisible();
    await shot('05-trashed');
    await files.getByTestId('side-trash').click();
    await expect(row(files, 'todo.txt')).toBeVisible();
    await expect(row(files, 'todo.txt')).toContainText('/Home/Projects');
    await shot('06-trash');
    await row(files, 'todo.txt').click({ button: 'right' });
    await page.getByTestId('menu-restore').click();
    await expect(row(files, 'todo.txt')).toHaveCount(0);
    await expect(files.getByTestId('files-trash')).toBeVisible();
    await expect.poll(() => exists(path.join(home, 'Projects', 'todo.txt'))).toBe(true);
    await files.getByTestId('nav-back').click();
    await expect(row(files, 'todo.txt')).toBeVisible();
  });

  await test.step('cut and paste with the keyboard', async () => {
    await row(files, 'todo.txt').click();
    await list.press('Control+x');
    await expect(row(files, 'todo.txt')).toHaveClass(/is-cut/);
    await list.press('Backspace');
    await expect(files.getByTestId('files-app')).toHaveAttribute('data-location', '/Home');
    await expect(row(files, 'Projects')).toHaveAttribute('aria-selected', 'true');
    await list.press('Control+v');
    await expect(row(files, 'todo.txt')).toBeVisible();
    await expect.poll(() => exists(path.join(home, 'todo.txt'))).toBe(true);
    expect(await exists(path.join(home, 'Projects', 'todo.txt'))).toBe(false);
    await shot('07-pasted');
  });

  await test.step('keyboard: type-ahead, Shift+arrows, Enter into a folder, Backspace out', async () => {
    await list.press('Home');
    await page.keyboard.type('p');
    await expect(row(files, 'Projects')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(files.getByTestId('files-status')).toContainText('2 selected');
    await page.keyboard.press('ArrowUp');
    await expect(files.getByTestId('files-status')).toContainText('one selected');
    await page.keyboard.press('Enter');
    await expect(files.getByTestId('files-app')).toHaveAttribute('data-location', '/Home/Projects');
    await page.keyboard.press('Backspace');
    await expect(files.getByTestId('files-app')).toHaveAttribute('data-location', '/Home');
  });

  await test.step('favourites: added from the menu, opened and removed from the side bar', async () => {
    // The menu key opens the menu on the focused row; arrows move in it; Enter chooses.
    await row(files, 'Projects').click();
    await list.press('Shift+F10');
    await expect(page.getByTestId('menu-open')).toBeFocused();
    for (let i = 0; i < 10; i++) {
      if (await page.getByTestId('menu-favorite').evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    const fav = files.locator('[data-testid=side-favorite][data-path="/Home/Projects"]');
    await expect(fav).toBeVisible();
    await fav.click();
    await expect(files.getByTestId('files-app')).toHaveAttribute('data-location', '/Home/Projects');
    await shot('07b-favorite');
    await files.getByTestId('side-favorite-remove').click();
    await expect(fav).toHaveCount(0);
    await files.getByTestId('nav-back').click();
    await expect(files.getByTestId('files-app')).toHaveAttribute('data-location', '/Home');
  });

  await test.step('grid view and the context menu', async () => {
    await files.getByTestId('toggle-view').click();
    await expect(list).toHaveAttribute('data-view', 'grid');
    await row(files, 'Projects').click({ button: 'right' });
    await expect(page.getByTestId('menu-properties')).toBeVisible();
    await shot('08-grid-menu');
    await page.getByTestId('menu-properties').click();
    await expect(page.getByTestId('properties-dialog')).toBeVisible();
    await page.getByTestId('properties-count').click();
    await expect(page.getByTestId('properties-size')).toContainText('0 files, 0 folders');
    await shot('09-properties');
    await page.getByTestId('properties-close').click();
    await files.getByTestId('toggle-view').click();
  });
});

test('a folder of 100,000 entries opens at once and scrolls to the end', async ({ page, desktop, shot }) => {
  test.setTimeout(180_000);
  const account = await freshDesktop(page, desktop, 'files-big');
  const big = path.join(desktop.server.dataDir, 'users', account.name, 'Home', 'big');
  await fs.mkdir(big, { recursive: true });
  for (let i = 0; i < 100_000; i += 1000) {
    await Promise.all(Array.from({ length: 1000 }, (_, k) => fs.writeFile(path.join(big, `f${String(i + k).padStart(6, '0')}.txt`), '')));
  }

  const files = await openFiles(page);
  const list = files.getByTestId('file-list');
  await row(files, 'big').dblclick();
  await expect(list).toHaveAttribute('data-total', '100000');
  await expect(row(files, 'f000000.txt')).toBeVisible();
  await expect(files.getByTestId('files-status')).toContainText('100,000 items');
  await shot('10-big');

  await row(files, 'f000000.txt').click();
  await list.press('End');
  await expect(row(files, 'f099999.txt')).toBeVisible();
  await expect(row(files, 'f099999.txt')).toHaveAttribute('aria-selected', 'true');
  await shot('11-big-end');

  // A jump to the middle (the scroll bar): placeholders, then the rows of that page.
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await shot('11b-big-middle-loading');
  await expect(files.getByTestId('file-row-loading')).toHaveCount(0);
  await expect(files.locator('[data-testid=file-row]').first()).toHaveAttribute('data-name', /^f04\d+\.txt$/);
  await list.press('End');

  // The mouse wheel: up through pages not loaded yet; their rows arrive.
  const box = await list.boundingBox();
  await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -4000);
  await expect(files.getByTestId('file-row-loading')).toHaveCount(0);
  await expect(files.locator('[data-testid=file-row]').first()).toHaveAttribute('data-name', /^f09\d+\.txt$/);
  await shot('12-big-wheel');

  // Ctrl+A counts all of them without loading every page.
  await list.press('Control+a');
  await expect(files.getByTestId('files-status')).toContainText('100,000 selected');
});

test('marquee selection, a name clash asked, and a drag into another Files window', async ({ page, desktop, shot }) => {
  test.setTimeout(120_000);
  const account = await freshDesktop(page, desktop, 'files-two');
  const home = path.join(desktop.server.dataDir, 'users', account.name, 'Home');
  await fs.mkdir(path.join(home, 'Inbox'), { recursive: true });
  await fs.mkdir(path.join(home, 'Archive'), { recursive: true });
  for (const n of ['a.txt', 'b.txt', 'c.txt']) await fs.writeFile(path.join(home, n), n);
  await fs.writeFile(path.join(home, 'Archive', 'a.txt'), 'older');

  const files = await openFiles(page);
  const list = files.getByTestId('file-list');

  await test.step('a marquee from beside the names selects the rows it crosses', async () => {
    const from = await row(files, 'a.txt').locator('.files-cell--size').boundingBox();
    const to = await row(files, 'c.txt').locator('.files-cell--date').boundingBox();
    await drag(page, { x: from!.x + 5, y: from!.y + 5 }, { x: to!.x + 20, y: to!.y + 10 }, false);
    await expect(files.getByTestId('marquee')).toBeVisible();
    await shot('13-marquee');
    await page.mouse.up();
    await expect(files.getByTestId('files-status')).toContainText('3 selected');
    for (const n of ['a.txt', 'b.txt', 'c.txt']) await expect(row(files, n)).toHaveAttribute('aria-selected', 'true');
    await expect(row(files, 'Inbox')).toHaveAttribute('aria-selected', 'false');
  });

  await test.step('copying onto a name that is taken asks; Keep both keeps both', async () => {
    await row(files, 'a.txt').click();
    await list.press('Control+c');
    await row(files, 'Archive').dblclick();
    await expect(row(files, 'a.txt')).toBeVisible();
    await list.press('Control+v');
    const dialog = page.getByTestId('conflict-dialog');
    await expect(page.getByTestId('conflict-name')).toHaveText('a.txt');
    await expect(page.getByTestId('conflict-keepBoth')).toBeVisible();
    await shot('14-conflict');
    await page.getByTestId('conflict-keepBoth').click();
    await expect(dialog).toHaveCount(0);
    await expect(files.locator('[data-testid=file-row]')).toHaveCount(2);
    expect((await fs.readdir(path.join(home, 'Archive'))).length).toBe(2);
    expect(await fs.readFile(path.join(home, 'Archive', 'a.txt'), 'utf8')).toBe('older');
    await expect(list).toBeFocused();
  });

  await test.step('Undo in the toast brings back what Delete moved to the Trash', async () => {
    await files.getByTestId('nav-up').click();
    await row(files, 'c.txt').click();
    await list.press('Delete');
    await expect(row(files, 'c.txt')).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(row(files, 'c.txt')).toBeVisible();
    expect(await exists(path.join(home, 'c.txt'))).toBe(true);
    // The jobs so far are in the transfer panel, behind the tool bar's button.
    await files.getByTestId('toggle-transfers').click();
    await expect(files.getByTestId('transfer-panel')).toBeVisible();
    await shot('15a-transfers');
    await files.getByTestId('toggle-transfers').click();
  });

  await test.step('a second window, side by side: a file dragged into it moves there', async () => {
    await expect(row(files, 'b.txt')).toBeVisible();
    await drag(page, await titleBarGrip(files), { x: 2, y: 300 });
    await page.locator('[data-testid=dock-app][data-app=files]').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'New window' }).click();
    const second = page.locator('[data-testid=window][data-app=files]').nth(1);
    await expect(second.getByTestId('files-app')).toBeVisible();
    await drag(page, await titleBarGrip(second), { x: 1278, y: 300 });
    await row(second, 'Inbox').dblclick();
    await expect(second.getByTestId('files-app')).toHaveAttribute('data-location', '/Home/Inbox');
    await expect(second.getByTestId('files-empty')).toBeVisible();
    await row(files, 'b.txt').locator('.files-row__grip').dragTo(second.getByTestId('file-list'));
    await expect(row(second, 'b.txt')).toBeVisible();
    await expect(row(files, 'b.txt')).toHaveCount(0);
    await expect.poll(() => exists(path.join(home, 'Inbox', 'b.txt'))).toBe(true);
    await shot('15-two-windows');
  });

  await test.step('no serious accessibility violations in the two windows', async () => {
    const { violations } = await new AxeBuilder({ page }).include('[data-testid=window][data-app=files]').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  await test.step('dark theme and Chinese are readable', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await row(files, 'a.txt').click();
    await shot('16-dark');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitemradio', { name: '简体中文' }).click();
    await expect(files.getByTestId('files-status')).toContainText('项');
    await shot('17-dark-zh-CN');
  });
});
