// First run in a real browser: a fresh desktop asks for the owner once, then never again.
import { expect, formError, signOut, test } from './fixtures';
import { uniqueName } from './support/server';

test('a fresh desktop creates the owner once and then hides the first-run page', async ({ page, launchDesktop, shot }) => {
  // Without DATABASE_URL this desktop starts its own embedded PostgreSQL in DATA_DIR, like a default install.
  const server = await launchDesktop({ database: 'own' });
  const name = uniqueName('owner');
  const password = 'correct horse battery';

  await test.step('/ redirects to /first-run', async () => {
    await page.goto(`${server.origin}/`);
    await expect(page).toHaveURL(`${server.origin}/first-run`);
    await expect(page.getByRole('heading', { name: 'Welcome to Olares Desktop' })).toBeVisible();
    await shot('01-form');
  });

  const form = page.getByTestId('first-run-form');
  await test.step('a mismatched confirmation shows an error', async () => {
    await form.locator('input[name=name]').fill(name);
    await form.locator('input[name=displayName]').fill('Ada Owner');
    await form.locator('input[name=password]').fill(password);
    await form.locator('input[name=confirm]').fill(`${password}!`);
    await page.getByTestId('first-run-submit').click();
    await expect(form.getByText('The passwords do not match.')).toBeVisible();
    await expect(page).toHaveURL(`${server.origin}/first-run`);
    await shot('02-mismatch');
  });

  await test.step('creating the owner opens the desktop as the owner', async () => {
    await form.locator('input[name=confirm]').fill(password);
    await page.getByTestId('first-run-submit').click();
    await expect(page.getByTestId('desktop')).toBeVisible();
    await expect(page).toHaveURL(`${server.origin}/`);
    await expect(page.getByTestId('whoami-name')).toContainText('Ada Owner');
    await expect(page.getByTestId('whoami-name')).toContainText(`@${name}`);
    await expect(page.getByTestId('whoami-role')).toHaveText('Owner');
    await expect(formError(page)).toHaveCount(0);
    await shot('03-desktop');
  });

  await test.step('/first-run now goes to the desktop when signed in', async () => {
    await page.goto(`${server.origin}/first-run`);
    await expect(page).toHaveURL(`${server.origin}/`);
    await expect(page.getByTestId('desktop')).toBeVisible();
  });

  await test.step('and to /login when signed out', async () => {
    await signOut(page);
    await page.goto(`${server.origin}/first-run`);
    await expect(page).toHaveURL(`${server.origin}/login`);
    await expect(page.getByTestId('login-form')).toBeVisible();
    await shot('04-login-after-setup');
  });

  await test.step('a second first run is refused by the server too', async () => {
    const res = await page.request.post(`${server.origin}/trpc/auth.setup`, {
      headers: { origin: server.origin, 'x-olares-request': '1', 'content-type': 'application/json' },
      data: { name: uniqueName('intruder'), password: 'another password' },
    });
    expect(res.status()).toBe(403);
    expect(JSON.stringify(await res.json())).toContain('auth.alreadySetUp');
  });

  await test.step('stopping the desktop stops its embedded PostgreSQL', async () => {
    const pid = server.embeddedPostgresPid();
    // With DATABASE_URL set, the desktop used the suite's database and has no PostgreSQL of its own.
    if (pid === null) return;
    const { graceful } = await server.stop();
    expect(graceful, `the desktop did not stop on SIGTERM:\n${server.log}`).toBe(true);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    expect(alive, `postgres ${pid} still runs after the desktop stopped`).toBe(false);
  });
});
