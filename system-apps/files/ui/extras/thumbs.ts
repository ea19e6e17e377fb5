// Which entries get a server-made thumbnail, and its address (the file's date in it, so a changed image is fetched again).
import type { FileEntry } from '../../server/files.types';

/** Raster images: SVGs show their icon (a thumbnail would be a rendering of untrusted markup for no gain). */
export function hasThumb(entry: Pick<FileEntry, 'kind' | 'mime'>): boolean {
  return entry.kind === 'file' && entry.mime.startsWith('image/') && entry.mime !== 'image/svg+xml';
}

export function thumbUrl(entry: Pick<FileEntry, 'kind' | 'mime' | 'path' | 'mtime'>, size: 128 | 256 | 512 = 256): string | null {
  if (!hasThumb(entry)) return null;
  return `/api/files/thumb?path=${encodeURIComponent(entry.path)}&size=${size}&v=${Math.floor(entry.mtime).toString(36)}`;
}
