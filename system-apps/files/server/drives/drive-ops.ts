// Files' operations on a cloud-drive root (an S3 bucket): listings, stat, sizes, folders, renames, the text editor's reads and writes, deletes.
import type { Readable } from 'node:stream';
import { appError } from '../../../../bff/trpc/app-error';
import { decodeText, serialised, TEXT_LIMIT } from '../changes';
import { exists, notFound } from '../errors';
import type { Caller } from '../files.api';
import type { FileEntry, FolderSize, Listing, ListInput } from '../files.types';
import { notFolder } from '../listing';
import { FOLDER_MIME, mimeOf } from '../mime';
import { checkName, driveDir, joinVirtual, parentOf, PathError, resolveVirtual, type Root } from '../paths';
import { comparator, type Item } from '../sorting';
import { cancelled } from '../walk';
import { parentRel, type DriveItem, type S3Drive } from './s3-drive';
import { createHash } from 'node:crypto';

/** A virtual path on a cloud drive: the drive's client and the path below the drive (`rel`, '' for the drive itself). */
export interface DriveLocation {
  root: Root;
  driveId: string;
  drive: S3Drive;
  rel: string;
  segments: string[];
  virtual: string;
}

/** The caller's client for one of their drives (DrivesService.drive). */
export type DriveOpener = (caller: Caller, driveId: string) => Promise<S3Drive>;

/** A drive as a root of the caller's: its `dir` is never a host path. */
export function driveRoot(d: { id: string; name: string; driveId: string }): Root {
  return { id: d.id, name: d.name, kind: 'drive', dir: driveDir(d.driveId), readOnly: false, driveId: d.driveId };
}

const isFolder = () => appError('BAD_REQUEST', 'files.isFolder', 'That is a folder, not a file.');
const tooLarge = () => appError('PAYLOAD_TOO_LARGE', 'files.text.tooLarge', 'The text editor opens files of at most 5 MiB.');

/** A file's version on a drive: its ETag, or its date and size where the server gives none. */
export const driveVersion = (st: DriveItem) => st.etag ?? `${st.mtime}-${st.size}`;

export function driveEntry(name: string, virtual: string, it: Pick<DriveItem, 'kind' | 'size' | 'mtime'>): FileEntry {
  return {
    name,
    path: virtual,
    kind: it.kind,
    size: it.kind === 'dir' ? 0 : it.size,
    mtime: it.mtime,
    mime: it.kind === 'dir' ? FOLDER_MIME : mimeOf(name),
    hidden: name.startsWith('.'),
  };
}

