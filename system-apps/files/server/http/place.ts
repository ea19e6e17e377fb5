// Puts a finished upload under its final name atomically: a reader sees the old file or the whole new one, never a part.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { HttpError } from './errors';

export interface Placement {
  /** The complete upload (tus's staging file). */
  staging: string;
  /** The real host folder it goes into (checked inside a root). */
  dir: string;
  name: string;
  conflict: 'keepBoth' | 'replace';
  lastModified: number | null;
}

const MAX_TRIES = 10_000;
// Refusals here are 422, not 409: to a tus client 409 means “wrong offset, look again and retry”.

/** `report.pdf` → `report (2).pdf`; `.bashrc` → `.bashrc (2)`. */
export function numbered(name: string, n: number): string {
  const ext = path.extname(name);
  const stem = ext && ext !== name ? name.slice(0, -ext.length) : name;
  return `${stem} (${n})${stem === name ? '' : ext}`;
}

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;
/** Errors of file systems without hard links. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/** A hidden file in `dir` with the staging file's bytes, so that the last step is a rename within one file system. */
async function copyBeside(staging: string, dir: string): Promise<string> {
  const temp = path.join(dir, `.upload-${randomBytes(8).toString('hex')}.part`);
  try {
    await fs.copyFile(staging, temp, fs.constants.COPYFILE_EXCL);
    return temp;
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

async function renameOver(source: string, final: string): Promise<void> {
  try {
    await fs.rename(source, final);
  } catch (err) {
    if (code(err) === 'EISDIR' || code(err) === 'ENOTEMPTY' || code(err) === 'EEXIST') {
      throw new HttpError(422, 'files.exists', 'A folder of that name is in the way; the upload was not put there.');
    }
    throw err;
  }
}

/** Moves `source` to the first free name of `name`, `name (1)`, …: link() never overwrites, so two uploads never take one name. */
async function linkFree(source: string, dir: string, name: string): Promise<string> {
  for (let n = 0; n < MAX_TRIES; n++) {
    const candidate = n === 0 ? name : numbered(name, n);
    const final = path.join(dir, candidate);
    try {
      await fs.link(source, final);
      await fs.unlink(source);
      return candidate;
    } catch (err) {
      if (code(err) === 'EEXIST') continue;
      if (!NO_LINKS.has(code(err) ?? '')) throw err;
      // No hard links on this file system: take the name if it is free (a race can still lose to another upload here).
      const taken = await fs.lstat(final).then(
        () => true,
        (e: unknown) => (code(e) === 'ENOENT' ? false : Promise.reject(e)),
      );
      if (taken) continue;
      await fs.rename(source, final);
      return candidate;
    }
  }
  throw new HttpError(422, 'files.exists', 'There are too many files of that name already.');
}

/** Returns the name the file got; the staging file is gone then. On failure it stays (complete, until it expires). */
export async function placeUpload(p: Placement): Promise<string> {
  let source = p.staging;
  let temp: string | null = null;
  try {
    if (p.lastModified !== null) await fs.utimes(source, new Date(), new Date(p.lastModified));
    const [a, b] = await Promise.all([fs.stat(source), fs.stat(p.dir)]);
    if (a.dev !== b.dev) {
      temp = await copyBeside(source, p.dir);
      if (p.lastModified !== null) await fs.utimes(temp, new Date(), new Date(p.lastModified));
      source = temp;
    }
    let name = p.name;
    if (p.conflict === 'replace') await renameOver(source, path.join(p.dir, p.name));
    else name = await linkFree(source, p.dir, p.name);
    await fs.rm(p.staging, { force: true });
    return name;
  } finally {
    if (temp) await fs.rm(temp, { force: true });
  }
}
