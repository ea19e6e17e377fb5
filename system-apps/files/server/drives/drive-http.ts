// Files' HTTP routes on a cloud drive: a file streamed from the bucket (ranges passed through), folders into zips, finished uploads sent to the bucket.
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition, contentTypeFor, isCompressed } from '../http/content';
import { HttpError } from '../http/errors';
import { numbered } from '../http/place';
import { notModified, pickRange } from '../http/range';
import type { UploadPlan } from '../http/upload-meta';
import type { ZipEntryData } from '../http/zip-archive';
import { joinVirtual, parentOf } from '../paths';
import { DriveOps, type DriveLocation } from './drive-ops';
import { safeSegments } from './drive-copy';
import { parentRel } from './s3-drive';

const MAX_TRIES = 10_000;

/** GET/HEAD of a drive file, with the headers /api/files/raw gives local files (`csp`: the policy it sets). */
export async function serveDriveFile(req: FastifyRequest, reply: FastifyReply, at: DriveLocation, opts: { download: boolean; csp: string }): Promise<FastifyReply> {
  const st = await at.drive.stat(at.rel);
  if (!st) throw new HttpError(404, 'files.notFound', 'That file or folder does not exist (any more).');
  if (st.kind === 'dir') throw new HttpError(400, 'files.isFolder', 'That is a folder; download it as a zip instead.');
  const name = at.segments.at(-1) ?? at.root.name;
  const v = { etag: `"${st.etag ?? `${st.size.toString(16)}-${Math.floor(st.mtime).toString(16)}`}"`, mtimeMs: st.mtime };
  reply.raw.removeHeader('content-security-policy');
  reply.headers({
    'content-type': contentTypeFor(name),
    'accept-ranges': 'bytes',
    etag: v.etag,
    'last-modified': new Date(st.mtime).toUTCString(),
    'cache-control': 'private, no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': opts.csp,
    'content-disposition': contentDisposition(opts.download ? 'attachment' : 'inline', name),
  });
  if (notModified(req.headers, v)) return reply.code(304).send();
  const range = pickRange(req.headers, st.size, v);
  if (range.kind === 'unsatisfiable') {
    reply.header('content-range', `bytes */${st.size}`);
    throw new HttpError(416, 'files.range.unsatisfiable', 'That byte range is outside the file.');
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, st.size - 1];
  const length = Math.max(0, end - start + 1);
  reply.header('content-length', length);
  if (range.kind === 'partial') reply.code(206).header('content-range', `bytes ${start}-${end}/${st.size}`);
  if (req.method === 'HEAD' || length === 0) return reply.send();
  // The bucket's request ends when the client goes away.
  const abort = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) abort.abort();
  });
  const { body } = await at.drive.read(at.rel, range.kind === 'partial' ? { start, end } : undefined, abort.signal);
  return reply.send(body);
}

/**
 * Adds a drive file or folder to a zip as `name`: each object is streamed from the bucket into the archive in turn.
 * `append` waits until the archive took the entry in; `segment` makes a name safe as an archive path segment.
 */
export async function addDriveTree(
  at: DriveLocation,
  name: string,
  w: { signal: AbortSignal; append(source: NodeJS.ReadableStream | null, data: ZipEntryData): Promise<void>; segment(name: string): string },
): Promise<void> {
  const st = await at.drive.stat(at.rel);
  if (!st) return;
  const addFile = async (rel: string, entry: string, mtime: number) => {
    const { body } = await at.drive.read(rel, undefined, w.signal);
    try {
      await w.append(body, { name: entry, date: new Date(mtime || Date.now()), mode: 0o644, store: isCompressed(entry) });
    } finally {
      body.destroy();
    }
  };
  if (st.kind === 'file') return addFile(at.rel, name, st.mtime);
  await w.append(null, { name: `${name}/`, type: 'directory', date: new Date(), mode: 0o755 });
  for (const t of await at.drive.tree(at.rel, w.signal)) {
    const segments = safeSegments(t.path);
    if (!segments) continue;
    const entry = `${name}/${segments.map(w.segment).join('/')}`;
    if (t.kind === 'dir') await w.append(null, { name: `${entry}/`, type: 'directory', date: new Date(), mode: 0o755 });
    else await addFile(DriveOps.child(at, t.path).rel, entry, t.mtime);
  }
}

/** An upload's target on a drive, checked at creation: an existing folder, and no file where a folder of the upload's path goes. */
export async function checkDriveTarget(at: DriveLocation, plan: UploadPlan): Promise<void> {
  const st = await at.drive.stat(at.rel);
  if (!st) throw new HttpError(404, 'files.notFound', 'The folder the upload goes into does not exist (any more).');
  if (st.kind !== 'dir') throw new HttpError(400, 'files.notFolder', 'An upload goes into a folder, not a file.');
  let folder = at;
  for (const name of plan.folders) {
    folder = DriveOps.child(folder, name);
    const there = await folder.drive.stat(folder.rel);
    if (!there) break;
    if (there.kind !== 'dir') throw new HttpError(422, 'files.notFolder', `“${name}” is a file, so the upload cannot go into it.`);
  }
}

/**
 * Sends a complete upload (the staging file) to the bucket: folders made, then the object written whole under its name
 * (keepBoth: the first free one by stat; replace: written over). The staging file is removed once the bucket has it.
 * Returns the file's virtual path and the folders that changed.
 */
export async function finishDriveUpload(at: DriveLocation, staging: string, plan: UploadPlan): Promise<{ placed: string; changed: string[] }> {
  await checkDriveTarget(at, plan);
  const changed = new Set([at.virtual]);
  let folder = at;
  for (const name of plan.folders) {
    folder = DriveOps.child(folder, name);
    if (!(await folder.drive.stat(folder.rel))) {
      await folder.drive.mkdir(folder.rel);
      changed.add(parentOf(folder.virtual));
    }
  }
  let name = plan.name;
  const there = await folder.drive.stat(DriveOps.child(folder, name).rel);
  if (there && plan.conflict === 'replace' && there.kind === 'dir') throw new HttpError(422, 'files.exists', 'A folder of that name is in the way; the upload was not put there.');
  if (there && plan.conflict !== 'replace') {
    for (let n = 1; ; n++) {
      if (n >= MAX_TRIES) throw new HttpError(422, 'files.exists', 'There are too many files of that name already.');
      name = numbered(plan.name, n);
      if (!(await folder.drive.stat(DriveOps.child(folder, name).rel))) break;
    }
  }
  const file = DriveOps.child(folder, name);
  await file.drive.write(file.rel, fs.createReadStream(staging, { highWaterMark: 1024 * 1024 }));
  file.drive.forget(parentRel(file.rel));
  await fs.promises.rm(staging, { force: true });
  changed.add(folder.virtual);
  return { placed: joinVirtual(folder.virtual, name), changed: [...changed] };
}
