// The Dashboard in a real browser: this machine's figures from the built-in sampler (no PROMETHEUS_URL), cards that open their charts, a range change that redraws them, live ticks, the dark theme and Chinese; and a desktop whose Prometheus is down saying so over the sampler's figures.
import os from 'node:os';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { freePort } from '../bff/db/embedded';
import { formatBytes } from '../system-apps/dashboard/ui/lib/format';
import { expect, signIn, test } from './fixtures';
import { freshDesktop, openFromDock, waitForFirstDesktop } from './support/desktop';
import { createOwner } from './support/server';

/** Opens the Dashboard from the dock, maximised, and waits for its cards. */
async function openDashboard(page: Page): Promise<Locator> {
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  const win = await openFromDock(page, 'dashboard');
  await page.keyboard.press('Alt+Shift+ArrowUp');
  await expect(win).toHaveClass(/wm-window--snapped|wm-window--maximized/);
  await expect(win.getByTestId('dash-card')).toHaveCount(6);
  return win;
}

function card(win: Locator, id: string): Locator {
  return win.locator(`[data-testid=dash-card][data-card="${id}"]`);
}

function chart(win: Locator, key: string): Locator {
  return win.locator(`[data-testid=dash-chart][data-chart="${key}"]`);
}

async function points(c: Locator): Promise<number> {
  return Number(await c.getAttribute('data-points'));
}

