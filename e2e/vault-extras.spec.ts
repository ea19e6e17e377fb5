// Vault beyond the basics, in a real browser: a generic CSV import with a changed column mapping and its preview, an encrypted attachment, the Trash, changing the master password, auto-lock on a fake clock, and an encrypted backup moved to another person's Vault.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { freshDesktop } from './support/desktop';
import { addLogin, axe, fromMoreMenu, MASTER, openVault, row, secondPerson, setUp, shotOf } from './support/vault';

async function tempFile(name: string, content: string): Promise<string> {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'vault-x-')), name);
  await fs.writeFile(file, content);
  return file;
}

/** A field of the open item as shown (not editing). */
function shown(win: Locator, testId: string): Locator {
  return win.getByTestId(testId).getByTestId('field-value');
}

/** Locks with the toolbar's button and waits for the lock screen. */
async function lock(win: Locator): Promise<void> {
  await win.getByTestId('vault-lock').click();
  await expect(win.getByTestId('vault-app')).toHaveAttribute('data-phase', 'locked');
}

/** Types a password on Vault's lock screen and presses Enter. */
async function tryUnlock(win: Locator, password: string): Promise<void> {
  const field = win.getByTestId('vault-unlock-password');
  await field.fill(password);
  await field.press('Enter');
}

/** Waits until no select's menu is open or fading out. */
async function menuGone(page: Page): Promise<void> {
  await expect(page.locator('.q-menu')).toHaveCount(0);
}

/** The import dialog with a file chosen. */
async function importFile(page: Page, win: Locator, file: string): Promise<Locator> {
  await fromMoreMenu(page, win, 'vault-open-import');
  const dialog = page.getByTestId('vault-import');
  await dialog.getByTestId('vault-import-input').setInputFiles(file);
  return dialog;
}

/** The preview's rows as "name | detail | folder". */
function previewRows(dialog: Locator): Promise<string[]> {
  return dialog
    .getByTestId('vault-import-preview-row')
    .evaluateAll((rows) =>
      rows.map((r) => ['vault-import-preview-name', 'vault-import-preview-detail', 'vault-import-preview-folder'].map((id) => r.querySelector(`[data-testid=${id}]`)?.textContent?.trim() ?? '').join(' | ')),
    );
}

