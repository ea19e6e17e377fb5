// Files' extras in a real browser: search by content (and in the spotlight), a password-protected share link opened by a visitor in a fresh browser context (download, revoke), a folder shared with a second user, a download from a URL, grid thumbnails, Open with, and a cloud drive.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { freshDesktop, openFromDock, waitForFirstDesktop, win } from './support/desktop';
import { startTestS3 } from '../system-apps/files/server/drives/testing/s3';
import { createOwner, REPO_ROOT } from './support/server';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'screenshots');

function row(files: Locator, name: string): Locator {
  return files.locator(`[data-testid=file-row][data-name="${name}"]`);
}

async function openFiles(page: Page): Promise<Locator> {
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  const files = await openFromDock(page, 'files');
  await expect(files.getByTestId('files-app')).toBeVisible();
  return files;
}

/** A `width`×`height` RGB PNG with a colour gradient. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set([(x * 255) / width, (y * 255) / height, 160], o + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** No serious or critical axe findings inside `selector`. */
async function axe(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`), selector).toEqual([]);
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

test('search by content: marked name and snippet, Enter opens the file in its folder', async ({ page, desktop, shot }) => {
  const account = await freshDesktop(page, desktop, 'search');
  const home = path.join(desktop.server.dataDir, 'users', account.name, 'Home');
  await fs.mkdir(path.join(home, 'Documents'), { recursive: true });
  await fs.writeFile(path.join(home, 'Documents', 'report.txt'), 'Minutes of the meeting.\nThe quarterly zebra migration is on track for spring.\n');
  await fs.writeFile(path.join(home, 'Documents', 'zebra facts.md'), '# Stripes\n');
  await fs.writeFile(path.join(home, 'other.txt'), 'nothing to see\n');

  const files = await openFiles(page);
  await expect(row(files, 'other.txt')).toBeVisible();

  await test.step('Ctrl+F focuses the field; the words match a name and a text inside a file', async () => {
    await files.getByTestId('file-list').press('Control+f');
    const field = files.getByTestId('search-field');
    await expect(field).toBeFocused();
    await files.getByTestId('search-scope').click();
    await page.getByTestId('search-everywhere').click();
    await field.fill('zebra');
    const byContent = files.locator('[data-testid=search-hit][data-path="/Home/Documents/report.txt"]');
    await expect(byContent).toBeVisible();
    await expect(byContent.getByTestId('search-hit-snippet').locator('mark')).toHaveText('zebra');
    await expect(byContent).toContainText('in /Home/Documents');
    const byName = files.locator('[data-testid=search-hit][data-path="/Home/Documents/zebra facts.md"]');
    await expect(byName.getByTestId('search-hit-name').locator('mark')).toHaveText('zebra');
    await expect(files.locator('[data-testid=search-hit][data-path="/Home/other.txt"]')).toHaveCount(0);
    await expect(files.getByTestId('file-list')).toBeHidden();
    await shot('01-search');
    await axe(page, '[data-testid=search-results]');
  });

  await test.step('arrows move through the hits, Enter opens the file in its folder with the preview', async () => {
    const field = files.getByTestId('search-field');
    await field.press('ArrowDown');
    const hits = files.getByTestId('search-hit');
    const paths = await hits.evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
    const index = paths.indexOf('/Home/Documents/report.txt');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await expect(hits.nth(index)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(files.getByTestId('files-app')).toHaveAttribute('data-location', '/Home/Documents');
    await expect(row(files, 'report.txt')).toHaveAttribute('aria-selected', 'true');
    await expect(files.getByTestId('search-results')).toHaveCount(0);
    await expect(files.getByTestId('search-field')).toHaveValue('');
    await expect(files.locator('.files-app__preview')).toBeVisible();
    await shot('02-search-opened');
  });

  await test.step('Esc in the field leaves the search for the folder', async () => {
    const field = files.getByTestId('search-field');
    await field.fill('nothingmatchesthis');
    await expect(files.getByTestId('search-status')).toContainText('Nothing matches');
    await field.press('Escape');
    await expect(files.getByTestId('search-results')).toHaveCount(0);
    await expect(files.getByTestId('file-list')).toBeVisible();
  });

  await test.step('the spotlight finds the file through Files and opens it in a Files window', async () => {
    await page.keyboard.press('Control+KeyK');
    const spotlight = page.getByTestId('spotlight');
    await expect(page.getByTestId('spotlight-input')).toBeFocused();
    await page.keyboard.type('quarterly');
    const result = spotlight.locator('[data-testid=spotlight-option][data-kind=result]', { hasText: 'report.txt' });
    await expect(result).toHaveCount(1);
    await expect(spotlight.getByText('/Home/Documents')).toBeVisible();
    await shot('02b-spotlight');
    await result.click();
    await expect(page.locator('[data-testid=window][data-app=files]')).toHaveCount(2);
    const opened = page.locator('[data-testid=window][data-app=files]').nth(1);
    await expect(opened.getByTestId('files-app')).toHaveAttribute('data-location', '/Home/Documents');
    await expect(row(opened, 'report.txt')).toHaveAttribute('aria-selected', 'true');
  });
});

test('a share link with a password, opened by a visitor in a fresh browser context, then revoked', async ({ page, desktop, browser, shot }) => {
  test.setTimeout(120_000);
  const account = await freshDesktop(page, desktop, 'sharer');
  const home = path.join(desktop.server.dataDir, 'users', account.name, 'Home');
  await fs.mkdir(path.join(home, 'Holiday plans'), { recursive: true });
  await fs.writeFile(path.join(home, 'Holiday plans', 'itinerary.txt'), 'Day 1: the lake.\nDay 2: the mountain.\n');
  await fs.writeFile(path.join(home, 'Holiday plans', 'budget.csv'), 'item,cost\nhotel,300\n');
  await fs.mkdir(path.join(home, 'Holiday plans', 'photos'));
  await fs.writeFile(path.join(home, 'Holiday plans', 'photos', 'beach.txt'), 'sand\n');
  const files = await openFiles(page);

  let url = '';
  await test.step('the Share dialog makes a link with a password', async () => {
    await row(files, 'Holiday plans').click({ button: 'right' });
    await page.getByTestId('menu-share').click();
    const dialog = page.getByTestId('share-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('share-password').fill('short');
    await expect(dialog.getByText('A link password has at least 8 characters.')).toBeVisible();
    await expect(dialog.getByTestId('share-create')).toBeDisabled();
    await dialog.getByTestId('share-password').fill('lake-and-mountain');
    await dialog.getByTestId('share-create').click();
    const field = dialog.getByTestId('share-url');
    await expect(field).toHaveValue(/\/s\/[A-Za-z0-9_-]{20,}$/);
    url = await field.inputValue();
    expect(url.startsWith(desktop.server.origin)).toBe(true);
    await dialog.getByTestId('share-created').getByTestId('copy-link').click();
    await expect(dialog.getByTestId('share-created').getByTestId('copy-link')).toContainText('Copied');
    await expect(dialog.getByTestId('share-link-row')).toHaveCount(1);
    await expect(dialog.getByTestId('share-link-row')).toContainText('Password');
    await shot('03-share-link');
    // Scanned at rest: Quasar lightens a hovered or focused button (white on it then falls under 4.5:1 for that moment).
    await page.mouse.move(0, 0);
    await field.focus();
    await axe(page, '[data-testid=share-dialog]');
  });

  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  try {
    await test.step('the visitor gives the password, sees the folder and downloads a file', async () => {
      await guest.goto(url);
      await expect(guest.getByText('This link is protected')).toBeVisible();
      await guest.screenshot({ path: path.join(SCREENSHOTS, 'files-extras-04-public-password.png'), fullPage: true });
      await axe(guest, 'body');
      await guest.getByTestId('share-password-form').locator('input').fill('wrong password');
      await guest.getByTestId('share-unlock').click();
      await expect(guest.getByTestId('share-error')).toBeVisible();
      await guest.getByTestId('share-password-form').locator('input').fill('lake-and-mountain');
      await guest.getByTestId('share-unlock').click();
      const list = guest.getByTestId('share-list');
      await expect(list).toContainText('itinerary.txt');
      await expect(list).toContainText('budget.csv');
      await guest.screenshot({ path: path.join(SCREENSHOTS, 'files-extras-05-public-listing.png'), fullPage: true });
      await axe(guest, 'body');
      const downloading = guest.waitForEvent('download');
      await guest.getByRole('link', { name: 'Download itinerary.txt' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('itinerary.txt');
      expect(await fs.readFile((await download.path())!, 'utf8')).toBe('Day 1: the lake.\nDay 2: the mountain.\n');
      await list.getByRole('button', { name: 'photos' }).click();
      await expect(list).toContainText('beach.txt');
      await expect(guest.getByTestId('share-crumbs')).toContainText('photos');
    });

    await test.step('Shared by me lists the link; revoking it in the dialog ends it for the visitor', async () => {
      await page.getByTestId('share-close').click();
      await files.getByTestId('side-shared-by-me').click();
      const shared = files.getByTestId('shared-row');
      await expect(shared).toHaveCount(1);
      await expect(shared).toContainText('Holiday plans');
      await expect(shared).toContainText(url);
      await shot('06-shared-by-me');
      await axe(page, '[data-testid=files-sidebar]');
      await axe(page, '[data-testid=shared-by-me]');
      await files.getByTestId('side-root').first().click();
      await row(files, 'Holiday plans').click({ button: 'right' });
      await page.getByTestId('menu-share').click();
      const dialog = page.getByTestId('share-dialog');
      await dialog.getByTestId('share-revoke').click();
      await expect(dialog.getByText('No links yet.')).toBeVisible();
      await guest.reload();
      await expect(guest.getByTestId('share-error')).toHaveText('This link does not exist, was revoked, or has expired.');
      await guest.screenshot({ path: path.join(SCREENSHOTS, 'files-extras-07-public-revoked.png'), fullPage: true });
    });
  } finally {
    await visitor.close();
  }
});

test('a folder shared read-only with another user shows under Shared with me', async ({ page, desktop, browser, shot }) => {
  test.setTimeout(120_000);
  const owner = await freshDesktop(page, desktop, 'lender');
  const friend = await desktop.newAccount('friend');
  const home = path.join(desktop.server.dataDir, 'users', owner.name, 'Home');
  await fs.mkdir(path.join(home, 'Recipes'), { recursive: true });
  await fs.writeFile(path.join(home, 'Recipes', 'soup.md'), '# Soup\n');
  const files = await openFiles(page);

  await test.step('the People tab shares the folder read-only', async () => {
    await row(files, 'Recipes').click({ button: 'right' });
    await page.getByTestId('menu-share').click();
    const dialog = page.getByTestId('share-dialog');
    await dialog.getByTestId('share-tab-people').click();
    await dialog.getByTestId('share-person').click();
    await page.keyboard.type(friend.name.slice(0, 8));
    await page.getByTestId(`share-person-${friend.name}`).click();
    await dialog.getByTestId('share-add').click();
    const person = dialog.locator(`[data-testid=share-person-row][data-user="${friend.name}"]`);
    await expect(person).toBeVisible();
    await expect(person).toContainText('Can view');
    await shot('08-share-people');
    await axe(page, '[data-testid=share-dialog]');
    await dialog.getByTestId('share-close').click();
  });

  const context = await browser.newContext();
  const other = await context.newPage();
  try {
    await test.step('the friend sees “Recipes (<owner>)” under Shared with me, read-only', async () => {
      await signIn(other, desktop.server.origin, friend);
      await waitForFirstDesktop(other);
      const theirs = await openFiles(other);
      const shared = theirs.getByTestId('side-shared');
      await expect(shared).toHaveCount(1);
      await expect(shared).toContainText(`Recipes (${owner.name})`);
      await expect(shared.getByTestId('side-read-only')).toBeVisible();
      await expect(theirs.getByText('Shared with me')).toBeVisible();
      await shared.click();
      await expect(row(theirs, 'soup.md')).toBeVisible();
      // Read-only: no new folders or uploads offered there (Home still takes them).
      await expect(theirs.getByTestId('new-folder')).toBeDisabled();
      await expect(theirs.getByTestId('upload-menu')).toBeDisabled();
      await other.screenshot({ path: path.join(SCREENSHOTS, 'files-extras-09-shared-with-me.png'), fullPage: true });
    });
  } finally {
    await context.close();
  }
});

test('download from a URL into the folder in view', async ({ page, launchDesktop, shot }) => {
  test.setTimeout(120_000);
  const body = 'bytes served by a loopback web server\n'.repeat(100);
  const server = http.createServer((req, res) => {
    if (req.url === '/report.txt') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), 'content-disposition': 'attachment; filename="fetched report.txt"' });
      res.end(body);
    } else {
      res.writeHead(404).end('no');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const desktopServer = await launchDesktop({ env: { FILES_ALLOW_PRIVATE_NETWORK: 'true' } });
    const { owner } = await createOwner(desktopServer);
    await signIn(page, desktopServer.origin, owner);
    await waitForFirstDesktop(page);
    const downloads = path.join(desktopServer.dataDir, 'users', owner.name, 'Home', 'Downloads');
    const files = await openFiles(page);
    await row(files, 'Downloads').dblclick();
    await expect(files.getByTestId('files-app')).toHaveAttribute('data-location', '/Home/Downloads');

    await test.step('the dialog downloads into Downloads; the job shows in Transfers and the file in the list', async () => {
      await files.getByTestId('upload-menu').click();
      await page.getByTestId('fetch-url-open').click();
      const dialog = page.getByTestId('fetch-dialog');
      await expect(dialog).toContainText('Saves into /Home/Downloads');
      await dialog.getByTestId('fetch-url').fill(`${base}/report.txt`);
      await shot('10-fetch-dialog');
      await axe(page, '[data-testid=fetch-dialog]');
      await dialog.getByTestId('fetch-start').click();
      await expect(dialog).toHaveCount(0);
      await expect(row(files, 'fetched report.txt')).toBeVisible();
      expect(await fs.readFile(path.join(downloads, 'fetched report.txt'), 'utf8')).toBe(body);
      const job = files.locator('[data-testid=job-row][data-kind=download]');
      await expect(job).toHaveAttribute('data-state', 'done');
      await expect(job).toContainText('Downloading from the web');
      await shot('11-fetched');
    });

    await test.step('an address the server refuses fails with a sentence', async () => {
      await files.getByTestId('upload-menu').click();
      await page.getByTestId('fetch-url-open').click();
      await page.getByTestId('fetch-url').fill(`${base}/missing.txt`);
      await page.getByTestId('fetch-start').click();
      await expect(files.locator('[data-testid=job-row][data-kind=download][data-state=failed]')).toContainText('The web server refused the download.');
      expect(await exists(path.join(downloads, 'missing.txt'))).toBe(false);
      await shot('12-fetch-failed');
    });
  } finally {
    server.close();
  }
});

test('grid thumbnails for images, and Open with for a Markdown file', async ({ page, desktop, shot }) => {
  const account = await freshDesktop(page, desktop, 'thumbs');
  const home = path.join(desktop.server.dataDir, 'users', account.name, 'Home');
  await fs.mkdir(path.join(home, 'Pictures'), { recursive: true });
  await fs.writeFile(path.join(home, 'Pictures', 'gradient.png'), png(240, 160));
  await fs.writeFile(path.join(home, 'Pictures', 'broken.png'), 'not a png');
  await fs.writeFile(path.join(home, 'Pictures', 'notes.md'), '# Notes\n');
  const files = await openFiles(page);
  await row(files, 'Pictures').dblclick();
  await expect(row(files, 'gradient.png')).toBeVisible();

  await test.step('grid view shows a thumbnail for the image and the icon for a broken one', async () => {
    if ((await files.getByTestId('file-list').getAttribute('data-view')) !== 'grid') await files.getByTestId('toggle-view').click();
    const thumb = row(files, 'gradient.png').getByTestId('file-thumb');
    await expect(thumb).toBeVisible();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(row(files, 'broken.png').getByTestId('file-thumb')).toHaveCount(0);
    await expect(row(files, 'notes.md').getByTestId('file-thumb')).toHaveCount(0);
    await shot('13-thumbnails');
  });

  await test.step('Open with lists the apps that take .md (Files itself left out) and opens one', async () => {
    await row(files, 'notes.md').click({ button: 'right' });
    await page.getByTestId('menu-open-with').click();
    const sub = page.getByTestId('open-with-menu');
    // devbox's manifest names md among its file types.
    await expect(sub.getByTestId('open-with-devbox')).toBeVisible();
    await expect(sub.getByTestId('open-with-files')).toHaveCount(0);
    await shot('14-open-with');
    await sub.getByTestId('open-with-devbox').click();
    await expect(win(page, 'devbox')).toBeVisible();
  });
});

test('a cloud drive: added after the server checks its bucket, listed in the side bar, removed', async ({ page, launchDesktop, shot }) => {
  test.setTimeout(120_000);
  const s3 = await startTestS3(['e2e-photos']);
  try {
    const server = await launchDesktop({ env: { FILES_ALLOW_PRIVATE_NETWORK: 'true' } });
    const { owner } = await createOwner(server);
    await signIn(page, server.origin, owner);
    await waitForFirstDesktop(page);
    const files = await openFiles(page);

    await test.step('a bucket that does not exist is refused with a sentence', async () => {
      await files.getByTestId('side-add-drive').click();
      const dialog = page.getByTestId('drive-dialog');
      await expect(dialog).toContainText('S3-compatible: AWS S3, MinIO, Cloudflare R2, Backblaze B2…');
      await dialog.getByTestId('drive-name').fill('Photos');
      await dialog.getByTestId('drive-endpoint').fill(s3.endpoint);
      await dialog.getByTestId('drive-bucket').fill('no-such-bucket');
      await dialog.getByTestId('drive-key-id').fill('S3RVER');
      await dialog.getByTestId('drive-secret').fill('S3RVER');
      await dialog.getByTestId('drive-add').click();
      await expect(dialog.getByTestId('drive-error')).toHaveText('The bucket or the file in it does not exist.');
      await shot('15-drive-refused');
      await axe(page, '[data-testid=drive-dialog]');
    });

    await test.step('the right bucket is added and shows under Cloud drives', async () => {
      const dialog = page.getByTestId('drive-dialog');
      await dialog.getByTestId('drive-bucket').fill('e2e-photos');
      await dialog.getByTestId('drive-add').click();
      await expect(dialog).toHaveCount(0);
      const drive = files.getByTestId('side-drive');
      await expect(drive).toHaveCount(1);
      await expect(drive).toContainText('Photos');
      await shot('16-drive-added');
    });

    await test.step('removing it asks first', async () => {
      await files.getByTestId('side-drive-remove').click();
      await expect(page.getByRole('alertdialog')).toContainText('Remove the cloud drive “Photos”?');
      await page.getByTestId('confirm-ok').click();
      await expect(files.getByTestId('side-drive')).toHaveCount(0);
    });
  } finally {
    await s3.stop();
  }
});