test("this machine's figures from the built-in sampler: cards, a detail panel, a range change, live ticks, dark and Chinese", async ({ page, desktop, shot }) => {
  test.setTimeout(150_000);
  await freshDesktop(page, desktop, 'dash');
  const win = await openDashboard(page);
  const app = win.getByTestId('dashboard-app');

  await test.step('the banner says the figures come from the built-in sampler', async () => {
    await expect(app).toHaveAttribute('data-source', 'sampler');
    const banner = win.locator('[data-testid=dash-source-banner][data-kind=not-configured]');
    await expect(banner).toContainText("Showing this machine's figures from the built-in sampler; set PROMETHEUS_URL");
  });

  await test.step("the cards hold this machine's numbers", async () => {
    await expect(card(win, 'cpu').getByTestId('dash-card-value')).toHaveText(/^\d+(\.\d)?%$/);
    const cores = os.cpus().length;
    await expect(card(win, 'cpu')).toContainText(`${cores} core`);
    await expect(card(win, 'cpu')).toContainText(/Load \d+\.\d\d · \d+\.\d\d · \d+\.\d\d/);
    await expect(card(win, 'memory')).toContainText(`of ${formatBytes(os.totalmem(), 'en-US')}`);
    await expect(card(win, 'disk').getByTestId('dash-card-value')).toHaveText(/^\d+(\.\d)?%$/);
    await expect(card(win, 'network')).toContainText(/↓ [\d.,]+ (B|KiB|MiB|GiB)\/s in/);
    await expect(card(win, 'gpu').getByTestId('dash-card-value')).toHaveText(/No GPU|%|Not reported/);
    await expect(card(win, 'cpu')).toHaveAttribute('aria-pressed', 'true');
    await expect(chart(win, 'cpu')).toBeVisible();
    await expect(chart(win, 'load')).toBeVisible();
    await shot('01-overview');
  });

  await test.step('no serious accessibility violation in the window', async () => {
    const { violations } = await new AxeBuilder({ page }).include('[data-testid=window][data-app=dashboard]').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  await test.step('a card opens its detail panel from the keyboard, with a chart and its spoken summary', async () => {
    await card(win, 'memory').focus();
    await page.keyboard.press('Enter');
    const detail = win.getByTestId('dash-detail');
    await expect(detail).toHaveAttribute('data-card', 'memory');
    await expect(card(win, 'memory')).toHaveAttribute('aria-pressed', 'true');
    const mem = chart(win, 'memory');
    await expect(mem).toHaveAttribute('data-range', 'live');
    await expect.poll(() => points(mem)).toBeGreaterThan(0);
    await expect(mem.locator('[role=img]')).toHaveAttribute('aria-label', 'Memory chart, Live, the last 15 minutes');
    await expect(mem.getByTestId('dash-chart-summary')).toContainText(/Used now [\d.,]+ (MiB|GiB)/);
    await expect(mem.locator('canvas').first()).toBeVisible();
    await shot('02-memory-live');
  });

  await test.step('live charts take the pushed ticks', async () => {
    const mem = chart(win, 'memory');
    const before = await points(mem);
    await expect.poll(() => points(mem), { timeout: 30_000 }).toBeGreaterThan(before);
  });

  await test.step('the range switch (keyboard too) reads the panel again and redraws it', async () => {
    const hour = win.getByTestId('dash-range').locator('[data-range="1h"]');
    await hour.focus();
    await page.keyboard.press('Enter');
    await expect(hour).toHaveAttribute('aria-pressed', 'true');
    await expect(chart(win, 'memory')).toHaveAttribute('data-range', '1h');
    await expect(win.getByTestId('dash-detail')).toHaveAttribute('data-range', '1h');
    await expect.poll(() => points(chart(win, 'memory'))).toBeGreaterThan(0);
    await win.getByTestId('dash-range').locator('[data-range="24h"]').click();
    await expect(chart(win, 'memory')).toHaveAttribute('data-range', '24h');
    await expect(win.getByTestId('dash-short-history')).toContainText('one hour');
    await shot('03-memory-24h');
  });

  await test.step('the disk card shows each filesystem as a bar and in a table', async () => {
    await card(win, 'disk').click();
    await expect(chart(win, 'fs-now')).toBeVisible({ timeout: 30_000 });
    await expect(win.getByTestId('dash-fs-table')).toContainText('/');
    await shot('04-filesystems');
    // Below: the per-app ranking (sorted by the server, from the keyboard) and quota use.
    const apps = win.getByTestId('dash-apps');
    await apps.scrollIntoViewIfNeeded();
    const byMemory = apps.locator('[data-sort=memory]');
    await byMemory.focus();
    await page.keyboard.press('Enter');
    await expect(byMemory).toHaveAttribute('aria-pressed', 'true');
    await expect(win.getByTestId('dash-quotas')).toBeVisible();
    await shot('05-apps-quotas');
  });

  await test.step('the dark theme and Chinese', async () => {
    await card(win, 'cpu').click();
    await win.getByTestId('dash-range').locator('[data-range="live"]').click();
    await expect(chart(win, 'cpu')).toHaveAttribute('data-range', 'live');
    await page.getByTestId('appearance-menu').click();
    await page.getByTestId('theme-dark').click();
    await expect(page.locator('body')).toHaveClass(/body--dark/);
    await page.keyboard.press('Escape');
    await shot('06-dark');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitemradio', { name: '简体中文' }).click();
    await expect(win.locator('[data-testid=dash-source-banner][data-kind=not-configured]')).toContainText('内置采样器');
    await expect(card(win, 'memory')).toContainText('内存');
    await expect(chart(win, 'cpu').locator('[role=img]')).toHaveAttribute('aria-label', /CPU 使用率图表/);
    await shot('07-dark-zh-CN');
  });
});

test('Prometheus down: the Dashboard says so and shows the sampler’s figures', async ({ page, launchDesktop, shot }) => {
  test.setTimeout(150_000);
  // A loopback port nobody listens on: every query is refused at once.
  const closed = await freePort();
  const server = await launchDesktop({ env: { PROMETHEUS_URL: `http://127.0.0.1:${closed}`, PROMETHEUS_TIMEOUT_MS: '2000' } });
  const { owner } = await createOwner(server);
  await signIn(page, server.origin, owner);
  await waitForFirstDesktop(page);
  const win = await openDashboard(page);

  const banner = win.locator('[data-testid=dash-source-banner][data-kind=down]');
  await expect(banner).toContainText("Prometheus is down");
  await expect(banner).toContainText("Showing this machine's figures from the built-in sampler");
  await expect(win.getByTestId('dashboard-app')).toHaveAttribute('data-source', 'sampler');
  await expect(card(win, 'memory')).toContainText(`of ${formatBytes(os.totalmem(), 'en-US')}`);
  await expect.poll(() => points(chart(win, 'cpu'))).toBeGreaterThan(0);
  await shot('08-prometheus-down');
});
