// Wallpapers: the built-in set plus each user's own uploads (checked by their bytes, limited in size and number).
import type pg from 'pg';
import type { EventBus } from '../realtime/bus';
import { appError } from '../trpc/app-error';
import { BUILTIN_WALLPAPERS, type BuiltinWallpaper } from './builtin-wallpapers';
import { isWallpaperType, sniffImageType, WALLPAPER_TYPES, type WallpaperType } from './image-type';
import { WallpapersStore } from './wallpapers.store';

export const MAX_WALLPAPER_BYTES = 5 * 1024 * 1024;
export const MAX_WALLPAPERS = 10;

/** The event a user's other browsers get when the list of uploads changed. */
export const WALLPAPERS_EVENT = 'desktop.wallpapers';

export interface UploadedWallpaper {
  id: string;
  url: string;
  size: number;
  createdAt: string;
}

export interface WallpaperList {
  builtin: readonly BuiltinWallpaper[];
  uploads: UploadedWallpaper[];
  limits: { maxBytes: number; maxCount: number; types: readonly WallpaperType[] };
}

/** Why an upload was refused, with the HTTP status the upload route answers. */
export class UploadRefused extends Error {
  constructor(
    readonly statusCode: 409 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

const view = (w: { id: string; size: number; createdAt: Date }): UploadedWallpaper => ({
  id: w.id,
  url: `/api/wallpapers/${w.id}`,
  size: w.size,
  createdAt: w.createdAt.toISOString(),
});

export class WallpapersService {
  private readonly store: WallpapersStore;
  constructor(
    db: pg.Pool,
    private readonly bus: EventBus,
  ) {
    this.store = new WallpapersStore(db);
  }

  async list(userId: string): Promise<WallpaperList> {
    return {
      builtin: BUILTIN_WALLPAPERS,
      uploads: (await this.store.list(userId)).map(view),
      limits: { maxBytes: MAX_WALLPAPER_BYTES, maxCount: MAX_WALLPAPERS, types: WALLPAPER_TYPES },
    };
  }

  /** Stores an upload whose bytes are the declared type; throws UploadRefused otherwise. */
  async upload(userId: string, declaredType: string, bytes: Buffer): Promise<UploadedWallpaper> {
    if (!isWallpaperType(declaredType)) throw new UploadRefused(415, 'Upload a JPEG, PNG or WebP image.');
    if (bytes.length === 0) throw new UploadRefused(415, 'The upload is empty; choose an image file.');
    if (bytes.length > MAX_WALLPAPER_BYTES) throw new UploadRefused(413, 'The image is larger than 5 MB; choose a smaller one.');
    const actual = sniffImageType(bytes);
    if (actual !== declaredType) {
      throw new UploadRefused(415, `The file's contents are not a ${declaredType.slice(6).toUpperCase()} image${actual ? ` (they look like ${actual.slice(6).toUpperCase()})` : ''}.`);
    }
    const saved = await this.store.insert(userId, actual, bytes, MAX_WALLPAPERS);
    if (!saved) throw new UploadRefused(409, `You already have ${MAX_WALLPAPERS} wallpapers; remove one before uploading another.`);
    this.bus.emit('user.event', { userId, event: WALLPAPERS_EVENT, payload: { added: saved.id } });
    return view(saved);
  }

  /** The bytes of the user's own upload, or null (someone else's looks the same as none). */
  image(userId: string, id: string): Promise<{ contentType: string; bytes: Buffer } | null> {
    return this.store.bytes(userId, id);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.store.remove(userId, id))) throw appError('NOT_FOUND', 'desktop.wallpaperNotFound', 'That wallpaper does not exist or was already removed.');
    this.bus.emit('user.event', { userId, event: WALLPAPERS_EVENT, payload: { removed: id } });
  }
}
