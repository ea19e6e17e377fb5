// The wallpapers that ship with the desktop (JPEGs in public/wallpapers/, made from scripts/wallpapers/*.svg by
// `npm run wallpapers`), named by id in saved layouts.

export const BUILTIN_WALLPAPER_IDS = ['aurora', 'dusk', 'forest', 'paper'] as const;
export type BuiltinWallpaperId = (typeof BUILTIN_WALLPAPER_IDS)[number];

export interface BuiltinWallpaper {
  id: BuiltinWallpaperId;
  url: string;
  /** Whether the picture is light or dark, so the UI can pick readable icon labels. */
  tone: 'light' | 'dark';
}

const TONES: Record<BuiltinWallpaperId, BuiltinWallpaper['tone']> = { aurora: 'dark', dusk: 'dark', forest: 'dark', paper: 'light' };

export const BUILTIN_WALLPAPERS: readonly BuiltinWallpaper[] = BUILTIN_WALLPAPER_IDS.map((id) => ({ id, url: `/wallpapers/${id}.jpg`, tone: TONES[id] }));
