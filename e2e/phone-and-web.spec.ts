// Phones (full-screen windows with a bottom switcher), touch drag on a tablet, and web apps in iframe windows with the bridge.
import { expect, signIn, test } from './fixtures';
import { box, freshDesktop, layerBox, titleBarGrip, win } from './support/desktop';

test('on a phone, apps open full-screen and a bottom switcher moves between them', async ({ browser, desktop }) => {
  const account = await desktop.newAccount('phone');
  const phone = await browser.newContext({ viewport: { width: 390, height: 780 }, hasTouch: true, isMobile: true, locale: 'en-US', timezoneId: 'UTC' });
  try {
    const page = await phone.newPage();
    await signIn(page, desktop.server.origin, account);
    const switcher = page.getByTestId('phone-switcher');
    await expect(switcher).toBeVisible();
    await expect(page.getByTestId('dock')).toHaveCount(0);
    await expect(win(page, 'profile')).toBeVisible();
    const layer = await layerBox(page);
    const profile = await box(win(page, 'profile'));
    expect(Math.abs(profile.width - layer.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(profile.height - layer.height)).toBeLessThanOrEqual(1);

    // All apps from the switcher, then Vault: it takes the screen, Profile waits in the switcher.
    await switcher.getByRole('button', { name: 'All apps' }).tap();
    await page.locator('[data-testid=launchpad-app][data-app=vault]').tap();
    await expect(win(page, 'vault')).toBeVisible();
    await expect(win(page, 'profile')).toBeHidden();
    const tabs = switcher.getByTestId('phone-window');
    await expect(tabs).toHaveCount(2);
    await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
    await page.screenshot({ path: 'test-results/screenshots/phone-01-vault.png' });
    await tabs.filter({ hasText: 'Profile' }).tap();
    await expect(win(page, 'profile')).toBeVisible();
    await expect(win(page, 'vault')).toBeHidden();
  } finally {
    await phone.close();
  }
});

test('on a touch screen, a window follows a finger dragging its title bar', async ({ browser, desktop }) => {
  const account = await desktop.newAccount('touch');
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'en-US', timezoneId: 'UTC' });
  try {
    const page = await tablet.newPage();
    await signIn(page, desktop.server.origin, account);
    const profile = win(page, 'profile');
    await expect(profile).toBeVisible();
    const before = await box(profile);
    const grip = await titleBarGrip(profile);
    const cdp = await tablet.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', grip.x, grip.y);
    for (let i = 1; i <= 10; i++) await touch('touchMove', grip.x + 12 * i, grip.y + 8 * i);
    await touch('touchEnd', grip.x + 120, grip.y + 80);
    await expect.poll(async () => (await box(profile)).x).toBeGreaterThan(before.x + 100);
    const after = await box(profile);
    expect(Math.round(after.y - before.y)).toBeGreaterThan(60);
  } finally {
    await tablet.close();
  }
});

test('a web app opens in an iframe window and only its own frame may talk to the desktop', async ({ page, desktop }) => {
  const appUrl = 'http://notes.localhost:43210/';
  // The web app: asks for its window title, sends a notification, and tries a message of an unknown version.
  await page.route(`${appUrl}**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Notes</title><body><h1>Notes</h1><script>
        parent.postMessage({ olares: 'bridge', v: 2, type: 'title', title: 'From the future' }, '*');
        parent.postMessage({ olares: 'bridge', v: 1, type: 'title', title: 'Notes app' }, '*');
        parent.postMessage({ olares: 'bridge', v: 1, type: 'notify', title: 'Saved in Notes', level: 'success' }, '*');
      </script></body>`,
    }),
  );
  await freshDesktop(page, desktop, 'webapp');
  await page.keyboard.press('Control+KeyK');
  await page.getByTestId('spotlight-input').fill(appUrl);
  const result = page.locator('[data-testid=spotlight-option][data-kind=result]');
  await expect(result).toContainText(appUrl);
  await result.click();
  const web = win(page, 'web');
  await expect(web).toBeVisible();
  await expect(web.frameLocator('iframe').locator('h1')).toHaveText('Notes');
  await expect(web.locator('h2')).toHaveText('Notes app');
  await expect(page.locator('.q-notification').filter({ hasText: 'Saved in Notes' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/web-01-iframe-window.png' });

  // The desktop page itself (not the owning iframe) cannot drive the bridge.
  await page.evaluate(() => window.postMessage({ olares: 'bridge', v: 1, type: 'title', title: 'Hijacked' }, '*'));
  await page.waitForTimeout(300);
  await expect(web.locator('h2')).toHaveText('Notes app');
});
