// GET /api/files/zip: files and folders as one streamed zip, walked one entry at a time (the client's pace), links skipped, names kept inside the archive.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addDriveTree } from '../drives/drive-http';
import type { DriveLocation } from '../drives/drive-ops';
import { checkName, resolveSafe, type ResolvedPath } from '../paths';
import { requireCaller } from './auth';
import { contentDisposition, isCompressed } from './content';
import { HttpError, sendError } from './errors';
import type { FilesHttpDeps } from './index';
import { createZip, type ZipEntryData, type ZipStream } from './zip-archive';

const MAX_PATHS = 1000;

interface ZipQuery {
  p?: unknown;
  name?: unknown;
}

interface Item {
  resolved: Pick<ResolvedPath, 'root' | 'segments'>;
  /** Its host path, or null on a cloud drive. */
  real: string | null;
  drive: DriveLocation | null;
  /** Its name in the archive. */
  name: string;
}

/** A name as an archive entry's path segment: backslashes would be separators to some unzippers. */
export function entrySegment(name: string): string {
  const safe = name.replace(/\\/g, '_');
  return safe === '.' || safe === '..' ? safe.replace(/\./g, '_') : safe;
}

/** Entry names relative to the deepest folder that holds every item (`/Home/a/x`, `/Home/a/y/z` → `x`, `y/z`). */
export function relativeNames(paths: string[][]): string[] {
  const parents = paths.map((p) => p.slice(0, -1));
  let common = parents[0] ?? [];
  for (const p of parents) {
    let i = 0;
    while (i < common.length && i < p.length && common[i] === p[i]) i++;
    common = common.slice(0, i);
  }
  return paths.map((p) => p.slice(common.length).map(entrySegment).join('/'));
}

function zipName(requested: unknown, items: Item[]): string {
  let name: string;
  if (typeof requested === 'string' && requested !== '') name = checkName(requested);
  else if (items.length === 1) name = items[0]!.resolved.segments.at(-1) ?? items[0]!.resolved.root.name;
  else name = 'Files';
  return name.toLowerCase().endsWith('.zip') ? name : `${name}.zip`;
}

class Aborted extends Error {}

/** Appends one entry and waits until the archive took it in (back-pressure: the walk goes at the download's pace). */
function add(archive: ZipStream, source: NodeJS.ReadableStream | null, data: ZipEntryData, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      archive.off('entry', onEntry);
      archive.off('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    const onEntry = () => (cleanup(), resolve());
    const onError = (err: unknown) => (cleanup(), reject(err));
    const onAbort = () => (cleanup(), reject(new Aborted()));
    archive.on('entry', onEntry);
    archive.on('error', onError);
    signal.addEventListener('abort', onAbort);
    archive.append(source, data);
  });
}

interface Walk {
  archive: ZipStream;
  signal: AbortSignal;
  /** Real path of the item's root: folders that resolve elsewhere are skipped. */
  rootReal: string;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

function inside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function addFile(w: Walk, real: string, name: string): Promise<void> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (err) {
    w.log.warn({ code: (err as NodeJS.ErrnoException).code }, 'zip: a file could not be opened, left out');
    return;
  }
  const stat = await handle.stat();
  if (!stat.isFile()) return void (await handle.close());
  const stream = handle.createReadStream({ highWaterMark: 256 * 1024 });
  try {
    await add(w.archive, stream, { name, date: stat.mtime, mode: stat.mode & 0o777, store: isCompressed(name) }, w.signal);
  } finally {
    stream.destroy();
  }
}

/** Adds `real` as `name`: files, and folders recursively; links (nested ones), devices, FIFOs and sockets are left out. */
async function addTree(w: Walk, real: string, name: string, stat: fs.Stats): Promise<void> {
  if (w.signal.aborted) throw new Aborted();
  if (stat.isFile()) return addFile(w, real, name);
  if (!stat.isDirectory()) return;
  // A folder swapped for a link to elsewhere since it was listed: not followed.
  if (!inside(w.rootReal, await fs.promises.realpath(real))) return;
  await add(w.archive, null, { name: `${name}/`, type: 'directory', date: stat.mtime, mode: stat.mode & 0o777 }, w.signal);
  const dir = await fs.promises.opendir(real, { bufferSize: 256 });
  try {
    for await (const entry of dir) {
      if (w.signal.aborted) throw new Aborted();
      if (entry.isSymbolicLink()) continue;
      const child = path.join(real, entry.name);
      const childStat = await fs.promises.lstat(child).catch(() => null);
      if (!childStat || childStat.isSymbolicLink()) continue;
      await addTree(w, child, `${name}/${entrySegment(entry.name)}`, childStat);
    }
  } finally {
    await dir.close().catch(() => {});
  }
}

/** `url`: where (share links zip their folders through the same handler under their own path). */
export function registerZip(app: FastifyInstance, deps: Pick<FilesHttpDeps, 'authenticate' | 'host' | 'log'>, url = '/api/files/zip'): void {
  app.get(url, async (req: FastifyRequest<{ Querystring: ZipQuery }>, reply: FastifyReply) => {
    let items: Item[];
    let filename: string;
    try {
      const caller = await requireCaller(req, deps);
      const raw = req.query.p;
      const paths = [...new Set((Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((p): p is string => typeof p === 'string'))];
      if (paths.length === 0) throw new HttpError(400, 'files.path.invalid', 'Say what to zip: ?p=/Home/…');
      if (paths.length > MAX_PATHS) throw new HttpError(400, 'files.zip.tooMany', `A zip can be made of at most ${MAX_PATHS} selected items.`);
      const roots = await deps.host.rootsFor(caller);
      const located = await Promise.all(
        paths.map(async (p) => {
          const drive = (await deps.host.driveAt?.(caller, roots, p)) ?? null;
          if (drive) {
            if (!(await drive.drive.stat(drive.rel))) throw new HttpError(404, 'files.notFound', 'That file or folder does not exist (any more).');
            return { resolved: drive, real: null, drive };
          }
          const r = await resolveSafe(roots, p);
          await fs.promises.stat(r.real);
          return { resolved: r, real: r.real, drive: null };
        }),
      );
      const names = relativeNames(located.map(({ resolved: r }) => [r.root.name, ...r.segments]));
      items = located.map((l, i) => ({ ...l, name: names[i]! }));
      filename = zipName(req.query.name, items);
    } catch (err) {
      return sendError(reply, err);
    }

    const archive = createZip();
    const abort = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    const walk = async () => {
      for (const { resolved, real, drive, name } of items) {
        if (drive) {
          await addDriveTree(drive, name, { signal: abort.signal, append: (source, data) => add(archive, source, data, abort.signal), segment: entrySegment });
          continue;
        }
        const rootReal = await fs.promises.realpath(resolved.root.dir);
        // The selected item itself may be a link inside its root (resolveSafe checked it): its target is zipped.
        await addTree({ archive, signal: abort.signal, rootReal, log: req.log }, real!, name, await fs.promises.stat(real!));
      }
      await archive.finalize();
    };
    walk().catch((err: unknown) => {
      if (!(err instanceof Aborted) && !abort.signal.aborted) req.log.error({ err }, 'zip failed part-way');
      archive.abort();
      archive.destroy(err instanceof Error ? err : undefined);
    });
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', contentDisposition('attachment', filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(archive);
  });
}
