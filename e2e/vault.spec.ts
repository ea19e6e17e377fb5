// Vault in a real browser: set up with a master password, a login with a live TOTP code, lock and unlock (a wrong password first), the generator, sharing a vault with a second user who sees it, an edit conflict between them, removing them (re-key) so they no longer see it, and a Bitwarden JSON import.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { freshDesktop } from './support/desktop';
import { addLogin, axe, MASTER, openVault, row, SCREENSHOTS, secondPerson, setUp, shotOf } from './support/vault';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

test('set up, a login with a live TOTP code, copy, lock and unlock, the generator and the health report', async ({ page, desktop }) => {
  test.setTimeout(180_000);
  await freshDesktop(page, desktop, 'vault');
  const win = await openVault(page);

  await test.step('setup asks twice, warns that nothing can be recovered and refuses a weak password', async () => {
    await expect(win.getByTestId('vault-setup')).toBeVisible();
    await expect(win.getByTestId('vault-setup-password')).toBeFocused();
    await expect(win.getByTestId('vault-setup')).toContainText('Nobody can recover this password');
    await win.getByTestId('vault-setup-password').fill('password1234');
    await win.getByTestId('vault-setup-again').fill('password1234');
    await win.getByTestId('vault-setup-ack').click();
    await win.getByTestId('vault-setup-submit').click();
    await expect(win.getByTestId('vault-setup-error')).toContainText('too easy to guess');
    await win.getByTestId('vault-setup-password').fill(MASTER);
    await win.getByTestId('vault-setup-again').fill(MASTER);
    await expect(win.getByTestId('strength')).toHaveAttribute('data-score', /[34]/);
    await shotOf(page, '01-setup');
    await win.getByTestId('vault-setup-submit').click();
    await expect(win.getByTestId('vault-app')).toHaveAttribute('data-phase', 'unlocked', { timeout: 30_000 });
    await expect(win.getByTestId('vault-pane-empty')).toBeVisible();
  });

  await test.step('a login with a TOTP secret shows a 6-digit code and its countdown', async () => {
    await addLogin(win, { name: 'Mail', username: 'alice@example.com', password: 'Tr0ub4dor&3-horse', uri: 'https://mail.example.com', totp: TOTP_SECRET });
    const code = win.getByTestId('item-totp-code');
    await expect(code).toHaveAttribute('data-code', /^\d{6}$/);
    const ring = win.getByTestId('item-totp-ring');
    await expect(ring).toHaveAttribute('data-remaining', /^([1-9]|[12]\d|30)$/);
    await expect(win.getByTestId('item-password').getByTestId('field-value')).toHaveText('••••••••••');
    await win.getByTestId('item-password').getByTestId('field-reveal').click();
    await expect(win.getByTestId('item-password').getByTestId('field-value')).toHaveText('Tr0ub4dor&3-horse');
    await shotOf(page, '02-login-totp');
  });

  await test.step('copying says the clipboard is cleared in 30 seconds', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await win.getByTestId('item-username').getByTestId('field-copy').click();
    await expect(page.getByText('The clipboard is cleared in 30 seconds')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('alice@example.com');
  });

  await test.step('search filters in the browser; the keyboard moves through the list', async () => {
    await addLogin(win, { name: 'Bank', username: 'alice', password: 'Tr0ub4dor&3-horse' });
    await page.keyboard.press('Control+f');
    await expect(win.getByTestId('vault-search')).toBeFocused();
    await page.keyboard.type('mail.example');
    await expect(row(win, 'Bank')).toHaveCount(0);
    await expect(row(win, 'Mail')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(row(win, 'Bank')).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(win.getByTestId('vault-list')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(row(win, 'Bank')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(row(win, 'Mail')).toHaveAttribute('aria-selected', 'true');
    await expect(win.getByTestId('item-title')).toHaveText('Mail');
  });

  await test.step('the generator makes passwords and passphrases, and fills the item being edited', async () => {
    await win.getByTestId('vault-open-generator').click();
    const gen = page.getByTestId('vault-generator');
    await expect(gen.getByTestId('gen-value')).toHaveText(/^.{20}$/);
    await expect(gen.getByTestId('gen-entropy')).toContainText('bits');
    await gen.getByTestId('gen-mode-passphrase').click();
    // Five capitalised words joined by '-' (some EFF words hold a '-' of their own).
    await expect(gen.getByTestId('gen-value')).toHaveText(/^[A-Z][a-z]*(-[A-Za-z]+){4,}$/);
    await shotOf(page, '03-generator');
    await page.keyboard.press('Escape');
    await expect(gen).toBeHidden();

    await win.getByTestId('item-edit').click();
    await shotOf(page, '03b-edit');
    await win.getByTestId('item-generate').click();
    await expect(gen).toBeVisible();
    await gen.getByTestId('gen-mode-password').click();
    const value = (await gen.getByTestId('gen-value').textContent()) ?? '';
    await gen.getByTestId('gen-use').click();
    await expect(win.getByTestId('item-password').locator('input')).toHaveValue(value);
    await win.getByTestId('item-save').click();
    await expect(win.getByTestId('vault-pane')).toHaveAttribute('data-editing', 'false');
    await expect(win.getByTestId('item-history')).toContainText('Password history (1)');
  });

  await test.step('the health report lists the reused password and opens the item', async () => {
    await addLogin(win, { name: 'Forum', username: 'al', password: 'Tr0ub4dor&3-horse' });
    await addLogin(win, { name: 'Old router', username: 'admin', password: 'admin' });
    await win.getByTestId('rail-health').click();
    await expect(win.getByTestId('vault-health')).toBeVisible();
    await expect(win.locator('[data-testid=health-weak][data-name="Old router"]')).toBeVisible();
    await expect(win.getByTestId('health-reused')).toContainText('Bank');
    await expect(win.getByTestId('health-reused')).toContainText('Forum');
    await shotOf(page, '04-health');
    await win.locator('[data-testid=health-weak][data-name="Old router"]').click();
    await expect(win.getByTestId('item-title')).toHaveText('Old router');
  });

  await test.step('the unlocked window has no serious accessibility violations', async () => {
    await row(win, 'Mail').click();
    await axe(page, '[data-testid=window][data-app=vault]');
  });

  await test.step('Lock forgets everything; a wrong password is refused, the right one opens it again', async () => {
    await win.getByTestId('vault-lock').click();
    await expect(win.getByTestId('vault-app')).toHaveAttribute('data-phase', 'locked');
    await expect(row(win, 'Mail')).toHaveCount(0);
    const field = win.getByTestId('vault-unlock-password');
    await expect(field).toBeFocused();
    await field.fill('not my master password');
    await field.press('Enter');
    await expect(win.getByTestId('vault-unlock-error')).toHaveText('That is not your master password.', { timeout: 30_000 });
    await expect(field).toBeFocused();
    await shotOf(page, '05-locked-wrong');
    await axe(page, '[data-testid=window][data-app=vault]');
    await field.fill(MASTER);
    await field.press('Enter');
    await expect(win.getByTestId('vault-app')).toHaveAttribute('data-phase', 'unlocked', { timeout: 30_000 });
    await expect(row(win, 'Mail')).toBeVisible();
  });

  await test.step('settings: auto-lock minutes; export asks for the master password again and downloads a file', async () => {
    await win.getByTestId('vault-more').click();
    await page.getByTestId('vault-open-settings').click();
    const settings = page.getByTestId('vault-settings');
    await settings.getByText('5 minutes', { exact: true }).click();
    await expect(settings.getByRole('radio', { name: '5 minutes', exact: true })).toHaveAttribute('aria-checked', 'true');
    await shotOf(page, '05b-settings');
    await page.keyboard.press('Escape');

    await win.getByTestId('vault-more').click();
    await page.getByTestId('vault-open-export').click();
    const dialog = page.getByTestId('vault-export');
    await dialog.getByTestId('vault-export-password').fill('not it');
    await dialog.getByTestId('vault-export-run').click();
    await expect(dialog).toContainText('That is not your master password.', { timeout: 30_000 });
    await dialog.getByTestId('vault-export-password').fill(MASTER);
    const download = page.waitForEvent('download');
    await dialog.getByTestId('vault-export-run').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^olares-vault-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await fs.readFile((await file.path())!, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'olares-vault-backup', version: 1 });
    expect(text).not.toContain('alice@example.com');
    await expect(dialog).toBeHidden();
  });

  await test.step('the desktop lock locks Vault too', async () => {
    await page.getByTestId('account-menu').click();
    await page.getByTestId('lock').click();
    const lock = page.getByTestId('lock-screen');
    await expect(lock).toBeVisible();
    await expect(win.getByTestId('vault-app')).toHaveAttribute('data-phase', 'locked');
  });
});

test('share a vault with a second user, an edit conflict between them, then remove them (re-key)', async ({ page, desktop, browser }) => {
  test.setTimeout(240_000);
  const account = await freshDesktop(page, desktop, 'vault-own');
  const win = await openVault(page);
  await setUp(win);
  await addLogin(win, { name: 'Team wiki', username: 'team', password: 'wiki-pass-Secret-9' });

  const friend = await secondPerson(browser, desktop, 'vault-friend');
  try {
    const theirs = await openVault(friend.page);
    await setUp(theirs);

    await test.step('the owner shares the vault with write access, after checking the fingerprint', async () => {
      await win.getByTestId('rail-vault-menu').first().click();
      await page.getByTestId('vault-menu-share').click();
      const dialog = page.getByTestId('vault-share');
      await dialog.getByTestId('vault-share-person').click();
      await page.getByRole('option', { name: friend.account.name }).click();
      await expect(dialog.getByTestId('vault-share-fingerprint')).toContainText(/[0-9a-f]{4}/i);
      await dialog.getByTestId('vault-share-role').getByText('Can edit').click();
      await dialog.getByTestId('vault-share-add').click();
      await expect(dialog.locator(`[data-testid=vault-member][data-name="${friend.account.name}"]`)).toBeVisible();
      await shotOf(page, '06-share');
      await axe(page, '[data-testid=vault-share]');
      await dialog.getByTestId('vault-share-close').click();
    });

    await test.step('the friend sees the shared vault, badged, and its item', async () => {
      await expect(row(theirs, 'Team wiki')).toBeVisible({ timeout: 20_000 });
      await expect(theirs.getByTestId('rail-vault-badge')).toContainText(`${account.name} · Can edit`);
      await row(theirs, 'Team wiki').click();
      await expect(theirs.getByTestId('item-username').getByTestId('field-value')).toHaveText('team');
      await friend.page.screenshot({ path: path.join(SCREENSHOTS, 'vault-07-shared-with-friend.png'), fullPage: true });
    });

    await test.step('both edit the item; the later save gets the conflict dialog, never a silent overwrite', async () => {
      await row(win, 'Team wiki').click();
      await theirs.getByTestId('item-edit').click();
      await theirs.getByTestId('item-username').locator('input').fill('team-friend');
      await win.getByTestId('item-edit').click();
      await win.getByTestId('item-username').locator('input').fill('team-owner');
      await win.getByTestId('item-save').click();
      await expect(win.getByTestId('vault-pane')).toHaveAttribute('data-editing', 'false');
      await theirs.getByTestId('item-save').click();
      const conflict = friend.page.getByTestId('vault-conflict');
      await expect(conflict).toBeVisible();
      const field = conflict.locator('[data-testid=vault-conflict-row][data-field="login.username"]');
      await expect(field.getByTestId('vault-conflict-theirs')).toHaveText('team-owner');
      await expect(field.getByTestId('vault-conflict-mine')).toHaveText('team-friend');
      await friend.page.screenshot({ path: path.join(SCREENSHOTS, 'vault-08-conflict.png'), fullPage: true });
      await conflict.getByTestId('vault-conflict-both').click();
      await expect(row(theirs, 'Team wiki (my copy)')).toBeVisible();
      await expect(row(theirs, 'Team wiki')).toBeVisible();
      await expect(row(win, 'Team wiki (my copy)')).toBeVisible({ timeout: 20_000 });
    });

    await test.step('the owner removes the friend: the vault is re-keyed and the friend no longer sees it', async () => {
      await win.getByTestId('rail-vault-menu').first().click();
      await page.getByTestId('vault-menu-share').click();
      const dialog = page.getByTestId('vault-share');
      await dialog.locator(`[data-testid=vault-member][data-name="${friend.account.name}"]`).getByTestId('vault-member-remove').click();
      await expect(page.getByText('The vault is then re-keyed')).toBeVisible();
      await page.getByTestId('vault-ask-ok').click();
      await expect(page.getByText(`${friend.account.name} was removed and the vault was re-keyed.`)).toBeVisible({ timeout: 30_000 });
      await expect(dialog.locator(`[data-testid=vault-member][data-name="${friend.account.name}"]`)).toHaveCount(0);
      await shotOf(page, '09-removed');
      await dialog.getByTestId('vault-share-close').click();
      await expect(row(theirs, 'Team wiki')).toHaveCount(0, { timeout: 20_000 });
      await expect(row(theirs, 'Team wiki (my copy)')).toHaveCount(0);
      await expect(row(win, 'Team wiki')).toBeVisible();
      // Still readable by the owner after the re-key.
      await row(win, 'Team wiki').click();
      await expect(win.getByTestId('item-username').getByTestId('field-value')).toHaveText('team-owner');
    });
  } finally {
    await friend.close();
  }
});

test('import a Bitwarden JSON export: a login, a card, a note and an identity', async ({ page, desktop }) => {
  test.setTimeout(120_000);
  await freshDesktop(page, desktop, 'vault-imp');
  const win = await openVault(page);
  await setUp(win);
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'vault-e2e-')), 'bitwarden_export.json');
  await fs.writeFile(
    file,
    JSON.stringify({
      encrypted: false,
      folders: [{ id: 'f1', name: 'Finance' }],
      items: [
        { id: 'i1', type: 1, name: 'Imported site', folderId: null, favorite: true, notes: null, login: { username: 'imp', password: 'imp-Pass-42', totp: null, uris: [{ uri: 'https://imported.example' }] } },
        { id: 'i2', type: 3, name: 'Imported Visa', folderId: 'f1', favorite: false, notes: '', card: { cardholderName: 'Alice', brand: 'Visa', number: '4111111111111111', expMonth: '12', expYear: '2030', code: '123' } },
        { id: 'i3', type: 2, name: 'Imported note', folderId: null, favorite: false, notes: 'The door code is 4321', secureNote: { type: 0 } },
        { id: 'i4', type: 4, name: 'Imported identity', folderId: null, favorite: false, notes: null, identity: { firstName: 'Alice', lastName: 'Liddell', email: 'alice@example.com' } },
      ],
    }),
  );

  await win.getByTestId('vault-more').click();
  await page.getByTestId('vault-open-import').click();
  const dialog = page.getByTestId('vault-import');
  await dialog.getByTestId('vault-import-input').setInputFiles(file);
  await expect(dialog.getByTestId('vault-import-format')).toHaveValue('Bitwarden (JSON)');
  await expect(dialog.getByTestId('vault-import-summary')).toContainText('4 items ready to import');
  // The preview: kind, name, a one-line summary (never a secret), folder.
  const preview = dialog.getByTestId('vault-import-preview-row');
  await expect(preview).toHaveCount(4);
  const visa = dialog.locator('[data-testid=vault-import-preview-row][data-name="Imported Visa"]');
  await expect(visa).toHaveAttribute('data-kind', 'card');
  await expect(visa.getByTestId('vault-import-preview-detail')).toHaveText('Visa •••• 1111');
  await expect(visa.getByTestId('vault-import-preview-folder')).toHaveText('Finance');
  await expect(dialog).not.toContainText('imp-Pass-42');
  await expect(dialog).not.toContainText('4321');
  await shotOf(page, '10-import');
  await dialog.getByTestId('vault-import-run').click();
  await expect(dialog).toBeHidden();
  for (const name of ['Imported site', 'Imported Visa', 'Imported note', 'Imported identity']) await expect(row(win, name)).toBeVisible();
  await expect(row(win, 'Imported Visa')).toContainText('Visa •••• 1111');
  await win.getByTestId('rail-folder').filter({ hasText: 'Finance' }).click();
  await expect(row(win, 'Imported Visa')).toBeVisible();
  await expect(row(win, 'Imported site')).toHaveCount(0);
  await row(win, 'Imported Visa').click();
  await expect(win.getByTestId('item-card-number').getByTestId('field-value')).toHaveText('••••••••••');
  await shotOf(page, '11-imported-card');

  // In Chinese: every string of the window has its translation.
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitemradio').filter({ hasText: '中文' }).click();
  await expect(win.getByTestId('rail-all')).toContainText('所有项目');
  await shotOf(page, '11b-zh');

  // A phone-sized screen: the rail becomes a strip, the list sits above the item.
  await page.setViewportSize({ width: 400, height: 800 });
  await expect(win.getByTestId('vault-rail')).toBeVisible();
  await shotOf(page, '12-narrow');
});
