// Thumbnails: raster images only, the path encoded, the date in the address.
import { describe, expect, it } from 'vitest';
import { hasThumb, thumbUrl } from './thumbs';

describe('thumbUrl', () => {
  const img = { kind: 'file' as const, mime: 'image/png', path: '/Home/Pictures/a b#1.png', mtime: 1_700_000_000_123 };
  it('encodes the path and names the size and date', () => {
    const url = new URL(thumbUrl(img)!, 'http://x');
    expect(url.pathname).toBe('/api/files/thumb');
    expect(url.searchParams.get('path')).toBe('/Home/Pictures/a b#1.png');
    expect(url.searchParams.get('size')).toBe('256');
    expect(url.searchParams.get('v')).toBeTruthy();
  });
  it('is null for folders, SVGs and other files', () => {
    expect(hasThumb({ kind: 'dir', mime: 'inode/directory' })).toBe(false);
    expect(thumbUrl({ ...img, mime: 'image/svg+xml' })).toBeNull();
    expect(thumbUrl({ ...img, mime: 'text/plain' })).toBeNull();
  });
});
