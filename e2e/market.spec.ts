// The Market on the simulated cluster: browse → detail → install → open in a window → stop → resume → uninstall.
import { expect, signIn, test } from './fixtures';
import { openFromDock, win } from './support/desktop';

test('an app goes from the Market to a window on the desktop and away again', async ({ page, desktop, shot }) => {
  test.setTimeout(120_000);
  const account = await desktop.newAccount('market');
  await signIn(page, desktop.server.origin, account);
  // The Market follows installs by pushes: wait until they reach this desktop.
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  const market = await openFromDock(page, 'market');
  const card = market.locator('[data-testid=app-card][data-app-name=hello-web]');

  await test.step('browse: the demo catalogue, on a cluster the Market says is simulated', async () => {
    await expect(market.getByTestId('simulated-chip')).toBeVisible();
    await expect(card).toBeVisible();
    await expect(market.locator('[data-testid=app-card][data-app-name=notes]')).toBeVisible();
    await shot('01-discover');
  });

  await test.step('detail: description, resources against what is free, permissions', async () => {
    await card.getByTestId('app-card-link').click();
    await expect(market.getByTestId('page-detail')).toBeVisible();
    await expect(market.getByTestId('detail-title')).toHaveText('Hello Web');
    await expect(market.getByTestId('resource-row').first()).toHaveAttribute('data-enough', 'true');
    await expect(market.getByTestId('detail-blockers')).toHaveCount(0);
    await shot('02-detail');
  });

  await test.step('install: progress, then Open', async () => {
    await market.getByTestId('detail-action').getByTestId('app-action').click();
    await expect(market.getByTestId('detail-action')).toHaveAttribute('data-action', 'busy');
    await shot('03-installing');
    await expect(market.getByTestId('detail-action')).toHaveAttribute('data-action', 'open', { timeout: 60_000 });
    await shot('04-installed');
  });

  await test.step('it opens in its own iframe window at its own origin, and is in the dock and the launchpad', async () => {
    await market.getByTestId('detail-action').getByTestId('app-action').click();
    const appWindow = win(page, 'app-hello-web');
    await expect(appWindow).toBeVisible();
    const frame = appWindow.getByTestId('web-frame-iframe');
    await expect(frame).toHaveAttribute('src', /^http:\/\/hello-web-[a-z0-9-]+\.localhost:\d+\//);
    // The private entrance let this browser in with the ticket, on the entrance's own origin.
    await expect(appWindow.frameLocator('[data-testid=web-frame-iframe]').locator('body')).toContainText('hello-web-', { timeout: 20_000 });
    await expect(page.locator('[data-testid=dock-app][data-app=app-hello-web]')).toBeVisible();
    await shot('05-open');
    await page.getByTestId('dock-launchpad').click();
    await expect(page.locator('[data-testid=launchpad-app][data-app=app-hello-web]')).toBeVisible();
    await shot('06-launchpad');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('launchpad')).toHaveCount(0);
  });

  await test.step('stop and resume from My apps', async () => {
    await page.locator('[data-testid=dock-app][data-app=market]').click();
    await market.getByTestId('nav-mine').click();
    const row = market.locator('[data-testid=installed-app][data-app-name=hello-web]');
    await expect(row).toHaveAttribute('data-state', 'running');
    await row.getByTestId('installed-stop').click();
    await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
    await shot('07-stopped');
    await row.getByTestId('installed-resume').click();
    await expect(row).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    // Details: the pods and events, read from the cluster as this user.
    await row.getByTestId('installed-details').click();
    await expect(row.locator('[data-testid=app-status-pod][data-ready=true]')).toHaveCount(1, { timeout: 20_000 });
    await shot('07b-details');
  });

  await test.step('uninstall, removing its data', async () => {
    const row = market.locator('[data-testid=installed-app][data-app-name=hello-web]');
    await row.getByTestId('installed-uninstall').click();
    await expect(page.getByTestId('uninstall-dialog')).toBeVisible();
    await page.getByTestId('uninstall-remove-data').click();
    await shot('08-uninstall');
    await page.getByTestId('uninstall-confirm').click();
    await expect(row).toHaveCount(0, { timeout: 30_000 });
    await market.getByTestId('nav-activity').click();
    await expect(market.locator('[data-testid=activity-row][data-op=uninstall][data-outcome=succeeded]')).toHaveCount(1, { timeout: 30_000 });
    await expect(market.locator('[data-testid=activity-row][data-op=install][data-outcome=succeeded]')).toHaveCount(1);
    await shot('09-activity');
  });
});
