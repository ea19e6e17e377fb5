// A user's saved desktop: read it (or the default), save it with optimistic concurrency, tell the user's other browsers.
import type pg from 'pg';
import type { EventBus } from '../realtime/bus';
import { appError } from '../trpc/app-error';
import { DesktopStore, type StoredLayout } from './desktop.store';
import { defaultLayout, type DesktopLayout } from './layout.schema';
import { WallpapersStore } from './wallpapers.store';

/** The event a user's other browsers get after a save: a newer layout exists. */
export const LAYOUT_EVENT = 'desktop.layout';

export class DesktopService {
  private readonly store: DesktopStore;
  private readonly wallpapers: WallpapersStore;
  constructor(
    db: pg.Pool,
    private readonly bus: EventBus,
  ) {
    this.store = new DesktopStore(db);
    this.wallpapers = new WallpapersStore(db);
  }

  /** The user's layout, or the default as version 0. An uploaded wallpaper since removed falls back to the default one. */
  async get(userId: string): Promise<StoredLayout> {
    const stored = await this.store.find(userId);
    if (!stored) return { layout: defaultLayout(), version: 0 };
    const { wallpaper } = stored.layout;
    if (wallpaper.kind === 'upload' && !(await this.wallpapers.exists(userId, wallpaper.id))) {
      return { layout: { ...stored.layout, wallpaper: defaultLayout().wallpaper }, version: stored.version };
    }
    return stored;
  }

  /** Saves when `baseVersion` is still the stored version; otherwise CONFLICT with the current layout in the error's details. */
  async save(userId: string, layout: DesktopLayout, baseVersion: number): Promise<{ version: number }> {
    const { wallpaper } = layout;
    if (wallpaper.kind === 'upload' && !(await this.wallpapers.exists(userId, wallpaper.id))) {
      throw appError('BAD_REQUEST', 'desktop.wallpaperNotFound', 'That uploaded wallpaper does not exist (it may have been removed); pick another one.');
    }
    const version = await this.store.save(userId, layout, baseVersion);
    if (version === null) {
      const current = await this.get(userId);
      throw appError('CONFLICT', 'desktop.conflict', 'Your desktop was changed in another browser; load the newer layout and try again.', current);
    }
    this.bus.emit('user.event', { userId, event: LAYOUT_EVENT, payload: { version } });
    return { version };
  }
}