export async function readAll(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of body) {
    const b = Buffer.from(c as Buffer);
    n += b.length;
    if (n > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export class DriveOps {
  constructor(private readonly open: DriveOpener) {}

  /** The drive location of `p`, or null when its root is not a drive. Refuses writes to read-only roots like resolveSafe. */
  async locate(caller: Caller, roots: readonly Root[], p: string, opts: { write?: boolean } = {}): Promise<DriveLocation | null> {
    const r = resolveVirtual(roots, p);
    if (r.root.kind !== 'drive' || !r.root.driveId) return null;
    if (opts.write && r.root.readOnly) throw new PathError('files.path.readOnly', `“${r.root.name}” is read-only.`);
    const drive = await this.open(caller, r.root.driveId);
    return { root: r.root, driveId: r.root.driveId, drive, rel: r.segments.join('/'), segments: r.segments, virtual: r.virtual };
  }

  /** A location below `at` (a name or a relative path of names). */
  static child(at: DriveLocation, name: string): DriveLocation {
    const segments = [...at.segments, ...name.split('/')];
    return { ...at, segments, rel: segments.join('/'), virtual: joinVirtual(at.virtual, name) };
  }

  async statItem(at: DriveLocation): Promise<DriveItem> {
    const st = await at.drive.stat(at.rel);
    if (!st) throw notFound();
    return st;
  }

  async folder(at: DriveLocation): Promise<void> {
    if ((await this.statItem(at)).kind !== 'dir') throw notFolder();
  }

  async list(at: DriveLocation, input: ListInput): Promise<Listing> {
    if (at.rel) await this.folder(at);
    const all = await at.drive.children(at.rel);
    const items = input.showHidden ? all : all.filter((i) => !i.name.startsWith('.'));
    const sorted = [...items].sort(comparator(input.sort, input.desc) as (a: Item, b: Item) => number);
    const page = sorted.slice(input.offset, input.offset + input.limit);
    // What the folder holds, as one hash: any change to a name, size or date changes it.
    const hash = createHash('sha256');
    for (const i of [...all].sort((a, b) => (a.name < b.name ? -1 : 1))) hash.update(`${i.kind}:${i.name}:${i.size}:${i.mtime}\n`);
    return {
      path: at.virtual,
      total: items.length,
      offset: input.offset,
      entries: page.map((i) => driveEntry(i.name, joinVirtual(at.virtual, i.name), i)),
      version: hash.digest('hex').slice(0, 24),
    };
  }

  async stat(at: DriveLocation): Promise<FileEntry> {
    return driveEntry(at.segments.at(-1) ?? at.root.name, at.virtual, await this.statItem(at));
  }

  async folderSize(at: DriveLocation, signal?: AbortSignal): Promise<FolderSize> {
    const st = await this.statItem(at);
    if (st.kind !== 'dir') return { bytes: st.size, files: 1, folders: 0 };
    const total: FolderSize = { bytes: 0, files: 0, folders: 0 };
    for (const t of await at.drive.tree(at.rel, signal)) {
      if (t.kind === 'dir') total.folders++;
      else {
        total.files++;
        total.bytes += t.size;
      }
    }
    if (signal?.aborted) throw cancelled();
    return total;
  }

  async mkdir(parent: DriveLocation, name: string): Promise<FileEntry> {
    checkName(name);
    await this.folder(parent);
    const at = DriveOps.child(parent, name);
    if (await at.drive.stat(at.rel)) throw exists(name);
    await at.drive.mkdir(at.rel);
    return driveEntry(name, at.virtual, { kind: 'dir', size: 0, mtime: 0 });
  }

  async rename(at: DriveLocation, name: string): Promise<{ entry: FileEntry; from: string }> {
    checkName(name);
    if (at.segments.length === 0) throw appError('BAD_REQUEST', 'files.root.rename', 'A root cannot be renamed here.');
    const st = await this.statItem(at);
    const to = DriveOps.child({ ...at, segments: at.segments.slice(0, -1), virtual: parentOf(at.virtual) }, name);
    if (to.rel !== at.rel) {
      if (await at.drive.stat(to.rel)) throw exists(name);
      await at.drive.rename(at.rel, to.rel);
    }
    return { entry: driveEntry(name, to.virtual, st), from: at.virtual };
  }

  async readText(at: DriveLocation): Promise<{ text: string; version: string; entry: FileEntry }> {
    const st = await this.statItem(at);
    if (st.kind === 'dir') throw isFolder();
    if (st.size > TEXT_LIMIT) throw tooLarge();
    const res = await at.drive.read(at.rel);
    const text = decodeText(await readAll(res.body, TEXT_LIMIT));
    if (text === null) throw appError('UNSUPPORTED_MEDIA_TYPE', 'files.text.binary', 'This file is not text; open it with another app.');
    const read: DriveItem = { ...st, size: res.size, mtime: res.mtime, ...(res.etag ? { etag: res.etag } : {}) };
    return { text, version: driveVersion(read), entry: driveEntry(st.name, at.virtual, read) };
  }

  /**
   * Saves a text file. S3 has no compare-and-swap on writes: the version is checked, then the object is written whole,
   * one save at a time per file from this server; a write from elsewhere between the two steps is not detected.
   */
  async writeText(at: DriveLocation, text: string, expectedVersion: string | null): Promise<{ version: string; entry: FileEntry }> {
    if (at.segments.length === 0) throw isFolder();
    const name = checkName(at.segments.at(-1)!);
    const body = Buffer.from(text, 'utf8');
    if (body.length > TEXT_LIMIT) throw tooLarge();
    return serialised(`drive:${at.driveId}:${at.rel}`, async () => {
      const st = await at.drive.stat(at.rel);
      if (st?.kind === 'dir') throw isFolder();
      const current = st ? driveVersion(st) : null;
      if (current !== expectedVersion) {
        throw appError('CONFLICT', 'files.write.conflict', current ? 'The file changed since you opened it.' : 'The file was deleted since you opened it.', { version: current });
      }
      const parent = await at.drive.stat(parentRel(at.rel));
      if (!parent || parent.kind !== 'dir') throw notFound();
      await at.drive.write(at.rel, body);
      const after = await this.statItem(at);
      return { version: driveVersion(after), entry: driveEntry(name, at.virtual, after) };
    });
  }

  /** Deletes for good (a drive has no trash). Missing entries are no error. */
  async remove(at: DriveLocation, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw cancelled();
    if (at.segments.length === 0) throw appError('BAD_REQUEST', 'files.trash.root', `“${at.root.name}” itself cannot be deleted.`);
    await at.drive.remove(at.rel);
  }
}
