// The address of a layout's wallpaper: a built-in one from the build, or the user's upload (public/early.js fetches the same one early).
import type { Wallpaper } from './layout.store';

export function wallpaperUrl(wallpaper: Wallpaper): string {
  return wallpaper.kind === 'builtin' ? `/wallpapers/${wallpaper.id}.jpg` : `/api/wallpapers/${wallpaper.id}`;
}
