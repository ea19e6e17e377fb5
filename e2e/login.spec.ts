// Sign-in in a real browser: success, a wrong password, login regulation, and signing out for good.
import { createAccount, createOwner } from './support/server';
import { expect, formError, signIn, signOut, submitLogin, test } from './fixtures';

test('the right password opens the desktop with the clock', async ({ page, desktop, shot }) => {
  const account = await desktop.newAccount('login');
  await page.goto(`${desktop.server.origin}/`);
  await expect(page).toHaveURL(`${desktop.server.origin}/login`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await shot('01-form');
  await submitLogin(page, account.name, account.password);
  await expect(page.getByTestId('desktop')).toBeVisible();
  await expect(page).toHaveURL(`${desktop.server.origin}/`);
  await expect(page.getByTestId('clock')).toBeVisible();
  await expect(page.getByTestId('clock')).toHaveText(/\d{1,2}:\d{2}/);
  await expect(page.getByTestId('whoami-role')).toHaveText('Member');
  // A member has no Users tab.
  await expect(page.getByTestId('tab-users')).toHaveCount(0);
  await shot('02-desktop');
});

test('a wrong password is refused with one plain message', async ({ page, desktop, shot }) => {
  const account = await desktop.newAccount('wrongpw');
  await page.goto(`${desktop.server.origin}/login`);
  await submitLogin(page, account.name, `${account.password}-nope`);
  await expect(formError(page)).toHaveText('Wrong name or password.');
  await expect(page).toHaveURL(`${desktop.server.origin}/login`);
  // An unknown name gets the very same answer.
  await submitLogin(page, `${account.name}-nobody`, account.password);
  await expect(formError(page)).toHaveText('Wrong name or password.');
  await shot('03-wrong-password');
});

test('after too many failures even the right password is refused, with the same message', async ({ page, launchDesktop, shot }) => {
  const server = await launchDesktop({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_BAN_SECONDS: '600' } });
  const { cookie } = await createOwner(server);
  const account = await createAccount(server, cookie, 'banned');
  await page.goto(`${server.origin}/login`);
  for (let i = 1; i <= 3; i++) {
    await submitLogin(page, account.name, `wrong-${i}`);
    await expect(formError(page)).toHaveText('Wrong name or password.');
  }
  // The right password now, while the account is banned (submitLogin waits for this very answer).
  await submitLogin(page, account.name, account.password);
  await expect(formError(page)).toHaveText('Wrong name or password.');
  await expect(page).toHaveURL(`${server.origin}/login`);
  await expect(page.getByTestId('desktop')).toHaveCount(0);
  await shot('04-banned');
});

test('signing out lands on /login, and a reload stays there', async ({ page, desktop, shot }) => {
  const account = await desktop.newAccount('logout');
  await signIn(page, desktop.server.origin, account);
  await page.getByTestId('account-menu').click();
  await expect(page.getByTestId('sign-out')).toBeVisible();
  await shot('05-account-menu');
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(`${desktop.server.origin}/login?out=1`);
  await expect(page.getByTestId('login-notice')).toHaveText('You signed out.');
  await shot('06-signed-out');
  await page.reload();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByTestId('login-form')).toBeVisible();
  await page.goto(`${desktop.server.origin}/`);
  await expect(page).toHaveURL(`${desktop.server.origin}/login`);
  await expect(page.getByTestId('desktop')).toHaveCount(0);
  // Signing out again from a fresh sign-in also works through the helper.
  await signIn(page, desktop.server.origin, account);
  await signOut(page);
});

test('the clock turns with the minute, on a fake clock', async ({ page, desktop }) => {
  const account = await desktop.newAccount('clock');
  // The browser runs in UTC. The fake time flows on its own during the sign-in, then stands still two seconds
  // before the minute turns, and moves only when told.
  await page.clock.install({ time: new Date('2026-11-27T09:59:00Z') });
  await page.goto(`${desktop.server.origin}/login`);
  await submitLogin(page, account.name, account.password);
  const clock = page.getByTestId('clock');
  await expect(clock).toContainText('09:59');
  // Ten seconds within the minute change nothing on the page (no tick every second).
  await page.clock.pauseAt(new Date('2026-11-27T09:59:40Z'));
  await clock.evaluate((el) => {
    const w = window as unknown as { clockChanges: number };
    w.clockChanges = 0;
    new MutationObserver((list) => (w.clockChanges += list.length)).observe(el, { attributes: true, childList: true, subtree: true, characterData: true });
  });
  await page.clock.runFor(10_000);
  expect(await page.evaluate(() => (window as unknown as { clockChanges: number }).clockChanges)).toBe(0);
  await page.clock.pauseAt(new Date('2026-11-27T09:59:58Z'));
  await page.clock.runFor(1_000);
  await expect(clock).toContainText('09:59');
  await page.clock.runFor(2_500);
  await expect(clock).toContainText('10:00');
  await expect(clock).toHaveAttribute('datetime', /^2026-11-27T10:00:/);
});
