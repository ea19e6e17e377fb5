// The checked-in wallpaper JPEGs exist for every built-in id, at full HD, and still show what their SVG sources draw.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BUILTIN_WALLPAPER_IDS } from '../bff/desktop/builtin-wallpapers';
import { renderWallpaper, WALLPAPER_OUTPUT, WALLPAPER_SIZE, WALLPAPER_SOURCES } from './make-wallpapers';

/** The picture as 48×27 RGB pixels: enough to tell two wallpapers (or a stale one) apart, not JPEG noise. */
const thumb = (image: Buffer) => sharp(image).resize(48, 27, { fit: 'fill' }).removeAlpha().raw().toBuffer();

describe('the built-in wallpapers', () => {
  for (const id of BUILTIN_WALLPAPER_IDS) {
    it(`${id}.jpg is a full-HD JPEG of scripts/wallpapers/${id}.svg (else: npm run wallpapers)`, async () => {
      const jpeg = await fs.readFile(path.join(WALLPAPER_OUTPUT, `${id}.jpg`));
      const meta = await sharp(jpeg).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', ...WALLPAPER_SIZE });
      const [shipped, fresh] = await Promise.all([thumb(jpeg), renderWallpaper(await fs.readFile(path.join(WALLPAPER_SOURCES, `${id}.svg`))).then(thumb)]);
      let diff = 0;
      for (let i = 0; i < shipped.length; i++) diff += Math.abs(shipped[i]! - fresh[i]!);
      expect(diff / shipped.length).toBeLessThan(2);
    });
  }

  it('are told apart by that comparison', async () => {
    const [a, b] = await Promise.all(['aurora', 'dusk'].map(async (id) => thumb(await fs.readFile(path.join(WALLPAPER_OUTPUT, `${id}.jpg`)))));
    let diff = 0;
    for (let i = 0; i < a!.length; i++) diff += Math.abs(a![i]! - b![i]!);
    expect(diff / a!.length).toBeGreaterThan(10);
  });
});
