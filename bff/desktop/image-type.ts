// Tells an image's real type from its first bytes, so an upload is trusted for what it is, not for what it claims.

export const WALLPAPER_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type WallpaperType = (typeof WALLPAPER_TYPES)[number];

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/** The type the bytes show, among the wallpaper types, or null. */
export function sniffImageType(bytes: Uint8Array): WallpaperType | null {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  return null;
}

/** The media type of a Content-Type header (`image/png; charset=x` → `image/png`), lower-cased. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isWallpaperType(type: string): type is WallpaperType {
  return (WALLPAPER_TYPES as readonly string[]).includes(type);
}
