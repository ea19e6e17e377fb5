// Images a chart ships by relative path (icon.svg, screenshots/1.png): resolved strictly inside the chart folder, images only.
import fs from 'node:fs/promises';
import path from 'node:path';

/** Content types of the files the asset route may serve; anything else is refused. */
export const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** Largest asset served, so a chart cannot make the server read a huge file into memory. */
export const MAX_ASSET_BYTES = 5 * 1024 * 1024;

/** True for a reference that points into the chart (not http(s) and not a data: URL). */
export function isChartAssetRef(ref: string): boolean {
  return !/^(https?:|data:)/i.test(ref);
}

/**
 * The absolute path of `rel` inside `chartDir`, or null when it escapes the folder (.., absolute paths,
 * symlinks pointing out) or is not a regular file.
 */
export async function resolveInsideChart(chartDir: string, rel: string): Promise<string | null> {
  if (!rel || rel.includes('\0') || rel.includes('\\') || path.isAbsolute(rel) || /^[a-z][a-z0-9+.-]*:/i.test(rel)) return null;
  const segs = rel.split('/');
  if (segs.some((s) => s === '..')) return null;
  try {
    const root = await fs.realpath(chartDir);
    const real = await fs.realpath(path.join(root, ...segs.filter((s) => s !== '' && s !== '.')));
    if (!real.startsWith(root + path.sep)) return null;
    const stat = await fs.stat(real);
    return stat.isFile() ? real : null;
  } catch {
    return null;
  }
}

/** Read an image asset of a chart; null when the path is refused, missing, too large or not an image. */
export async function readChartAsset(chartDir: string, rel: string): Promise<{ body: Buffer; contentType: string } | null> {
  const contentType = IMAGE_TYPES[path.extname(rel).toLowerCase()];
  if (!contentType) return null;
  const file = await resolveInsideChart(chartDir, rel);
  if (!file) return null;
  const stat = await fs.stat(file);
  if (stat.size > MAX_ASSET_BYTES) return null;
  return { body: await fs.readFile(file), contentType };
}
