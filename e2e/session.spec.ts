// Sessions in a real browser: server-side expiry, a forged cookie, and switching the language without a reload.
import { expect, signIn, test, type DesktopServer, type Page } from './fixtures';

/** Makes every session of `name` idle for 30 days (the default idle limit is 3 days). */
async function expireSessions(server: DesktopServer, name: string): Promise<void> {
  const { rowCount } = await server.sql(
    `UPDATE sessions SET last_seen_at = now() - interval '30 days'
      WHERE user_id = (SELECT id FROM users WHERE name = $1) AND revoked_at IS NULL`,
    [name],
  );
  expect(rowCount).toBeGreaterThan(0);
}

async function expectSignInPage(page: Page, origin: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${origin}/login(\\?|$)`));
  await expect(page.getByTestId('login-form')).toBeVisible();
  await expect(page.getByTestId('desktop')).toHaveCount(0);
}

test('an expired session sends a reload to /login', async ({ page, desktop, shot }) => {
  const account = await desktop.newAccount('expire');
  await signIn(page, desktop.server.origin, account);
  await expireSessions(desktop.server, account.name);
  await page.reload();
  await expectSignInPage(page, desktop.server.origin);
  await shot('01-expired-reload');
});

test('an expired session sends the next action to /login with a notice', async ({ page, desktop, shot }) => {
  const account = await desktop.newAccount('expire-act');
  await signIn(page, desktop.server.origin, account);
  await expect(page.getByTestId('whoami-role')).toHaveText('Member');
  await expireSessions(desktop.server, account.name);
  // Opening the Sessions tab asks the server for the session list: the first call after expiry. (The server may
  // also have closed this session's socket first, which sends the desktop to the same page by itself.)
  await page.getByTestId('tab-sessions').click({ timeout: 5000 }).catch(() => undefined);
  await expectSignInPage(page, desktop.server.origin);
  await expect(page).toHaveURL(/[?&]expired=1/);
  await expect(page.getByTestId('login-notice')).toHaveText('Your session expired. Sign in again.');
  await shot('02-expired-action');
  // Signing in again works and lands on the desktop.
  await page.getByTestId('login-form').locator('input[name=name]').fill(account.name);
  await page.getByTestId('login-form').locator('input[name=password]').fill(account.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('desktop')).toBeVisible();
});

test('a session signed out from another browser goes to /login with a notice', async ({ page, browser, desktop, shot }) => {
  const { origin } = desktop.server;
  const account = await desktop.newAccount('elsewhere');
  await signIn(page, origin, account);
  // The server tells this desktop through its socket: wait until it is connected.
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  const other = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    const second = await other.newPage();
    await signIn(second, origin, account);
    await second.getByTestId('tab-sessions').click();
    const list = second.getByTestId('sessions-list');
    await expect(list.locator('.q-item')).toHaveCount(2);
    await list.getByRole('button', { name: 'Sign out' }).click();
    await expect(second.getByText('That session was signed out.')).toBeVisible();
    await expect(list.locator('.q-item')).toHaveCount(1);
  } finally {
    await other.close();
  }
  try {
    await expect(page).toHaveURL(/\/login\?expired=1$/, { timeout: 5_000 });
    await expect(page.getByTestId('login-notice')).toHaveText('Your session expired. Sign in again.');
  } finally {
    await shot('03-signed-out-elsewhere');
  }
});

test('a forged session cookie lands on /login', async ({ page, context, desktop, shot }) => {
  const { origin } = desktop.server;
  await context.addCookies([{ name: 'olares_session', value: 'not-a-real-session-token', url: origin }]);
  await page.goto(`${origin}/`);
  await expectSignInPage(page, origin);
  await shot('04-forged-cookie');
  // A value that is not even valid percent-encoding is handled the same way.
  await context.addCookies([{ name: 'olares_session', value: '%E0%A4%A%garbage', url: origin }]);
  await page.goto(`${origin}/`);
  await expectSignInPage(page, origin);
});

test('the language switch changes the UI to 简体中文 without a reload', async ({ page, desktop, shot }) => {
  const { origin } = desktop.server;
  await page.goto(`${origin}/login`);
  await expect(page.getByTestId('login-submit')).toHaveText('Sign in');
  await page.evaluate(() => ((window as Window & { e2eMarker?: string }).e2eMarker = 'same page'));
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitemradio', { name: '简体中文' }).click();
  await expect(page.getByTestId('login-submit')).toHaveText('登录');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(await page.evaluate(() => (window as Window & { e2eMarker?: string }).e2eMarker)).toBe('same page');
  await shot('05-zh-CN-login');

  // The choice holds on the desktop too.
  const account = await desktop.newAccount('lang');
  await page.getByTestId('login-form').locator('input[name=name]').fill(account.name);
  await page.getByTestId('login-form').locator('input[name=password]').fill(account.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('desktop')).toBeVisible();
  await expect(page.getByTestId('whoami-role')).toHaveText('成员');
  await shot('06-zh-CN-desktop');

  // And back to English, still without a reload.
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await expect(page.getByTestId('whoami-role')).toHaveText('Member');
  expect(await page.evaluate(() => (window as Window & { e2eMarker?: string }).e2eMarker)).toBe('same page');
});

test('errors from the server are shown in the chosen language', async ({ page, desktop, shot }) => {
  const { origin } = desktop.server;
  const account = await desktop.newAccount('lang-err');
  await page.goto(`${origin}/login`);
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitemradio', { name: '简体中文' }).click();
  await expect(page.getByTestId('login-submit')).toHaveText('登录');
  await page.getByTestId('login-form').locator('input[name=name]').fill(account.name);
  await page.getByTestId('login-form').locator('input[name=password]').fill('wrong password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('form-error')).not.toBeEmpty();
  await shot('07-zh-CN-error');
  await expect(page.getByTestId('form-error')).toHaveText('用户名或密码错误。', { timeout: 3_000 });
});