test('a CSV whose columns are not all guessed: the mapping is changed by pointer and keyboard, the preview follows, the items land right', async ({ page, desktop }) => {
  test.setTimeout(120_000);
  await freshDesktop(page, desktop, 'vault-csv');
  const win = await openVault(page);
  await setUp(win);
  // "Site" looks like a name but holds addresses; "Label" (the real name) means nothing to the guesser.
  const file = await tempFile(
    'passwords.csv',
    ['Label,Site,Login,Secret,Comment,Group', 'Home router,https://router.lan,admin,Rout3r-Pass!,"On the kitchen shelf",Home', 'Payroll,https://pay.example.com,alice@example.com,Pay-Secret-77,,Work', ',,,,,Work', 'Wi-Fi card,,,,"Guest network: olares-guest",Home'].join('\n'),
  );
  const dialog = await importFile(page, win, file);
  await expect(dialog.getByTestId('vault-import-format')).toHaveValue('Other CSV (choose the columns)');
  const mapping = dialog.getByTestId('vault-import-mapping');
  await expect(mapping).toBeVisible();

  await test.step('the guess, and its preview: names are the addresses', async () => {
    const target = (field: string) => mapping.locator(`[data-testid=vault-import-target][data-field=${field}]`);
    await expect(target('name')).toHaveAttribute('data-column', '1');
    await expect(target('username')).toHaveAttribute('data-column', '2');
    await expect(target('password')).toHaveAttribute('data-column', '3');
    await expect(target('notes')).toHaveAttribute('data-column', '4');
    await expect(target('folder')).toHaveAttribute('data-column', '5');
    await expect(target('uri')).toHaveAttribute('data-column', '');
    // "Label" reads as tags to the guesser.
    await expect(target('tags')).toHaveAttribute('data-column', '0');
    await expect(dialog.getByTestId('vault-import-summary')).toContainText('3 items ready to import');
    await expect(dialog.getByTestId('vault-import-warnings')).toContainText('1 empty row was skipped.');
    expect(await previewRows(dialog)).toEqual(['https://router.lan | admin | Home', 'https://pay.example.com | alice@example.com | Work', 'Imported item | Secure note | Home']);
  });

  await test.step('every field has a labelled select; the address by pointer, the name by keyboard', async () => {
    for (const label of ['Name', 'Web address', 'Username', 'Password', 'Notes', 'Authenticator key', 'Folder', 'Tags', 'Favourite']) {
      await expect(mapping.getByRole('combobox', { name: label, exact: true })).toBeVisible();
    }
    await mapping.getByRole('combobox', { name: 'Web address', exact: true }).click();
    await expect(page.getByTestId('vault-import-column-1')).toContainText('https://router.lan');
    // A column mapped to a secret shows no sample.
    await expect(page.getByTestId('vault-import-column-3')).not.toContainText('Rout3r-Pass!');
    await shotOf(page, 'x-01a-csv-columns');
    await page.getByTestId('vault-import-column-1').click();
    await expect(mapping.locator('[data-testid=vault-import-target][data-field=uri]')).toHaveAttribute('data-column', '1');
    // A closing menu stays in the page for its fade-out: the next select's options would be there twice.
    await menuGone(page);
    await mapping.getByRole('combobox', { name: 'Tags', exact: true }).click();
    await page.getByTestId('vault-import-column-none').click();
    await expect(mapping.locator('[data-testid=vault-import-target][data-field=tags]')).toHaveAttribute('data-column', '');
    await menuGone(page);

    const name = mapping.getByRole('combobox', { name: 'Name', exact: true });
    await name.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('vault-import-column-0')).toBeVisible();
    await page.keyboard.type('label');
    await page.keyboard.press('Enter');
    await expect(mapping.locator('[data-testid=vault-import-target][data-field=name]')).toHaveAttribute('data-column', '0');
    await expect(name).toBeFocused();
    await expect(name).toHaveValue('Label');
    expect(await previewRows(dialog)).toEqual(['Home router | admin | Home', 'Payroll | alice@example.com | Work', 'Wi-Fi card | Secure note | Home']);
    await expect(dialog.getByTestId('vault-import-preview-row').first()).toHaveAttribute('data-kind', 'login');
    await shotOf(page, 'x-01-csv-mapping');
    await axe(page, '[data-testid=vault-import]');
  });

  await test.step('imported: the items with the right fields', async () => {
    await dialog.getByTestId('vault-import-run').click();
    await expect(dialog).toBeHidden();
    await row(win, 'Home router').click();
    await expect(shown(win, 'item-username')).toHaveText('admin');
    await expect(shown(win, 'item-uri')).toHaveText('https://router.lan');
    await expect(shown(win, 'item-notes')).toHaveText('On the kitchen shelf');
    await win.getByTestId('item-password').getByTestId('field-reveal').click();
    await expect(shown(win, 'item-password')).toHaveText('Rout3r-Pass!');
    await expect(win.getByTestId('item-tag')).toHaveCount(0);
    await row(win, 'Payroll').click();
    await expect(shown(win, 'item-username')).toHaveText('alice@example.com');
    await win.getByTestId('rail-folder').filter({ hasText: 'Home' }).click();
    await expect(row(win, 'Home router')).toBeVisible();
    await expect(row(win, 'Wi-Fi card')).toBeVisible();
    await expect(row(win, 'Payroll')).toHaveCount(0);
  });
});

