// The wallpapers that ship with the desktop (SVGs in public/wallpapers/), named by id in saved layouts.

export const BUILTIN_WALLPAPER_IDS = ['aurora', 'dusk', 'forest', 'paper'] as const;
export type BuiltinWallpaperId = (typeof BUILTIN_WALLPAPER_IDS)[number];

export interface BuiltinWallpaper {
  id: BuiltinWallpaperId;
  url: string;
  /** Whether the picture is light or dark, so the UI can pick readable icon labels. */
  tone: 'light' | 'dark';
}

const TONES: Record<BuiltinWallpaperId, BuiltinWallpaper['tone']> = { aurora: 'dark', dusk: 'dark', forest: 'dark', paper: 'light' };

export const BUILTIN_WALLPAPERS: readonly BuiltinWallpaper[] = BUILTIN_WALLPAPER_IDS.map((id) => ({ id, url: `/wallpapers/${id}.svg`, tone: TONES[id] }));
