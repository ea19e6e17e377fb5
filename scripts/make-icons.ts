// Renders public/favicon.svg into the PNG icons of the web app manifest and the Apple touch icon (checked in;
// run `npx tsx scripts/make-icons.ts` again after changing the mark). Uses Debian's Chromium, like the browser tests.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PUBLIC = path.join(ROOT, 'public');
/** The manifest's background_color: what a maskable icon shows around the mark. */
const BRAND_BACKGROUND = '#0f1a3a';

interface Icon {
  file: string;
  size: number;
  /** The mark's width as a share of the icon's (above 1 crops the mark's rounded corners away). */
  scale: number;
  /** A solid background, or none to keep transparency around the mark's rounded corners. */
  background: string | null;
}

const ICONS: Icon[] = [
  { file: 'icons/icon-192.png', size: 192, scale: 1, background: null },
  { file: 'icons/icon-512.png', size: 512, scale: 1, background: null },
  // Maskable: the mark inside the 80 % safe zone, on the brand colour the platform's mask may cut into.
  { file: 'icons/icon-maskable-512.png', size: 512, scale: 0.8, background: BRAND_BACKGROUND },
  // iOS paints transparency black and rounds the corners itself: fill the square with the mark's gradient.
  { file: 'apple-touch-icon.png', size: 180, scale: 1.25, background: BRAND_BACKGROUND },
];

function pageFor(svg: string, icon: Icon): string {
  const mark = Math.round(icon.size * icon.scale);
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return `<!doctype html><html><head><style>
    html, body { margin: 0; width: ${icon.size}px; height: ${icon.size}px; overflow: hidden; background: ${icon.background ?? 'transparent'}; }
    body { display: flex; align-items: center; justify-content: center; }
    img { width: ${mark}px; height: ${mark}px; flex: none; }
  </style></head><body><img src="${src}" alt=""></body></html>`;
}

async function main(): Promise<void> {
  const svg = await fs.readFile(path.join(PUBLIC, 'favicon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
      await page.setContent(pageFor(svg, icon));
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      const out = path.join(PUBLIC, icon.file);
      await fs.mkdir(path.dirname(out), { recursive: true });
      await page.screenshot({ path: out, omitBackground: icon.background === null, clip: { x: 0, y: 0, width: icon.size, height: icon.size } });
      await page.close();
      console.log(`${path.relative(ROOT, out)} (${icon.size}×${icon.size})`);
    }
  } finally {
    await browser.close();
  }
}

await main();
