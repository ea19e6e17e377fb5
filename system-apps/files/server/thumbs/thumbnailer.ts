// Thumbnails of images, made by sharp on libuv's threads (never on the event loop), a few at a time, cached on disk by source and size.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export const THUMB_SIZES = [128, 256, 512] as const;
export type ThumbSize = (typeof THUMB_SIZES)[number];

/** Extensions sharp reads with its prebuilt libvips. */
const IMAGE = new Set(['jpg', 'jpeg', 'png', 'webp', 'gif', 'avif', 'tif', 'tiff', 'svg']);
/** Larger sources are not thumbnailed (a decompression bomb stops at libvips' pixel limit too). */
const MAX_SOURCE_BYTES = 200 * 1024 * 1024;

export function canThumbnail(name: string, size: number): boolean {
  const i = name.lastIndexOf('.');
  return i > 0 && IMAGE.has(name.slice(i + 1).toLowerCase()) && size > 0 && size <= MAX_SOURCE_BYTES;
}

export class ThumbnailError extends Error {
  constructor(
    readonly reason: 'files.thumb.unsupported' | 'files.thumb.failed',
    message: string,
  ) {
    super(message);
    this.name = 'ThumbnailError';
  }
}

interface Waiting {
  run: () => Promise<void>;
}

export class Thumbnailer {
  private active = 0;
  private readonly queue: Waiting[] = [];
  private readonly making = new Map<string, Promise<string>>();

  constructor(
    private readonly opts: {
      cacheDir: string;
      /** Thumbnails made at once (each uses libuv threads). */
      concurrency?: number;
    },
  ) {}

  /** The cache file for a source at its current version. */
  cachePath(real: string, stat: { size: number; mtimeMs: number; ino: number }, size: ThumbSize): string {
    const key = createHash('sha256').update(`${real}\0${stat.ino}\0${stat.size}\0${Math.floor(stat.mtimeMs)}\0${size}`).digest('hex');
    return path.join(this.opts.cacheDir, key.slice(0, 2), `${key}.webp`);
  }

  /** The thumbnail's file, made now (queued behind others) unless it is cached. Concurrent asks share one making. */
  async get(real: string, stat: { size: number; mtimeMs: number; ino: number }, size: ThumbSize): Promise<string> {
    if (!canThumbnail(path.basename(real), stat.size)) throw new ThumbnailError('files.thumb.unsupported', 'No preview image can be made of this file.');
    const out = this.cachePath(real, stat, size);
    try {
      await fs.access(out);
      return out;
    } catch {
      /* not cached yet */
    }
    let p = this.making.get(out);
    if (!p) {
      p = this.schedule(() => this.make(real, out, size)).finally(() => this.making.delete(out));
      this.making.set(out, p);
    }
    return p;
  }

  /** Makes thumbnails ahead of being asked (a folder of photos was just listed); errors are ignored. */
  prefetch(items: { real: string; stat: { size: number; mtimeMs: number; ino: number } }[], size: ThumbSize): void {
    for (const i of items) if (canThumbnail(path.basename(i.real), i.stat.size)) void this.get(i.real, i.stat, size).catch(() => {});
  }

  private schedule<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = async () => {
        this.active++;
        try {
          resolve(await fn());
        } catch (err) {
          reject(err as Error);
        } finally {
          this.active--;
          this.queue.shift()?.run();
        }
      };
      if (this.active < (this.opts.concurrency ?? 2)) void run();
      else this.queue.push({ run });
    });
  }

  private async make(real: string, out: string, size: ThumbSize): Promise<string> {
    await fs.mkdir(path.dirname(out), { recursive: true });
    const temp = `${out}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await sharp(real, { failOn: 'error', limitInputPixels: 268_402_689, animated: false })
        .rotate()
        .resize(size, size, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 78, effort: 2 })
        .toFile(temp);
      await fs.rename(temp, out);
      return out;
    } catch (err) {
      await fs.rm(temp, { force: true });
      if (err instanceof ThumbnailError) throw err;
      throw new ThumbnailError('files.thumb.failed', 'This image could not be read.');
    }
  }
}
