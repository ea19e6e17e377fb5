// Walks a folder tree without following links, in chunks that keep the event loop free: sizes, counts and the list of what is inside.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import { appError } from '../../../bff/trpc/app-error';
import type { FolderSize } from './files.types';

/** Synchronous work between two yields to the event loop (STACK.md "Large folders": ≤ ~14 ms blocked). */
export const CHUNK = 1000;

/** Names read between two yields while reading a folder (a few ms of synchronous reads). */
const YIELD_EVERY = 4096;

export const cancelled = () => appError('CLIENT_CLOSED_REQUEST', 'files.cancelled', 'The operation was cancelled.');

/** The names in a folder, read with opendir in blocks and yielding between them. */
export async function readNames(dir: string, each: (d: fs.Dirent) => void, signal?: AbortSignal): Promise<void> {
  const handle = await fsp.opendir(dir, { bufferSize: 1024 });
  try {
    let n = 0;
    let d: fs.Dirent | null;
    while ((d = handle.readSync()) !== null) {
      each(d);
      if (++n % YIELD_EVERY === 0) {
        await tick();
        if (signal?.aborted) throw cancelled();
      }
    }
  } finally {
    handle.closeSync();
  }
}

/** Bytes, files and folders at and below `host` (links counted as files of their own size, never followed). */
export async function measure(host: string, signal?: AbortSignal): Promise<FolderSize> {
  const top = await fsp.lstat(host);
  if (!top.isDirectory()) return { bytes: top.size, files: 1, folders: 0 };
  const total: FolderSize = { bytes: 0, files: 0, folders: 0 };
  const dirs = [host];
  let sinceYield = 0;
  while (dirs.length) {
    if (signal?.aborted) throw cancelled();
    const dir = dirs.pop()!;
    const names: string[] = [];
    try {
      await readNames(
        dir,
        (d) => {
          if (d.isDirectory()) {
            total.folders++;
            dirs.push(path.join(dir, d.name));
          } else names.push(d.name);
        },
        signal,
      );
    } catch (err) {
      // A folder that vanished or may not be read while we walk is left out, not fatal.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR') continue;
      throw err;
    }
    for (const name of names) {
      const st = fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false });
      if (st) {
        total.files++;
        total.bytes += st.size;
      }
      if (++sinceYield >= CHUNK) {
        sinceYield = 0;
        await tick();
        if (signal?.aborted) throw cancelled();
      }
    }
  }
  return total;
}
