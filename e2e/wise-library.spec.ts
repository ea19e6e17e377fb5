// Wise in a real browser, the library and the reader: save a page and read it, search with marked matches, For you with its reasons and "Not interested", sepia and a larger font remembered, a highlight that survives a reload, a PDF upload, OPML export, an axe scan of the window, and a PDF opened from Files.
import fs from 'node:fs/promises';
import path from 'node:path';
import { ARTICLE_PHRASE, ARTICLE_TITLE, axe, expect, openWise, rowByTitle, selectInArticle, shot, signedIn, subscribe, test, textPdf } from './wise-fixtures';
import { openFromDock } from './support/desktop';

test('save a page, search it, For you, the reader’s look and highlights, OPML export', async ({ page, wise }) => {
  test.setTimeout(240_000);
  await signedIn(page, wise, 'wiselib');
  let win = await openWise(page);
  const reader = win.getByTestId('wise-reader');

  await test.step('a page saved by its address opens in the reader and lives under Saved', async () => {
    await win.getByTestId('wise-add').click();
    await page.getByTestId('add-page').click();
    const dialog = page.getByTestId('save-page-dialog');
    await dialog.getByTestId('url-input').fill(`${wise.site.origin}/article.html`);
    await dialog.getByTestId('url-submit').click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(reader.getByTestId('reader-title')).toHaveText(ARTICLE_TITLE);
    await expect(reader.getByTestId('reader-body')).toContainText(ARTICLE_PHRASE);
    await expect(win.getByTestId('list-title')).toHaveText('Saved');
    await expect(rowByTitle(win, ARTICLE_TITLE)).toBeVisible();
    await shot(page, '10-saved-page');
  });

  await test.step('search finds the article with its match marked', async () => {
    await page.keyboard.press('Escape');
    await win.getByTestId('entry-feed').focus();
    await page.keyboard.press('/');
    await expect(win.getByTestId('wise-search')).toBeFocused();
    await page.keyboard.type('photosynthesis');
    await expect(win.getByTestId('list-title')).toContainText('photosynthesis');
    const hit = rowByTitle(win, ARTICLE_TITLE);
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark').first()).toContainText(/photosynthesis/i);
    await shot(page, '11-search');
    await win.getByTestId('wise-search').press('Escape');
    await expect(win.getByTestId('list-title')).toHaveText('Saved');
  });

  await test.step('For you ranks unread items with reasons, and "Not interested" takes one away', async () => {
    await subscribe(win, `${wise.site.origin}/tech.rss`, 'Tech and Garden Weekly');
    // Read and star two Kubernetes items: For you learns from them.
    for (const t of ['Kubernetes operators in production', 'Scaling Kubernetes clusters with autoscalers']) {
      await rowByTitle(win, t).click();
      await expect(reader.getByTestId('reader-title')).toHaveText(t);
      await page.keyboard.press('s');
      await expect(reader.getByTestId('reader-star')).toHaveAttribute('aria-pressed', 'true');
    }
    await win.getByTestId('rail-forYou').click();
    await expect(win.getByTestId('list-title')).toHaveText('For you');
    const rows = win.getByTestId('entry-row');
    await expect(rows.first()).toBeVisible({ timeout: 20_000 });
    await expect(rows.first().getByTestId('entry-row-reason').first()).toBeVisible();
    await expect(win.getByTestId('entry-feed')).toContainText(/Shares: .*kubernetes|New today|From a feed you star often|Like articles you starred/);
    await shot(page, '12-for-you');
    const first = await rows.first().getAttribute('data-id');
    await rows.first().getByTestId('entry-row-dismiss').click();
    await expect(win.locator(`[data-testid=entry-row][data-id="${first}"]`)).toHaveCount(0);
  });

  await test.step('sepia and a larger font, remembered after a reload', async () => {
    await win.getByTestId('rail-saved').click();
    await rowByTitle(win, ARTICLE_TITLE).click();
    await expect(reader.getByTestId('reader-title')).toHaveText(ARTICLE_TITLE);
    await reader.getByTestId('reader-appearance').click();
    await page.getByTestId('reader-theme-sepia').click();
    await page.getByTestId('reader-font-larger').click();
    await page.getByTestId('reader-font-larger').click();
    await expect(page.getByTestId('reader-font-size')).toHaveText('20 px');
    await page.keyboard.press('Escape');
    await expect(reader).toHaveAttribute('data-theme', 'sepia');
    await expect(reader.getByTestId('reader-article')).toHaveAttribute('data-font-size', '20');
    await shot(page, '13-sepia');
  });

  await test.step('a highlight with a note survives a reload', async () => {
    await selectInArticle(page, ARTICLE_PHRASE);
    const bar = reader.getByTestId('highlight-bar');
    await expect(bar).toBeVisible();
    await bar.getByTestId('highlight-note-toggle').click();
    await bar.getByTestId('highlight-note').fill('the key step');
    await bar.getByTestId('highlight-green').click();
    await expect(reader.locator('mark.wise-hl')).toHaveText(ARTICLE_PHRASE);
    await expect(reader.locator('mark.wise-hl')).toHaveClass(/wise-hl--green/);
    await page.reload();
    win = await openWise(page);
    const again = win.getByTestId('wise-reader');
    await win.getByTestId('rail-saved').click();
    await rowByTitle(win, ARTICLE_TITLE).click();
    await expect(again).toHaveAttribute('data-theme', 'sepia');
    await expect(again.getByTestId('reader-article')).toHaveAttribute('data-font-size', '20');
    await expect(again.locator('mark.wise-hl')).toHaveText(ARTICLE_PHRASE);
    await expect(again.locator('mark.wise-hl')).toHaveAttribute('title', 'the key step');
    await again.getByTestId('reader-notes-toggle').click();
    await expect(again.getByTestId('reader-highlight-item')).toContainText(ARTICLE_PHRASE);
    await shot(page, '14-highlight');
  });

  await test.step('an uploaded PDF joins the library and is drawn page by page', async () => {
    await win.getByTestId('document-input').setInputFiles({ name: 'field-notes.pdf', mimeType: 'application/pdf', buffer: textPdf(['Field notes, page one', 'Field notes, page two']) });
    const pdf = win.getByTestId('reader-pdf');
    await expect(pdf).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await expect(pdf.locator('canvas')).toHaveCount(2);
    await expect(win.getByTestId('list-title')).toHaveText('Saved');
    await expect(win.getByTestId('entry-row')).toHaveCount(2);
    await shot(page, '15-pdf');
  });

  await test.step('OPML export downloads the subscriptions', async () => {
    await win.getByTestId('wise-add').click();
    const downloaded = page.waitForEvent('download');
    await page.getByTestId('opml-export').click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toBe('wise-subscriptions.opml');
    const text = await fs.readFile((await file.path())!, 'utf8');
    expect(text).toContain('<opml');
    expect(text).toContain(`${wise.site.origin}/tech.rss`);
  });

  await test.step('the window has no serious or critical accessibility problems', async () => {
    // The app's own content (the title bar is the desktop's).
    await axe(page, '[data-testid=wise-app]');
  });
});

