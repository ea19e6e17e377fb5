// axe-core scans of the sign-in page and the desktop (a window, the launchpad, the spotlight): no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { freshDesktop, openFromDock } from './support/desktop';

/** Scans the page and fails with each serious or critical violation: its rule, help text and the elements. */
async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map((v) => `- ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`).join('\n')}`)
    .join('\n');
  expect(serious.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} elements)`), `serious or critical accessibility violations on ${what}:\n${report}`).toEqual([]);
}

test('the sign-in page', async ({ page, desktop, shot }) => {
  await page.goto(`${desktop.server.origin}/login`);
  await expect(page.getByTestId('login-form')).toBeVisible();
  await shot('01-login');
  await expectNoSeriousViolations(page, 'the sign-in page');
});

test('the desktop with windows open', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'a11y-desk');
  // Side by side, so that neither hides the other from the scan.
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await openFromDock(page, 'vault');
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await expect(page.getByTestId('whoami')).toBeVisible();
  await shot('02-desktop');
  await expectNoSeriousViolations(page, 'the desktop with the Profile and Vault windows side by side');
});

test('the launchpad', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'a11y-lp');
  await page.keyboard.press('Alt+KeyA');
  await expect(page.getByTestId('launchpad-search')).toBeFocused();
  await expect(page.getByTestId('launchpad-app')).toHaveCount(9);
  await shot('03-launchpad');
  await expectNoSeriousViolations(page, 'the launchpad');
});

test('the spotlight with results', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'a11y-sp');
  await page.keyboard.press('Control+KeyK');
  await expect(page.getByTestId('spotlight-input')).toBeFocused();
  await page.keyboard.type('e');
  await expect(page.locator('[data-testid=spotlight-option][data-kind=app]').first()).toBeVisible();
  await expect(page.locator('[data-testid=spotlight-option][data-kind=command]').first()).toBeVisible();
  await shot('04-spotlight');
  await expectNoSeriousViolations(page, 'the spotlight with results');
});

test('the top bar\'s menus by keyboard: loaded on first use, focus moves in and comes back', async ({ page, desktop, shot }) => {
  const menuChunks: string[] = [];
  page.on('request', (r) => /\/assets\/(AccountMenu|LanguageMenu|AppearancePanel|NotificationList|DockMenu)-/.test(r.url()) && menuChunks.push(new URL(r.url()).pathname));
  await freshDesktop(page, desktop, 'a11y-menu');
  // No menu's code comes with the desktop.
  expect(menuChunks).toEqual([]);
  const account = page.getByTestId('account-menu');
  await account.focus();
  await expect(account).toHaveAttribute('aria-haspopup', 'menu');
  await expect(account).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  const items = page.getByTestId('account-menu-list').getByRole('menuitem');
  await expect(items).toHaveCount(4);
  await expect(account).toHaveAttribute('aria-expanded', 'true');
  expect(menuChunks.some((p) => p.includes('/AccountMenu-'))).toBe(true);
  // Focus is in the menu; arrows and Enter work as in any menu.
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.q-menu'))).toBe(true);
  await shot('05-account-menu');
  await expectNoSeriousViolations(page, 'the open account menu');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('account-menu-list')).toHaveCount(0);
  await expect(account).toBeFocused();
  await expect(account).toHaveAttribute('aria-expanded', 'false');
  // Space opens it again, and a second press of the button closes it.
  await page.keyboard.press('Space');
  await expect(items).toHaveCount(4);
  await account.click();
  await expect(page.getByTestId('account-menu-list')).toHaveCount(0);
  // The language list: the same, and choosing a language by keys switches it.
  const language = page.getByTestId('language-switch');
  await language.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('language-menu').getByRole('menuitemradio')).toHaveCount(2);
  await page.getByTestId('language-menu').getByRole('menuitemradio', { name: '简体中文' }).press('Enter');
  await expect(page.getByTestId('language-menu')).toHaveCount(0);
  await expect(language).toContainText('简体中文');
});
