// Thumbnails: made small and rotated, cached by version, shared by concurrent asks, refused for what is not an image.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canThumbnail, Thumbnailer } from './thumbnailer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-thumbs-'));
let photo: string;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  photo = path.join(dir, 'photo.jpg');
  await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3a7' } }).jpeg().toFile(photo);
});

describe('Thumbnailer', () => {
  it('makes a WebP that fits the size, keeping the aspect ratio, and caches it', async () => {
    const t = new Thumbnailer({ cacheDir: path.join(dir, 'cache') });
    const st = fs.statSync(photo);
    const out = await t.get(photo, st, 256);
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 192 });
    const again = await t.get(photo, st, 256);
    expect(again).toBe(out);
    // A new version of the file gets a new thumbnail.
    fs.utimesSync(photo, new Date(), new Date(Date.now() + 5000));
    expect(await t.get(photo, fs.statSync(photo), 256)).not.toBe(out);
  });

  it('makes one thumbnail for many concurrent asks', async () => {
    const t = new Thumbnailer({ cacheDir: path.join(dir, 'cache2'), concurrency: 1 });
    const st = fs.statSync(photo);
    const outs = await Promise.all(Array.from({ length: 5 }, () => t.get(photo, st, 128)));
    expect(new Set(outs).size).toBe(1);
    expect(fs.readdirSync(path.dirname(outs[0]!)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses what is not an image, and reports a broken one', async () => {
    expect(canThumbnail('notes.txt', 10)).toBe(false);
    expect(canThumbnail('a.PNG', 10)).toBe(true);
    const t = new Thumbnailer({ cacheDir: path.join(dir, 'cache3') });
    const broken = path.join(dir, 'broken.png');
    fs.writeFileSync(broken, 'not a png');
    await expect(t.get(broken, fs.statSync(broken), 128)).rejects.toMatchObject({ reason: 'files.thumb.failed' });
    const text = path.join(dir, 'x.txt');
    fs.writeFileSync(text, 'x');
    await expect(t.get(text, fs.statSync(text), 128)).rejects.toMatchObject({ reason: 'files.thumb.unsupported' });
  });
});
