// Files' uploads, previews and editor in a real browser: drag-and-drop from the computer onto the list, the transfer panel (progress, pause, resume, after a reload), previews of an image, Markdown and code, and a save that finds the file changed on disk.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { CDPSession, JSHandle, Locator } from '@playwright/test';
import { expect, signIn, test, type Account, type Page, type SharedDesktop } from './fixtures';
import { openFromDock } from './support/desktop';

/** The same bytes in Node and in the page: a simple pattern, so a byte out of place changes the hash. */
function pattern(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 7 + (i >> 10)) & 255;
  return out;
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
/** A second of a 440 Hz tone as 8 kHz 16-bit mono WAV. */
function wav(): Buffer {
  const rate = 8000;
  const data = Buffer.alloc(rate * 2);
  for (let i = 0; i < rate; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), i * 2);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8, 'ascii');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/** A one-page PDF that says `text`. */
function pdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

interface DropFile {
  name: string;
  /** Text, or a pattern of `size` bytes made in the page. */
  text?: string;
  size?: number;
  seed?: number;
}

/** A DataTransfer in the page holding `files`, as a drag from the computer carries them. */
function dataTransfer(page: Page, files: DropFile[]): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      let body: BlobPart;
      if (f.text !== undefined) body = f.text;
      else {
        const bytes = new Uint8Array(f.size!);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + f.seed! * 7 + (i >> 10)) & 255;
        body = bytes;
      }
      dt.items.add(new File([body], f.name, { lastModified: 1_700_000_000_000 }));
    }
    return dt;
  }, files);
}

/** Drags `files` from "the computer" onto `target` and drops them. */
async function dropOn(target: Locator, files: DropFile[]): Promise<void> {
  const dt = await dataTransfer(target.page(), files);
  await target.dispatchEvent('dragenter', { dataTransfer: dt });
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
}

async function setUp(page: Page, desktop: SharedDesktop, prefix: string): Promise<{ account: Account; home: string }> {
  const account = await desktop.newAccount(prefix);
  const home = path.join(desktop.server.dataDir, 'users', account.name, 'Home');
  await signIn(page, desktop.server.origin, account);
  // Uploads and saves tell open windows by pushes: wait until they reach this desktop.
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  return { account, home };
}

async function openFiles(page: Page): Promise<Locator> {
  const files = await openFromDock(page, 'files');
  await expect(files.getByTestId('file-list')).toBeVisible();
  return files;
}

/** The transfer panel once it lists `rows` entries (new uploads open it by themselves); opened from the tool bar when it is not shown. */
async function transferPanel(files: Locator, rows = 1): Promise<Locator> {
  const panel = files.getByTestId('transfer-panel');
  await expect.poll(() => panel.locator('[data-testid=upload-row]').count()).toBeGreaterThanOrEqual(rows);
  if (!(await panel.isVisible())) await files.getByTestId('toggle-transfers').click();
  await expect(panel).toBeVisible();
  return panel;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** This page's network as DevTools emulates it: uploads slowed to `upload` bytes per second (null: full speed), or offline. */
async function network(page: Page, opts: { upload?: number | null; offline?: boolean }): Promise<void> {
  if (!sessions.has(page)) sessions.set(page, page.context().newCDPSession(page));
  const cdp = await sessions.get(page)!;
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: opts.offline ?? false, latency: 0, downloadThroughput: -1, uploadThroughput: opts.upload ?? -1 });
}
const throttleUploads = (page: Page, bytesPerSecond: number | null) => network(page, { upload: bytesPerSecond });

const row = (panel: Locator, name: string) => panel.locator(`[data-testid=upload-row][data-name="${name}"]`);
const fileRow = (files: Locator, name: string) => files.locator(`[data-testid=file-row][data-name="${name}"]`);

const MB = 1024 * 1024;
const progressOf = async (r: Locator) => Number(await r.getByTestId('upload-progress').getAttribute('aria-valuenow'));

/** No serious or critical axe violations inside `selector`. */
async function expectAccessible(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), selector).toEqual([]);
}

async function onDisk(file: string): Promise<Buffer | null> {
  return fs.readFile(file).catch(() => null);
}

