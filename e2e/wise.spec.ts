// Wise in a real browser, reading feeds: subscribe to two real feeds served from loopback, read with j/k/s/m, star and find it under Starred, a page with no feed refused in words, and a feed that breaks shows its error on that feed only.
import { expect, feedInRail, openWise, rowByTitle, shot, signedIn, subscribe, test } from './wise-fixtures';

const GULP = 'Release notes from gulp';
const GUARDIAN = 'The Guardian';
/** The two newest items of the Guardian fixture (the list is newest first). */
const FIRST = 'Tottenham Hotspur v Manchester United: Premier League – live!';
const SECOND = 'Moura joins Spurs; Giroud, Batshuayi, Aubameyang deals go through: transfer deadline day – live!';

test('subscribe, read with the keyboard, star, and see errors where they belong', async ({ page, wise }) => {
  test.setTimeout(180_000);
  await signedIn(page, wise, 'wise');
  const win = await openWise(page);

  await test.step('a new reader is invited to add a feed', async () => {
    await expect(win.getByTestId('rail-no-feeds')).toBeVisible();
    await expect(win.getByTestId('list-empty')).toContainText('Add a feed');
    await shot(page, '01-empty');
  });

  await test.step('two real feeds: their titles in the rail, their items in the list', async () => {
    await subscribe(win, `${wise.site.origin}/feeds/gulp-atom.atom`, GULP);
    await expect(win.getByTestId('list-title')).toHaveText(GULP);
    await expect(win.getByTestId('entry-row')).toHaveCount(10);
    await expect(rowByTitle(win, 'v3.9.0')).toBeVisible();
    await subscribe(win, `${wise.site.origin}/feeds/guardian.rss`, GUARDIAN);
    await expect(win.getByTestId('list-title')).toHaveText(GUARDIAN);
    await expect(rowByTitle(win, FIRST)).toBeVisible();
    await expect(feedInRail(win, GUARDIAN)).toContainText('55');
    await shot(page, '02-feeds');
  });

  await test.step('a page with no feed is refused in words', async () => {
    await win.getByTestId('rail-add-feed').click();
    const dialog = page.getByTestId('add-feed-dialog');
    await dialog.getByTestId('url-input').fill(`${wise.site.origin}/not-a-feed.html`);
    await dialog.getByTestId('url-submit').click();
    await expect(dialog.getByTestId('url-error')).toContainText('not a feed');
    await shot(page, '03-not-a-feed');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  const reader = win.getByTestId('wise-reader');
  const title = reader.getByTestId('reader-title');
  await test.step('an item opens in the reader and is marked read', async () => {
    await rowByTitle(win, FIRST).click();
    await expect(title).toHaveText(FIRST);
    await expect(rowByTitle(win, FIRST)).toHaveAttribute('data-read', 'true');
    await expect(feedInRail(win, GUARDIAN)).toContainText('54');
    await expect(reader.getByTestId('reader-body')).not.toBeEmpty();
    await shot(page, '04-reader');
  });

  await test.step('j and k move through the list, s stars, m marks unread and read again', async () => {
    await page.keyboard.press('j');
    await expect(title).toHaveText(SECOND);
    await expect(rowByTitle(win, SECOND)).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('k');
    await expect(title).toHaveText(FIRST);
    await page.keyboard.press('s');
    await expect(reader.getByTestId('reader-star')).toHaveAttribute('aria-pressed', 'true');
    await expect(rowByTitle(win, FIRST)).toHaveAttribute('data-starred', 'true');
    await page.keyboard.press('m');
    await expect(rowByTitle(win, FIRST)).toHaveAttribute('data-read', 'false');
    await expect(reader.getByTestId('reader-read')).toHaveAttribute('data-read', 'false');
    await page.keyboard.press('m');
    await expect(rowByTitle(win, FIRST)).toHaveAttribute('data-read', 'true');
  });

  await test.step('the reading position is saved as the reader scrolls', async () => {
    const scroller = reader.getByTestId('reader-scroll');
    const saved = page.waitForResponse((r) => r.url().includes('wise.entries.progress') && r.status() === 200);
    await scroller.evaluate((el) => el.scrollTo({ top: (el.scrollHeight - el.clientHeight) / 2 }));
    await saved;
  });

  await test.step('the starred item is under Starred, and stays there after a reload, where the reader left it', async () => {
    await win.getByTestId('rail-starred').click();
    await expect(win.getByTestId('list-title')).toHaveText('Starred');
    await expect(win.getByTestId('entry-row')).toHaveCount(1);
    await expect(rowByTitle(win, FIRST)).toBeVisible();
    await page.reload();
    const again = await openWise(page);
    await again.getByTestId('rail-starred').click();
    await expect(rowByTitle(again, FIRST)).toHaveAttribute('data-starred', 'true');
    await rowByTitle(again, FIRST).click();
    await expect(again.getByTestId('reader-title')).toHaveText(FIRST);
    await expect.poll(() => again.getByTestId('reader-scroll').evaluate((el) => el.scrollTop / (el.scrollHeight - el.clientHeight))).toBeGreaterThan(0.4);
  });

  await test.step('new items arrive without a reload: the "new items" chip', async () => {
    const w = page.locator('[data-testid=window][data-app="wise"]');
    await subscribe(w, `${wise.site.origin}/grow.rss`, 'Growing Feed');
    await expect(w.getByTestId('entry-row')).toHaveCount(1);
    wise.site.grow();
    const growing = feedInRail(w, 'Growing Feed');
    await growing.hover();
    await growing.getByTestId('rail-feed-menu').click();
    await page.getByTestId('feed-menu-refresh').click();
    await expect(w.getByTestId('list-new-items')).toHaveText(/1 new item/, { timeout: 30_000 });
    await expect(growing).toContainText('2');
    await shot(page, '07-new-items');
    await w.getByTestId('list-new-items').click();
    await expect(w.getByTestId('entry-row')).toHaveCount(2);
    await expect(w.getByTestId('list-new-items')).toHaveCount(0);
  });

  await test.step('a feed that breaks shows its error on that feed, in the rail and its settings', async () => {
    const w = page.locator('[data-testid=window][data-app="wise"]');
    wise.site.breakFlaky(false);
    await subscribe(w, `${wise.site.origin}/flaky.rss`, 'Flaky Feed');
    wise.site.breakFlaky(true);
    const flaky = feedInRail(w, 'Flaky Feed');
    await flaky.hover();
    await flaky.getByTestId('rail-feed-menu').click();
    await page.getByTestId('feed-menu-refresh').click();
    // The server pushes the feed's new state (wise.feeds): no reload.
    await expect(flaky).toHaveAttribute('data-error', 'http', { timeout: 30_000 });
    await expect(feedInRail(w, GUARDIAN)).toHaveAttribute('data-error', '');
    await expect(w.getByTestId('list-feed-error')).toContainText('answered with an error');
    await flaky.getByTestId('rail-feed-warning').hover();
    await expect(page.getByTestId('rail-feed-error')).toContainText('answered with an error');
    await shot(page, '05-feed-error');
    await w.getByTestId('list-feed-settings').click();
    await expect(page.getByTestId('feed-settings-error')).toContainText('answered with an error');
    await shot(page, '06-feed-settings');
    await page.keyboard.press('Escape');
  });

  await test.step('a narrow window shows the reader or the list, with a way back', async () => {
    const w = page.locator('[data-testid=window][data-app="wise"]');
    await feedInRail(w, GUARDIAN).click();
    await rowByTitle(w, SECOND).click();
    await page.setViewportSize({ width: 760, height: 640 });
    await expect(w.getByTestId('wise-list')).toBeHidden();
    await expect(w.getByTestId('reader-title')).toHaveText(SECOND);
    await shot(page, '08-narrow-reader');
    await w.getByTestId('reader-back').click();
    await expect(w.getByTestId('wise-list')).toBeVisible();
    await expect(w.getByTestId('wise-reader')).toBeHidden();
    await shot(page, '09-narrow-list');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step('in Chinese, every string of the window changes', async () => {
    const w = page.locator('[data-testid=window][data-app="wise"]');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitemradio').filter({ hasText: '中文' }).click();
    await expect(w.getByTestId('rail-forYou')).toContainText('为你推荐');
    await expect(w.getByTestId('wise-search')).toHaveAttribute('placeholder', '搜索文章  (/)');
    await expect(w.getByTestId('list-title')).toHaveText(GUARDIAN);
    await expect(w.getByTestId('wise-list')).toContainText('篇未读');
    await shot(page, '10-zh');
  });
});