test('an attachment is encrypted, listed, opened byte for byte and removed; an item goes to the Trash, comes back, then is deleted for good', async ({ page, desktop }) => {
  test.setTimeout(120_000);
  await freshDesktop(page, desktop, 'vault-att');
  const win = await openVault(page);
  await setUp(win);
  await addLogin(win, { name: 'Server', username: 'root', password: 'S3rver-Root-Pass' });
  const body = 'ssh-config for the server\nHost box\n  Port 2222\n  ünïcödé ✓\n';

  await test.step('attach a small text file', async () => {
    await win.getByTestId('item-attachment-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(body) });
    const att = win.locator('[data-testid=item-attachment][data-name="notes.txt"]');
    await expect(att).toBeVisible();
    await expect(att).toContainText(`${Buffer.byteLength(body)} B`);
    await shotOf(page, 'x-02-attachment');
    await axe(page, '[data-testid=window][data-app=vault]');
    const download = page.waitForEvent('download');
    await att.getByTestId('item-attachment-open').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('notes.txt');
    expect(await fs.readFile((await file.path())!)).toEqual(Buffer.from(body));
  });

  await test.step('remove it (after asking)', async () => {
    await win.locator('[data-testid=item-attachment][data-name="notes.txt"]').getByTestId('item-attachment-remove').click();
    await expect(page.getByTestId('vault-ask')).toContainText('Remove the attachment notes.txt?');
    await page.getByTestId('vault-ask-ok').click();
    await expect(win.getByTestId('item-attachment')).toHaveCount(0);
  });

  await test.step('Trash, restore, then delete for good', async () => {
    await row(win, 'Server').click();
    await win.getByTestId('item-trash').click();
    await expect(row(win, 'Server')).toHaveCount(0);
    await win.getByTestId('rail-trash').click();
    await row(win, 'Server').click();
    await win.getByTestId('item-restore').click();
    await expect(row(win, 'Server')).toHaveCount(0);
    await win.getByTestId('rail-all').click();
    await expect(row(win, 'Server')).toBeVisible();

    await row(win, 'Server').click();
    await win.getByTestId('item-trash').click();
    await win.getByTestId('rail-trash').click();
    await row(win, 'Server').click();
    await win.getByTestId('item-delete').click();
    await expect(page.getByTestId('vault-ask')).toContainText('Delete “Server” forever?');
    await page.getByTestId('vault-ask-ok').click();
    await expect(row(win, 'Server')).toHaveCount(0);
    await expect(win.getByTestId('vault-list-empty')).toContainText('The Trash is empty.');
    await win.getByTestId('rail-all').click();
    await expect(row(win, 'Server')).toHaveCount(0);
  });
});

test('change the master password (a wrong current one first); the old one is then refused; auto-lock after a minute on a fake clock', async ({ page, desktop }) => {
  test.setTimeout(150_000);
  await freshDesktop(page, desktop, 'vault-pw');
  const win = await openVault(page);
  await setUp(win);
  await addLogin(win, { name: 'Mail', username: 'me', password: 'Mail-Pass-1234' });
  const NEXT = 'purple elephant juggles seven lanterns';

  await test.step('a wrong current password is refused with a clear message; the right one changes it', async () => {
    await fromMoreMenu(page, win, 'vault-open-settings');
    await page.getByTestId('vault-change-password').click();
    const dialog = page.getByTestId('vault-chpw');
    await expect(dialog.getByTestId('vault-chpw-old')).toBeFocused();
    await dialog.getByTestId('vault-chpw-old').fill('not my master password');
    await dialog.getByTestId('vault-chpw-new').fill(NEXT);
    await dialog.getByTestId('vault-chpw-again').fill(NEXT);
    await dialog.getByTestId('vault-chpw-submit').click();
    await expect(dialog.getByTestId('vault-chpw-error')).toHaveText('The current master password is wrong.', { timeout: 30_000 });
    await dialog.getByTestId('vault-chpw-old').fill(MASTER);
    await dialog.getByTestId('vault-chpw-submit').click();
    await expect(page.getByText('Master password changed.')).toBeVisible({ timeout: 30_000 });
    await expect(dialog).toBeHidden();
  });

  await test.step('locked: the old password no longer opens it, the new one does', async () => {
    await lock(win);
    await expect(win.getByTestId('vault-unlock-password')).toBeFocused();
    await tryUnlock(win, MASTER);
    await expect(win.getByTestId('vault-unlock-error')).toHaveText('That is not your master password.', { timeout: 30_000 });
    await tryUnlock(win, NEXT);
    await expect(win.getByTestId('vault-app')).toHaveAttribute('data-phase', 'unlocked', { timeout: 30_000 });
    await row(win, 'Mail').click();
    await expect(shown(win, 'item-username')).toHaveText('me');
  });

  await test.step('auto-lock after 1 minute idle: the clock jumps past it and the window shows the lock screen', async () => {
    // Timers set from here on are the fake clock's (it keeps running in real time until told to jump).
    await page.clock.install();
    await fromMoreMenu(page, win, 'vault-open-settings');
    const settings = page.getByTestId('vault-settings');
    await settings.getByText('1 minute', { exact: true }).click();
    await expect(settings.getByRole('radio', { name: '1 minute', exact: true })).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    await expect(win.getByTestId('vault-app')).toHaveAttribute('data-phase', 'unlocked');
    await page.clock.fastForward('01:05');
    await expect(win.getByTestId('vault-app')).toHaveAttribute('data-phase', 'locked');
    await expect(win.getByTestId('vault-locked')).toBeVisible();
    await expect(row(win, 'Mail')).toHaveCount(0);
    await tryUnlock(win, NEXT);
    await expect(win.getByTestId('vault-app')).toHaveAttribute('data-phase', 'unlocked', { timeout: 30_000 });
  });
});

test('an encrypted backup, exported after re-entering the password, opens in another person’s Vault with the backup’s password', async ({ page, desktop, browser }) => {
  test.setTimeout(180_000);
  await freshDesktop(page, desktop, 'vault-bak');
  const win = await openVault(page);
  await setUp(win);
  await addLogin(win, { name: 'Backup me', username: 'bak', password: 'B4ckup-Pass-9', uri: 'https://backup.example' });
  await addLogin(win, { name: 'And me', username: 'and', password: 'And-Pass-0042' });

  const download = page.waitForEvent('download');
  await fromMoreMenu(page, win, 'vault-open-export');
  const exporter = page.getByTestId('vault-export');
  await exporter.getByTestId('vault-export-password').fill(MASTER);
  await exporter.getByTestId('vault-export-run').click();
  const backup = await download;
  const text = await fs.readFile((await backup.path())!, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'olares-vault-backup' });
  expect(text).not.toContain('B4ckup-Pass-9');
  const file = await tempFile('olares-vault-backup.json', text);

  const friend = await secondPerson(browser, desktop, 'vault-bak-friend');
  try {
    const theirs = await openVault(friend.page);
    await setUp(theirs, 'a different master password for the friend');
    const dialog = await importFile(friend.page, theirs, file);
    await expect(dialog.getByTestId('vault-import-format')).toHaveValue('Olares Vault encrypted backup');
    await dialog.getByTestId('vault-import-password').fill('a different master password for the friend');
    await dialog.getByTestId('vault-import-decrypt').click();
    await expect(dialog.getByTestId('vault-import-error')).toHaveText('This password does not open the backup.', { timeout: 30_000 });
    await dialog.getByTestId('vault-import-password').fill(MASTER);
    await dialog.getByTestId('vault-import-decrypt').click();
    await expect(dialog.getByTestId('vault-import-summary')).toContainText('2 items ready to import', { timeout: 30_000 });
    expect((await previewRows(dialog)).sort()).toEqual(['And me | and | —', 'Backup me | bak | —']);
    await expect(dialog).not.toContainText('B4ckup-Pass-9');
    await shotOf(friend.page, 'x-03-backup-preview');
    await dialog.getByTestId('vault-import-run').click();
    await expect(dialog).toBeHidden();
    await row(theirs, 'Backup me').click();
    await expect(shown(theirs, 'item-username')).toHaveText('bak');
    await expect(shown(theirs, 'item-uri')).toHaveText('https://backup.example');
    await expect(row(theirs, 'And me')).toBeVisible();
  } finally {
    await friend.close();
  }
});
