// The real Olares catalogue (../shared/fixtures/olares-apps) in the Market: every app shows with its title, icon and text, in both languages.
import fs from 'node:fs';
import path from 'node:path';
import { expect, signIn, test } from './fixtures';
import { openFromDock } from './support/desktop';
import { createOwner, REPO_ROOT } from './support/server';

const FIXTURES = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'olares-apps');
const charts = fs.readdirSync(FIXTURES).filter((d) => fs.existsSync(path.join(FIXTURES, d, 'OlaresManifest.yaml')));

test('all real catalogue apps load and show; a detail page in English and in Chinese', async ({ page, launchDesktop, shot }) => {
  test.setTimeout(120_000);
  // The charts name icons and screenshots on the internet: no test may reach it, so those requests fail here at once.
  await page.context().route(/^https?:\/\/(?!(?:[a-z0-9-]+\.)*localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort('blockedbyclient'));
  const server = await launchDesktop({ env: { MARKET_SOURCES: FIXTURES } });
  const { owner } = await createOwner(server);
  await signIn(page, server.origin, owner);
  const market = await openFromDock(page, 'market');

  const cards = market.getByTestId('app-card');
  await expect(cards).toHaveCount(charts.length);
  // Every card has a title and an icon: the image, or (offline, as here) a tile with the app's initial; never a broken image.
  for (const card of await cards.all()) {
    await expect(card.locator('h3, [data-testid=app-card-title], .market-card__title').first()).not.toBeEmpty();
    await expect(card.locator('img:visible, [data-testid=app-icon-fallback]').first()).toBeVisible();
  }
  await shot('01-all-apps');

  await market.getByTestId('market-search').fill('mattermost');
  await expect(cards).toHaveCount(1);
  await cards.first().getByTestId('app-card-link').click();
  await expect(market.getByTestId('detail-title')).toHaveText('Mattermost');
  await expect(market.getByTestId('page-detail')).toContainText('An open source platform for secure collaboration');
  await expect(market.getByTestId('middleware')).toBeVisible();
  await expect(market.locator('[data-testid=permission][data-kind=appData]')).toBeVisible();
  await expect(market.getByTestId('resource-row').first()).toBeVisible();
  await shot('02-mattermost');

  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitemradio', { name: '简体中文' }).click();
  await expect(market.getByTestId('page-detail')).toContainText('全生命周期的开发合作开源平台');
  await shot('03-mattermost-zh-CN');
});
