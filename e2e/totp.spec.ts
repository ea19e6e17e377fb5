// Two-step sign-in in a real browser: enrol by QR code, then sign in with a TOTP code and with a one-time recovery code.
import { generate } from 'otplib';
import { expect, formError, signIn, signOut, submitLogin, test, type Page } from './fixtures';

/** Signs in with the password and expects the second step. */
async function passwordStep(page: Page, origin: string, name: string, password: string): Promise<void> {
  await page.goto(`${origin}/login`);
  await submitLogin(page, name, password);
  await expect(page.getByTestId('code-form')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible();
}

async function submitCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('code-form').locator('input[name=code]').fill(code);
  await page.getByTestId('code-submit').click();
}

test('turn on two-step sign-in, then sign in with a code and with a recovery code', async ({ page, desktop, shot }) => {
  const { origin } = desktop.server;
  const account = await desktop.newAccount('totp');
  let secret = '';
  let recoveryCodes: string[] = [];

  await test.step('enrol: QR code, secret, confirm with a code', async () => {
    await signIn(page, origin, account);
    await page.getByTestId('tab-security').click();
    await expect(page.getByTestId('totp-state')).toHaveText('Off: signing in needs only your password.');
    await shot('01-security-off');
    await page.getByTestId('totp-begin').click();
    await expect(page.getByTestId('totp-qr')).toBeVisible();
    // The QR code really is an image (it decoded and has a size).
    const qrWidth = await page.getByTestId('totp-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth);
    expect(qrWidth).toBeGreaterThan(0);
    secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shot('02-enrolment');
    await page.locator('input[name=totp-code]').fill(await generate({ secret }));
    await page.getByTestId('totp-confirm').click();
  });

  await test.step('ten recovery codes are shown once', async () => {
    const items = page.getByTestId('recovery-codes').locator('li');
    await expect(items).toHaveCount(10);
    recoveryCodes = (await items.allInnerTexts()).map((c) => c.trim());
    expect(new Set(recoveryCodes).size).toBe(10);
    await shot('03-recovery-codes');
    await page.getByTestId('recovery-done').click();
    await expect(page.getByTestId('recovery-codes')).toHaveCount(0);
    await expect(page.getByTestId('totp-state')).toHaveText('On: signing in needs a code from your authenticator app.');
    // Confirming rotated the session; the desktop must still be signed in.
    await expect(page).toHaveURL(`${origin}/`);
    await shot('04-security-on');
    await signOut(page);
  });

  await test.step('the password alone is not enough; a TOTP code finishes the sign-in', async () => {
    await passwordStep(page, origin, account.name, account.password);
    await shot('05-code-step');
    // The code of the next 30-second step: the server allows one step of drift and refuses steps already used.
    await submitCode(page, await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await expect(page.getByTestId('desktop')).toBeVisible();
    await expect(page.getByTestId('whoami-name')).toContainText(`@${account.name}`);
    await signOut(page);
  });

  await test.step('a recovery code signs in once', async () => {
    const code = recoveryCodes[0]!;
    await passwordStep(page, origin, account.name, account.password);
    await submitCode(page, code);
    await expect(page.getByTestId('desktop')).toBeVisible();
    await page.getByTestId('tab-security').click();
    await expect(page.getByText('9 recovery codes left')).toBeVisible();
    await shot('06-after-recovery-code');
    await signOut(page);

    await passwordStep(page, origin, account.name, account.password);
    await submitCode(page, code);
    await expect(formError(page)).toHaveText('That code is not valid.');
    await expect(page.getByTestId('code-form')).toBeVisible();
    await expect(page.getByTestId('desktop')).toHaveCount(0);
    await shot('07-recovery-code-reused');
  });
});
