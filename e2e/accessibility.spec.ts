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
