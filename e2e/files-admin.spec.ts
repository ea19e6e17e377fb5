// Files' storage settings for admins in a real browser: a member's quota and a further folder (an external disk) that the member then sees beside Home.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, signIn, test } from './fixtures';
import { openFromDock, waitForFirstDesktop } from './support/desktop';

test('an admin sets a member’s quota and adds a folder the member sees beside Home', async ({ page, browser, desktop, shot }) => {
  const member = await desktop.newAccount('storage-member');
  const admin = await desktop.newAccount('storage-admin', 'admin');
  await signIn(page, desktop.server.origin, admin);
  await waitForFirstDesktop(page);
  const disk = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-e2e-disk-'));
  await fs.writeFile(path.join(disk, 'holiday.txt'), 'photos from the coast\n');

  try {
    await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
    const files = await openFromDock(page, 'files');
    await files.getByTestId('side-admin-storage').click();
    const dialog = page.getByTestId('admin-storage');
    await expect(dialog).toBeVisible();

    await test.step('pick the member and set a quota', async () => {
      // The member's usage is held back until the quota has been typed: its late answer must not overwrite the 2.5.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/trpc/files.admin.usage**', async (route) => {
        if (decodeURIComponent(route.request().url()).includes(member.name)) await held;
        await route.continue();
      });
      await dialog.getByTestId('admin-user').click();
      await page.getByRole('option', { name: member.name, exact: true }).click();
      await dialog.getByTestId('admin-quota').fill('2.5');
      release();
      await expect(dialog.getByTestId('admin-usage')).toContainText('no quota');
      await expect(dialog.getByTestId('admin-quota')).toHaveValue('2.5');
      await page.unroute('**/trpc/files.admin.usage**');
      await dialog.getByTestId('admin-quota-save').click();
      await expect(dialog.getByTestId('admin-usage')).toContainText('2.5 GB');
    });

    await test.step('a folder that does not exist is refused with a sentence; a real one is added', async () => {
      await dialog.getByTestId('admin-root-name').fill('Archive');
      await dialog.getByTestId('admin-root-dir').fill('/no/such/folder/anywhere');
      await dialog.getByTestId('admin-root-add').click();
      await expect(dialog.getByTestId('admin-error')).toContainText('missing on the server');
      await dialog.getByTestId('admin-root-dir').fill(disk);
      await dialog.getByTestId('admin-root-add').click();
      await expect(dialog.getByTestId('admin-roots')).toContainText('Archive');
      await shot('storage-settings');
    });

    await test.step('the member sees the folder beside Home, with its file', async () => {
      const context = await browser.newContext();
      const other = await context.newPage();
      await signIn(other, desktop.server.origin, member);
      await waitForFirstDesktop(other);
      await expect(other.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
      const theirs = await openFromDock(other, 'files');
      await theirs.getByRole('button', { name: 'Archive' }).first().click();
      await expect(theirs.locator('[data-testid=file-row][data-name="holiday.txt"]')).toBeVisible();
      await other.screenshot({ path: path.join('test-results', 'screenshots', 'files-admin-member-sees-archive.png') });
      await expect(theirs.getByTestId('side-admin-storage')).toHaveCount(0);
      await context.close();
    });
  } finally {
    await fs.rm(disk, { recursive: true, force: true });
  }
});
