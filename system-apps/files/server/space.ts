// Used bytes of each Home (measured in the background, cached), quotas, and the check that refuses what would not fit.
import fsp from 'node:fs/promises';
import { appError } from '../../../bff/trpc/app-error';
import type { Caller } from './files.api';
import type { FilesStore } from './files.store';
import type { Roots } from './roots';
import { measure } from './walk';

/** How long a measured Home size is trusted before it is measured again (in the background). */
const FRESH_MS = 30_000;
/** Space always left free on a disk: 1 % of it or 256 MiB, whichever is more. */
const RESERVE_MIN = 256 * 1024 * 1024;

interface Measured {
  bytes: number;
  at: number;
  stale: boolean;
  running?: Promise<number>;
}

export class Space {
  private readonly used = new Map<string, Measured>();

  constructor(
    private readonly store: FilesStore,
    private readonly roots: Roots,
  ) {}

  /** Bytes in the caller's Home: the last measurement, refreshed in the background when old; the first one is awaited. */
  async usedBytes(caller: Caller): Promise<number> {
    const m = this.used.get(caller.id);
    if (m && m.at === 0 && m.running) return m.running;
    if (m && (m.stale || Date.now() - m.at > FRESH_MS)) void this.measure(caller).catch(() => undefined);
    if (m) return m.bytes;
    return this.measure(caller);
  }

  /** After changes: the next read measures again (still answering from the old number meanwhile). */
  touched(userId: string): void {
    const m = this.used.get(userId);
    if (m) m.stale = true;
  }

  /** Adds to the cached number at once (copies, uploads), so that back-to-back checks see it. */
  grew(userId: string, bytes: number): void {
    const m = this.used.get(userId);
    if (m) {
      m.bytes += bytes;
      m.stale = true;
    }
  }

  async usage(caller: Caller): Promise<{ usedBytes: number; quotaBytes: number | null; freeBytes: number }> {
    const home = await this.roots.ensureHome(caller.name);
    const [usedBytes, quotaBytes, fsStat] = await Promise.all([this.usedBytes(caller), this.store.quota(caller.id), fsp.statfs(home)]);
    return { usedBytes, quotaBytes, freeBytes: fsStat.bavail * fsStat.bsize };
  }

  /** Refuses `bytes` more for the caller: over the quota (Home only), or leaving the disk under its reserve. */
  async check(caller: Caller, bytes: number, dir?: string, home = true): Promise<void> {
    const at = dir ?? (await this.roots.ensureHome(caller.name));
    if (home) {
      const quota = await this.store.quota(caller.id);
      if (quota !== null && (await this.usedBytes(caller)) + bytes > quota) {
        throw appError('PAYLOAD_TOO_LARGE', 'files.quota.exceeded', 'That would go over your storage quota; free some space or ask an admin for more.');
      }
    }
    const fsStat = await fsp.statfs(at);
    const reserve = Math.max(RESERVE_MIN, fsStat.blocks * fsStat.bsize * 0.01);
    if (fsStat.bavail * fsStat.bsize - bytes < reserve) throw appError('PAYLOAD_TOO_LARGE', 'files.disk.full', 'There is not enough free space on the disk for that.');
  }

  private measure(caller: Caller): Promise<number> {
    const m = this.used.get(caller.id);
    if (m?.running) return m.running;
    const running = (async () => {
      const home = await this.roots.ensureHome(caller.name);
      const { bytes } = await measure(home);
      this.used.set(caller.id, { bytes, at: Date.now(), stale: false });
      return bytes;
    })();
    if (m) m.running = running;
    else this.used.set(caller.id, { bytes: 0, at: 0, stale: true, running });
    running.catch(() => this.used.delete(caller.id));
    return running;
  }
}
