// Helpers shared by the Vault browser specs: open the window maximised, set up a master password, add a login, find a row, a second person, screenshots and axe scans.
import fs from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { signIn, type SharedDesktop } from '../fixtures';
import { openFromDock, waitForFirstDesktop } from './desktop';
import { REPO_ROOT, type Account } from './server';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'screenshots');
export const MASTER = 'correct horse battery staple 42';

/** A full-page screenshot as test-results/screenshots/vault-<step>.png, once finite animations have ended. */
export async function shotOf(page: Page, step: string): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  await page
    .evaluate(async () => {
      const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
      await Promise.race([Promise.allSettled(finite.map((a) => a.finished)), new Promise((r) => setTimeout(r, 2000))]);
    })
    .catch(() => undefined);
  await page.screenshot({ path: path.join(SCREENSHOTS, `vault-${step}.png`), fullPage: true });
}

/** No serious or critical axe violation under `selector`. */
export async function axe(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`), selector).toEqual([]);
}

/** Opens Vault from the dock, maximised (the list and the pane side by side), and waits past its loading state. */
export async function openVault(page: Page): Promise<Locator> {
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  const win = await openFromDock(page, 'vault');
  await page.keyboard.press('Alt+Shift+ArrowUp');
  await expect(win).toHaveClass(/wm-window--snapped/);
  const app = win.getByTestId('vault-app');
  await expect(app).not.toHaveAttribute('data-phase', 'loading');
  return win;
}

/** First use: the master password twice, the acknowledgement, then waits until the vault is open. */
export async function setUp(win: Locator, master = MASTER): Promise<void> {
  const app = win.getByTestId('vault-app');
  await expect(app).toHaveAttribute('data-phase', 'setup');
  await win.getByTestId('vault-setup-password').fill(master);
  await win.getByTestId('vault-setup-again').fill(master);
  await win.getByTestId('vault-setup-ack').click();
  await win.getByTestId('vault-setup-submit').click();
  await expect(app).toHaveAttribute('data-phase', 'unlocked', { timeout: 30_000 });
}

/** A row of the item list by its name. */
export function row(win: Locator, name: string): Locator {
  return win.locator(`[data-testid=vault-item-row][data-name="${name}"]`);
}

export async function addLogin(win: Locator, fields: { name: string; username: string; password: string; uri?: string; totp?: string }): Promise<void> {
  await win.getByTestId('vault-new').locator('button').first().click();
  const pane = win.getByTestId('vault-pane');
  await expect(pane).toHaveAttribute('data-editing', 'true');
  await pane.getByTestId('item-name').fill(fields.name);
  await pane.getByTestId('item-username').locator('input').fill(fields.username);
  await pane.getByTestId('item-password').locator('input').fill(fields.password);
  if (fields.uri) {
    await pane.getByTestId('item-uri-add').click();
    await pane.getByTestId('item-uri').last().fill(fields.uri);
  }
  if (fields.totp) await pane.getByTestId('item-totp-secret').locator('input').fill(fields.totp);
  await pane.getByTestId('item-save').click();
  await expect(pane).toHaveAttribute('data-editing', 'false', { timeout: 30_000 });
  await expect(row(win, fields.name)).toBeVisible();
}

/** A second person on the same desktop, signed in in a browser context of their own. */
export async function secondPerson(browser: Browser, desktop: SharedDesktop, prefix: string): Promise<{ account: Account; page: Page; close(): Promise<void> }> {
  const account = await desktop.newAccount(prefix);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, desktop.server.origin, account);
  await waitForFirstDesktop(page);
  return { account, page, close: () => context.close() };
}

/** Opens one of the toolbar's "more" menu entries (settings, import, export…) by its test id. */
export async function fromMoreMenu(page: Page, win: Locator, testId: string): Promise<void> {
  await win.getByTestId('vault-more').click();
  await page.getByTestId(testId).click();
}
