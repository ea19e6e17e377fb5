// Renders the built-in wallpapers' sources (scripts/wallpapers/<id>.svg) into the JPEGs the desktop shows
// (public/wallpapers/<id>.jpg, checked in): run `npm run wallpapers` after changing or adding one. A bitmap, because
// the desktop draws its wallpaper with <img decoding="async">: a bitmap's decoding may finish after the desktop's
// first frame, while an SVG is drawn within that frame (~15–20 ms of a cold start on 2 cores without GPU raster).
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { BUILTIN_WALLPAPER_IDS } from '../bff/desktop/builtin-wallpapers';
import { runWhenMain } from './run-cli';

const ROOT = path.resolve(import.meta.dirname, '..');
export const WALLPAPER_SOURCES = path.join(ROOT, 'scripts', 'wallpapers');
export const WALLPAPER_OUTPUT = path.join(ROOT, 'public', 'wallpapers');
/** Full HD: sharp on the common screens, and ~15–25 KB each for these smooth pictures. */
export const WALLPAPER_SIZE = { width: 1920, height: 1080 } as const;

/** One wallpaper's JPEG from its SVG source, cropped to 16:9 around the centre like the desktop's `object-fit: cover`. */
export function renderWallpaper(svg: Buffer): Promise<Buffer> {
  return sharp(svg, { density: 72 }).resize(WALLPAPER_SIZE.width, WALLPAPER_SIZE.height, { fit: 'cover' }).jpeg({ quality: 85, mozjpeg: true }).toBuffer();
}

runWhenMain(import.meta.url, 'make-wallpapers', async () => {
  await fs.mkdir(WALLPAPER_OUTPUT, { recursive: true });
  for (const id of BUILTIN_WALLPAPER_IDS) {
    const jpeg = await renderWallpaper(await fs.readFile(path.join(WALLPAPER_SOURCES, `${id}.svg`)));
    await fs.writeFile(path.join(WALLPAPER_OUTPUT, `${id}.jpg`), jpeg);
    process.stdout.write(`${id}.jpg ${(jpeg.length / 1000).toFixed(1)} kB\n`);
  }
  return 0;
});