test('files dropped from the computer upload into the folder, with progress, pause and resume', async ({ page, desktop, shot }) => {
  test.setTimeout(120_000);
  const { account, home } = await setUp(page, desktop, 'upload');
  const files = await openFiles(page);
  const list = files.getByTestId('file-list');

  await test.step('one file dropped on the list arrives on disk with the same bytes, and shows in the list', async () => {
    const text = 'Hello from a drop — 你好 🌏\n'.repeat(100);
    await dropOn(list, [{ name: 'dropped note ✓.txt', text }]);
    await expect.poll(async () => (await onDisk(path.join(home, 'dropped note ✓.txt')))?.toString('utf8') ?? null, { timeout: 20_000 }).toBe(text);
    await expect(fileRow(files, 'dropped note ✓.txt')).toBeVisible();
    const panel = await transferPanel(files);
    await expect(row(panel, 'dropped note ✓.txt')).toHaveAttribute('data-state', 'done');
    await shot('01-dropped');
  });

  await test.step('three files at once: each with its own progress, one paused and resumed, all complete and intact', async () => {
    const batch = [
      { name: 'one.bin', size: 3 * MB, seed: 1 },
      { name: 'two.bin', size: 3 * MB, seed: 2 },
      { name: 'three.bin', size: 3 * MB, seed: 3 },
    ];
    await throttleUploads(page, 1 * MB);
    await dropOn(list, batch);
    const panel = await transferPanel(files, 4);
    for (const f of batch) await expect(row(panel, f.name)).toBeVisible();
    const two = row(panel, 'two.bin');
    await expect(two).toHaveAttribute('data-state', 'uploading');
    // Progress moves, and the panel says how much, how fast and how long.
    await expect.poll(async () => Number(await two.getByTestId('upload-progress').getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect(panel.getByTestId('transfer-overall')).toHaveAttribute('aria-valuenow', /\d+/);
    await expect(two.getByTestId('upload-detail')).toContainText('/s');
    await shot('02-progress');

    await two.getByTestId('upload-pause').click();
    await expect(two).toHaveAttribute('data-state', 'paused');
    const pausedAt = Number(await two.getByTestId('upload-progress').getAttribute('aria-valuenow'));
    await shot('03-paused');
    // The others finish while it waits; it has not moved.
    await expect(row(panel, 'one.bin')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(row(panel, 'three.bin')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    expect(Number(await two.getByTestId('upload-progress').getAttribute('aria-valuenow'))).toBe(pausedAt);
    expect(await onDisk(path.join(home, 'two.bin'))).toBeNull();

    await two.getByTestId('upload-resume').click();
    await expect(two).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await throttleUploads(page, null);
    for (const f of batch) {
      const bytes = await onDisk(path.join(home, f.name));
      expect(bytes && sha256(bytes), f.name).toBe(sha256(pattern(f.size, f.seed)));
    }
    await expect(fileRow(files, 'two.bin')).toBeVisible();
    await shot('04-all-done');

    await expectAccessible(page, '[data-testid=transfer-panel]');
    await panel.getByTestId('transfer-clear').click();
    await expect(panel.getByTestId('upload-row')).toHaveCount(0);
  });

  await test.step('cancel stops an upload and deletes what the server had of it', async () => {
    await throttleUploads(page, 1 * MB);
    await dropOn(list, [{ name: 'never.bin', size: 3 * MB, seed: 4 }]);
    const panel = await transferPanel(files);
    const r = row(panel, 'never.bin');
    await expect.poll(() => progressOf(r), { timeout: 20_000 }).toBeGreaterThan(0);
    await r.getByTestId('upload-cancel').click();
    await expect(r).toHaveAttribute('data-state', 'cancelled');
    await throttleUploads(page, null);
    // The staging area (H2's <data>/files-uploads) keeps nothing of it: every other upload is complete.
    await expect.poll(async () => (await fs.readdir(path.join(desktop.server.dataDir, 'files-uploads')).catch(() => [])).length).toBe(0);
    expect(await onDisk(path.join(home, 'never.bin'))).toBeNull();
    await panel.getByTestId('transfer-clear').click();
  });

  await test.step('over the quota: the server refuses before any byte, the panel says why, and it goes once there is room', async () => {
    const { cookie } = await desktop.server.trpc('auth.login', { name: desktop.owner.name, password: desktop.owner.password });
    await desktop.server.trpc('files.admin.setQuota', { user: account.name, bytes: 1024 }, cookie);
    await dropOn(list, [{ name: 'too much.bin', size: 200_000, seed: 5 }]);
    const panel = await transferPanel(files);
    const r = row(panel, 'too much.bin');
    await expect(r).toHaveAttribute('data-state', 'error');
    await expect(r.getByTestId('upload-detail')).toHaveText('Your storage quota is used up: there is not enough room for this.');
    await expect(r.getByTestId('upload-detail')).toHaveAttribute('role', 'alert');
    await shot('05-quota');
    expect(await onDisk(path.join(home, 'too much.bin'))).toBeNull();

    await desktop.server.trpc('files.admin.setQuota', { user: account.name, bytes: null }, cookie);
    await r.getByTestId('upload-retry').click();
    await expect(r).toHaveAttribute('data-state', 'done');
    expect(sha256((await onDisk(path.join(home, 'too much.bin')))!)).toBe(sha256(pattern(200_000, 5)));
  });

  await test.step('the network drops in the middle: the upload says so, waits, and goes on by itself', async () => {
    // 40 MB go in three requests of at most 16 MiB; offline during the first, the next one fails.
    await throttleUploads(page, 8 * MB);
    await dropOn(list, [{ name: 'flaky.bin', size: 40 * MB, seed: 7 }]);
    const panel = await transferPanel(files);
    const r = row(panel, 'flaky.bin');
    await expect.poll(() => progressOf(r), { timeout: 20_000 }).toBeGreaterThan(0);
    await network(page, { offline: true, upload: 8 * MB });
    await expect(r).toHaveAttribute('data-retrying', 'true', { timeout: 20_000 });
    await expect(r).toHaveAttribute('data-state', 'uploading');
    await shot('06-offline');
    await network(page, { offline: false });
    await expect(r).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    expect(sha256((await onDisk(path.join(home, 'flaky.bin')))!)).toBe(sha256(pattern(40 * MB, 7)));
  });
});

test('an upload interrupted by a page reload continues from where the server has it', async ({ page, desktop, shot }) => {
  test.setTimeout(120_000);
  const { home } = await setUp(page, desktop, 'resume');
  const files = await openFiles(page);
  const big = { name: 'big.bin', size: 6 * MB, seed: 9 };

  await throttleUploads(page, 1 * MB);
  await dropOn(files.getByTestId('file-list'), [big]);
  const panel = await transferPanel(files);
  const r = row(panel, big.name);
  await expect.poll(async () => Number(await r.getByTestId('upload-progress').getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
  await shot('07-before-reload');

  // After the reload the upload asks the server where it stopped (HEAD on its URL) and goes on; it is never created again.
  const calls: string[] = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.startsWith('/api/files/uploads')) calls.push(req.method());
  });
  await page.reload();
  await expect(page.getByTestId('desktop')).toBeVisible();
  await throttleUploads(page, 1 * MB);
  const again = page.locator('[data-testid=window][data-app=files]').first();
  if (!(await again.isVisible())) await openFiles(page);
  const panel2 = await transferPanel(again);
  const r2 = row(panel2, big.name);
  await expect(r2).toBeVisible();
  await expect(panel2.getByTestId('transfer-resumed')).toBeVisible();
  await shot('08-after-reload');
  await throttleUploads(page, null);
  await expect(r2).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  expect(calls[0]).toBe('HEAD');
  expect(calls).not.toContain('POST');
  const bytes = await onDisk(path.join(home, big.name));
  expect(bytes && sha256(bytes)).toBe(sha256(pattern(big.size, big.seed)));
  // The stored record is gone once complete: another reload brings nothing back.
  await page.reload();
  await expect(page.getByTestId('desktop')).toBeVisible();
  const third = page.locator('[data-testid=window][data-app=files]').first();
  if (!(await third.isVisible())) await openFiles(page);
  await expect(third.locator('[data-testid=upload-row]')).toHaveCount(0);
});

test('previews: an image, Markdown, code, PDF and audio; arrows go to the next file', async ({ page, desktop, shot }) => {
  const account = await desktop.newAccount('preview');
  const home = path.join(desktop.server.dataDir, 'users', account.name, 'Home');
  await fs.mkdir(home, { recursive: true });
  await fs.writeFile(path.join(home, 'a-picture.png'), png(160, 100));
  await fs.writeFile(path.join(home, 'b-readme.md'), '# Trip notes\n\nSee [the site](https://example.com) and the map:\n\n![map](a-picture.png)\n\n<script>window.pwned = 1</script>\n\n- one\n- **two**\n');
  await fs.writeFile(path.join(home, 'd-paper.pdf'), pdf('Hello PDF'));
  await fs.writeFile(path.join(home, 'e-tone.wav'), wav());
  await fs.writeFile(path.join(home, 'f-big.log'), Array.from({ length: 60_000 }, (_, i) => `line ${i} of the log, padded to be long enough`).join('\n'));
  await fs.writeFile(path.join(home, 'c-main.ts'), 'export function greet(name: string): string {\n  // say hello\n  return `Hello, ${name}`;\n}\n');
  await signIn(page, desktop.server.origin, account);
  const files = await openFiles(page);

  await fileRow(files, 'a-picture.png').dblclick();
  const pane = files.getByTestId('preview-pane');
  await expect(pane).toHaveAttribute('data-kind', 'image');
  const img = pane.getByTestId('preview-image');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(160);
  await shot('09-image');

  await page.keyboard.press('ArrowRight');
  await expect(pane).toHaveAttribute('data-kind', 'markdown');
  const md = pane.getByTestId('preview-markdown');
  await expect(md.locator('h1')).toHaveText('Trip notes');
  await expect(md.locator('a', { hasText: 'the site' })).toHaveAttribute('target', '_blank');
  await expect(md.locator('a', { hasText: 'the site' })).toHaveAttribute('rel', /noopener/);
  await expect.poll(() => md.locator('img').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(160);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await shot('10-markdown');

  await pane.getByTestId('preview-next').click();
  await expect(pane).toHaveAttribute('data-kind', 'text');
  const code = pane.getByTestId('preview-text');
  await expect(code).toHaveAttribute('data-language', 'typescript');
  await expect(code.locator('.hljs-keyword').first()).toHaveText('export');
  await expect(code.locator('.hljs-comment')).toHaveText('// say hello');
  await expectAccessible(page, '[data-testid=preview-pane]');
  // Download: the browser's own download of the raw file, as an attachment.
  const [download] = await Promise.all([page.waitForEvent('download'), pane.getByTestId('preview-download').click()]);
  expect(download.suggestedFilename()).toBe('c-main.ts');
  expect(await fs.readFile((await download.path())!, 'utf8')).toContain('export function greet');
  await shot('11-code');

  await page.keyboard.press('ArrowRight');
  await expect(pane).toHaveAttribute('data-kind', 'pdf');
  await expect(pane.getByTestId('preview-pdf')).toHaveAttribute('src', '/api/files/raw?path=%2FHome%2Fd-paper.pdf');
  await shot('12-pdf');

  // Audio streams from the raw URL: the browser reads its length from the file's header.
  await page.keyboard.press('ArrowRight');
  await expect(pane).toHaveAttribute('data-kind', 'audio');
  await expect.poll(() => pane.getByTestId('preview-audio').evaluate((el: HTMLAudioElement) => Math.round(el.duration))).toBe(1);
  await shot('13-audio');

  // A large log: only its first MiB is read, and the pane says so.
  await page.keyboard.press('ArrowRight');
  await expect(pane).toHaveAttribute('data-kind', 'text');
  await expect(pane.getByTestId('preview-truncated')).toBeVisible();
  await expect(pane.getByTestId('preview-text')).toContainText('line 1 of the log');
  await expect(pane.getByTestId('preview-text')).not.toContainText('line 59999 of the log');

  await pane.getByTestId('preview-close').click();
  await expect(pane).toHaveCount(0);
});

test('a save that finds the file changed on disk offers a choice; "save mine as a copy" keeps both', async ({ page, desktop, shot }) => {
  const account = await desktop.newAccount('editor');
  const home = path.join(desktop.server.dataDir, 'users', account.name, 'Home');
  await fs.mkdir(home, { recursive: true });
  const file = path.join(home, 'notes.txt');
  await fs.writeFile(file, 'first line\n');
  await fs.mkdir(path.join(home, 'Sub'));
  await signIn(page, desktop.server.origin, account);
  const files = await openFiles(page);

  await fileRow(files, 'notes.txt').dblclick();
  const pane = files.getByTestId('preview-pane');
  await pane.getByTestId('preview-edit').click();
  const editor = pane.getByTestId('editor');
  const content = editor.getByTestId('editor-content');
  await expect(content).toContainText('first line');

  await test.step('a plain save writes the file', async () => {
    await content.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('mine: saved once\n');
    await expect(editor).toHaveAttribute('data-dirty', 'true');
    await page.keyboard.press('ControlOrMeta+s');
    await expect(editor).toHaveAttribute('data-dirty', 'false');
    await expect.poll(async () => (await onDisk(file))?.toString()).toBe('first line\nmine: saved once\n');
    await shot('14-editor-saved');
  });

  await test.step('changed behind the editor: the conflict choice appears, nothing is overwritten', async () => {
    await page.keyboard.type('mine: second edit\n');
    // Another program changes the file (a different size, so its version surely changes).
    await fs.writeFile(file, 'theirs: rewritten on disk\n');
    await page.keyboard.press('ControlOrMeta+s');
    const dialog = page.getByTestId('edit-conflict-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('notes (copy).txt');
    expect((await onDisk(file))?.toString()).toBe('theirs: rewritten on disk\n');
    await shot('15-conflict');

    await dialog.getByTestId('edit-conflict-copy').click();
    await expect(dialog).toHaveCount(0);
    await expect(editor.getByTestId('editor-notice')).toContainText('notes (copy).txt');
    expect((await onDisk(file))?.toString()).toBe('theirs: rewritten on disk\n');
    expect((await onDisk(path.join(home, 'notes (copy).txt')))?.toString()).toBe('first line\nmine: saved once\nmine: second edit\n');
    // The editor now shows the version on disk, with nothing unsaved.
    await expect(content).toContainText('theirs: rewritten on disk');
    await expect(editor).toHaveAttribute('data-dirty', 'false');
    await shot('16-copy-saved');
  });

  await test.step('unsaved changes: opening another file keeps the editor on its file, and closing asks first', async () => {
    await content.click();
    await page.keyboard.type('unsaved ');
    await fileRow(files, 'notes (copy).txt').dblclick();
    await expect(pane.getByTestId('preview-name')).toHaveText('notes.txt');
    await expect(content).toContainText('unsaved');
    await editor.getByTestId('editor-close').click();
    await expect(page.getByTestId('editor-leave')).toBeVisible();
    await shot('17-leave');
    await page.getByTestId('editor-discard').click();
    await expect(editor).toHaveCount(0);
    // The pane now follows the selection again.
    await expect(pane.getByTestId('preview-name')).toHaveText('notes (copy).txt');
    expect((await onDisk(file))?.toString()).toBe('theirs: rewritten on disk\n');
  });

  await test.step('opening a folder from the list asks first; staying keeps the editor and the folder', async () => {
    await fileRow(files, 'notes.txt').dblclick();
    await pane.getByTestId('preview-edit').click();
    await content.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('draft kept');
    await fileRow(files, 'Sub').dblclick();
    await expect(page.getByTestId('editor-leave')).toBeVisible();
    await page.getByTestId('editor-leave').getByRole('button', { name: 'Keep editing' }).click();
    await expect(page.getByTestId('editor-leave')).toHaveCount(0);
    await expect(content).toContainText('draft kept');
    await expect(fileRow(files, 'Sub')).toBeVisible();
  });

  await test.step('an editor taken away without asking (its window closed) keeps its text and offers it back', async () => {
    await files.getByTestId('window-close').click();
    await expect(files).toHaveCount(0);
    const again = await openFiles(page);
    await fileRow(again, 'notes.txt').dblclick();
    await expect(editor.getByTestId('editor-draft')).toBeVisible();
    await shot('18-draft');
    await editor.getByTestId('editor-draft-restore').click();
    await expect(content).toContainText('draft kept');
    await page.keyboard.press('ControlOrMeta+s');
    await expect(editor).toHaveAttribute('data-dirty', 'false');
    expect((await onDisk(file))?.toString()).toBe('theirs: rewritten on disk\ndraft kept');
  });
});