test('a PDF opened from Files with "Open with" joins the library and opens in the reader', async ({ page, wise }) => {
  test.setTimeout(120_000);
  const account = await signedIn(page, wise, 'wiseopen');
  const home = path.join(wise.server.dataDir, 'users', account.name, 'Home');
  await fs.mkdir(home, { recursive: true });
  await fs.writeFile(path.join(home, 'field-guide.pdf'), textPdf(['A field guide to ferns']));
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  const files = await openFromDock(page, 'files');
  const row = files.locator('[data-testid=file-row][data-name="field-guide.pdf"]');
  await row.click({ button: 'right' });
  await page.getByTestId('menu-open-with').click();
  await page.getByTestId('open-with-menu').getByTestId('open-with-wise').click();
  const win = page.locator('[data-testid=window][data-app="wise"]');
  await expect(win.getByTestId('reader-pdf')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(win.getByTestId('reader-title')).toHaveText('field-guide');
  await expect(win.getByTestId('list-title')).toHaveText('Saved');
  await expect(win.getByTestId('entry-row')).toHaveCount(1);
  await expect(win.getByTestId('entry-row')).toHaveAttribute('data-read', 'true');
  await shot(page, '16-open-with');
  // Reopening the same file opens the entry again instead of adding a copy.
  await openFromDock(page, 'files');
  await row.click({ button: 'right' });
  await page.getByTestId('menu-open-with').click();
  await page.getByTestId('open-with-menu').getByTestId('open-with-wise').click();
  await expect(win.getByTestId('reader-pdf')).toHaveAttribute('data-state', 'ready');
  await win.getByTestId('rail-saved').click();
  await expect(win.getByTestId('entry-row')).toHaveCount(1);
});
