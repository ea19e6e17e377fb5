// /api/files/uploads: resumable uploads (tus) staged under <data>/files-uploads, owned by their creator, placed atomically when complete.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import { ERRORS, EVENTS, Server, Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../files.api';
import { requireCaller } from './auth';
import { HttpError, sendError, toErrorBody, type ErrorBody } from './errors';
import type { FilesHttpDeps } from './index';
import { checkUploadTarget, finishUpload } from './upload-finish';
import { parseUploadMetadata } from './upload-meta';
import { sweepOrphans } from './upload-sweep';

export interface UploadOptions {
  /** Partial uploads older than this are removed (default 24 h). */
  expiryMs?: number;
  /** How often expired uploads are looked for (default 1 h). */
  cleanupIntervalMs?: number;
  /** The largest upload accepted (default 1 TiB). */
  maxSize?: number;
}

/** tus's FileStore, which still answers for an upload just placed (tus reads it once more for the last answer) and writes in bigger batches. */
class StagingStore extends FileStore {
  readonly placed = new Map<string, { upload: Upload; at: number }>();
  override async getUpload(id: string): Promise<Upload> {
    return this.placed.get(id)?.upload ?? super.getUpload(id);
  }

  /** As FileStore's, with 1 MiB of write buffer (batched writes) and no counting stage: less CPU per byte. */
  override async write(readable: NodeJS.ReadableStream, id: string, offset: number): Promise<number> {
    const out = createWriteStream(path.join(this.directory, id), { flags: 'r+', start: offset, highWaterMark: 1024 * 1024 });
    try {
      await pipeline(readable, out);
    } catch {
      throw ERRORS.FILE_WRITE_ERROR;
    }
    return offset + out.bytesWritten;
  }
}

export const UPLOADS_PATH = '/api/files/uploads';
const DAY = 24 * 60 * 60 * 1000;
const TIB = 1024 ** 4;
const ID = /^([0-9a-f]{16})\.[0-9a-f]{32}$/;

/** The part of an upload id that names its owner (a hash: ids go into file names and URLs). */
const ownerKey = (userId: string) => createHash('sha256').update(`files-upload:${userId}`).digest('hex').slice(0, 16);
const ownedBy = (id: string, caller: Caller) => ID.exec(id)?.[1] === ownerKey(caller.id);

const TUS_REASONS: Record<number, string> = {
  404: 'files.upload.gone',
  409: 'files.upload.failed',
  410: 'files.upload.gone',
  413: 'files.upload.tooLarge',
};

/** tus's own refusals (plain text) as our JSON, with a reason the UI knows; ours pass as they are. */
function asJson(err: { status_code: number; body: string }): { status_code: number; body: string } {
  if (err.body.startsWith('{')) return err;
  const reason = TUS_REASONS[err.status_code] ?? 'files.upload.failed';
  const body: ErrorBody = { statusCode: err.status_code, error: STATUS_CODES[err.status_code] ?? 'Error', reason, message: err.body.trim() };
  return { status_code: err.status_code, body: JSON.stringify(body) };
}

/** An error tus sends as it is: status and a JSON body `{ statusCode, error, reason, message }`. */
function tusError(err: unknown, log: FilesHttpDeps['log']): { status_code: number; body: string } {
  const { internal, ...body } = toErrorBody(err);
  if (internal) log.error({ err }, 'upload failed');
  return { status_code: body.statusCode, body: JSON.stringify(body) };
}

export async function registerUploads(app: FastifyInstance, deps: FilesHttpDeps): Promise<() => Promise<void>> {
  const { host, log } = deps;
  const directory = path.join(deps.dataDir, 'files-uploads');
  await fs.mkdir(directory, { recursive: true, mode: 0o700 });
  const expiryMs = deps.uploads?.expiryMs ?? DAY;
  const maxSize = deps.uploads?.maxSize ?? TIB;
  const store = new StagingStore({ directory, expirationPeriodInMilliseconds: expiryMs });

  // The caller of each request in flight, found again from tus's hooks through the Node request.
  const callers = new WeakMap<IncomingMessage, Caller>();
  const callerOf = (req: unknown): Caller => {
    const raw = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
    const caller = raw && callers.get(raw);
    if (!caller) throw new HttpError(401, 'files.upload.signedOut', 'Sign in to continue; your session has ended or expired.');
    return caller;
  };
  // Bytes promised to uploads in progress, per user: checked with the quota so parallel uploads cannot overfill it.
  const reserved = new Map<string, { userId: string; bytes: number; since: number }>();
  const reservedFor = (userId: string) => [...reserved.values()].reduce((sum, r) => sum + (r.userId === userId ? r.bytes : 0), 0);

  const server = new Server({
    path: UPLOADS_PATH,
    datastore: store,
    relativeLocation: true,
    maxSize,
    // Same origin as the desktop: no CORS header at all.
    allowedOrigins: () => false,
    namingFunction: (req) => `${ownerKey(callerOf(req).id)}.${randomBytes(16).toString('hex')}`,
    onIncomingRequest: async (req, id) => {
      if (!ownedBy(id, callerOf(req))) throw { status_code: 404, body: JSON.stringify(toErrorBody(new HttpError(404, 'files.upload.gone', 'There is no such upload.'))) };
    },
    onResponseError: (_req, err) => ('status_code' in err ? asJson(err) : tusError(err, log)),
    onUploadCreate: async (req, upload) => {
      try {
        const caller = callerOf(req);
        if (upload.size === undefined) throw new HttpError(400, 'files.upload.invalid', 'An upload says its size first (Upload-Length).');
        if (upload.size > maxSize) throw new HttpError(413, 'files.upload.tooLarge', `An upload can be at most ${maxSize} bytes.`);
        const plan = parseUploadMetadata(upload.metadata);
        // An upload to a cloud drive is staged here, then sent to the bucket: the quota is not asked, the disk still is.
        const local = (await checkUploadTarget(host, caller, plan)) === 'local';
        if (local) await host.checkSpace(caller, upload.size + reservedFor(caller.id));
        const disk = await fs.statfs(directory);
        if (upload.size > disk.bavail * disk.bsize) throw new HttpError(507, 'files.disk.full', 'There is not enough free space on the server for this upload.');
        if (local) reserved.set(upload.id, { userId: caller.id, bytes: upload.size, since: Date.now() });
        return { metadata: upload.metadata };
      } catch (err) {
        throw tusError(err, log);
      }
    },
    onUploadFinish: async (req, upload) => {
      try {
        const placed = await finish(callerOf(req), upload);
        return { headers: { 'X-Files-Path': encodeURIComponent(placed) } };
      } catch (err) {
        throw tusError(err, log);
      }
    },
  });

  async function finish(caller: Caller, upload: Upload): Promise<string> {
    try {
      const placed = await finishUpload(host, caller, path.join(directory, upload.id), parseUploadMetadata(upload.metadata));
      store.placed.set(upload.id, { upload: new Upload({ ...upload, offset: upload.size ?? 0 }), at: Date.now() });
      return placed;
    } finally {
      reserved.delete(upload.id);
    }
  }

  // The sidecar goes once the answer is written: tus still reads it for the answer to the last request.
  const removeSidecar = (id: string) => fs.rm(path.join(directory, `${id}.json`), { force: true }).catch((err: unknown) => log.warn({ err }, 'removing an upload sidecar failed'));
  server.on(EVENTS.POST_FINISH, (_req: unknown, _res: unknown, upload: Upload) => {
    store.placed.delete(upload.id);
    void removeSidecar(upload.id);
  });
  server.on(EVENTS.POST_TERMINATE, (_req: unknown, _res: unknown, id: string) => void reserved.delete(id));

  /**
   * A HEAD for an upload that has all its bytes but was never placed (the server stopped in between): place it now,
   * so the client that resumes, sees every byte there and calls it done, is right.
   */
  async function recoverComplete(caller: Caller, id: string, reply: FastifyReply): Promise<boolean> {
    const upload = await store.getUpload(id).catch(() => null);
    if (!upload || upload.size === undefined || upload.offset !== upload.size) return false;
    const placed = await finish(caller, upload);
    await removeSidecar(id);
    reply.raw.writeHead(200, {
      'Tus-Resumable': '1.0.0',
      'Upload-Offset': String(upload.size),
      'Upload-Length': String(upload.size),
      'Cache-Control': 'no-store',
      'X-Files-Path': encodeURIComponent(placed),
    });
    reply.raw.end();
    return true;
  }

  /**
   * PATCH written here rather than by tus's handler, which turns the Node request into a web stream and back
   * (four stream stages per chunk): the body goes straight from the socket to the staging file. Same protocol:
   * the offset must match, one request per upload at a time, the last byte places the file.
   */
  const writing = new Set<string>();
  async function patch(caller: Caller, id: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const headers = { 'Tus-Resumable': '1.0.0', 'Cache-Control': 'no-store' };
    if (req.headers['tus-resumable'] !== '1.0.0') throw new HttpError(412, 'files.upload.invalid', 'This server speaks tus 1.0.0.');
    if (req.headers['content-type'] !== 'application/offset+octet-stream') throw new HttpError(415, 'files.upload.invalid', 'Upload bytes are sent as application/offset+octet-stream.');
    const claimed = Number(req.headers['upload-offset']);
    if (!Number.isSafeInteger(claimed) || claimed < 0) throw new HttpError(400, 'files.upload.invalid', 'Upload-Offset must be a whole number of bytes.');
    if (writing.has(id)) throw new HttpError(423, 'files.upload.failed', 'This upload is being written by another request; try again.');
    writing.add(id);
    try {
      const upload = await store.getUpload(id).catch(() => {
        throw new HttpError(404, 'files.upload.gone', 'There is no such upload.');
      });
      if (store.placed.has(id) || upload.size === undefined) throw new HttpError(409, 'files.upload.failed', 'This upload is already complete.');
      if (upload.offset !== claimed) throw new HttpError(409, 'files.upload.failed', `The upload is at byte ${upload.offset}, not ${claimed}.`);
      const room = upload.size - upload.offset;
      const announced = Number(req.headers['content-length']);
      if (Number.isFinite(announced) && announced > room) throw new HttpError(413, 'files.upload.tooLarge', 'More bytes than the upload said it had.');
      const file = path.join(directory, id);
      let written = 0;
      let tooMany = false;
      const counted = async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          written += chunk.length;
          if (written > room) {
            tooMany = true;
            throw new HttpError(413, 'files.upload.tooLarge', 'More bytes than the upload said it had.');
          }
          yield chunk;
        }
      };
      try {
        await pipeline(req.raw, counted, createWriteStream(file, { flags: 'r+', start: upload.offset, highWaterMark: 1024 * 1024 }));
      } catch (err) {
        if (tooMany) throw err;
        // The client went away mid-body: what arrived stays, and a HEAD tells it where to go on.
        log.info({ id }, 'upload request ended early');
        if (!reply.raw.destroyed) reply.raw.destroy();
        return;
      }
      const offset = upload.offset + written;
      if (offset < upload.size) {
        reply.raw.writeHead(204, { ...headers, 'Upload-Offset': String(offset) });
        reply.raw.end();
        return;
      }
      const placed = await finish(caller, new Upload({ ...upload, offset }));
      reply.raw.writeHead(204, { ...headers, 'Upload-Offset': String(offset), 'X-Files-Path': encodeURIComponent(placed) });
      reply.raw.end();
      store.placed.delete(id);
      await removeSidecar(id);
    } finally {
      writing.delete(id);
    }
  }

  // tus reads the body itself: PATCH (and POST with data) bodies stay unparsed.
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    let hijacked = false;
    try {
      const caller = await requireCaller(req, deps, 'files.upload.signedOut');
      const rest = (req.raw.url ?? '').slice(UPLOADS_PATH.length);
      if (req.method === 'GET') throw new HttpError(405, 'files.upload.invalid', 'Uploads are written, not read, here; download the file instead.');
      if (rest !== '' && rest !== '/') {
        const id = rest.slice(1);
        if (!ownedBy(id, caller)) throw new HttpError(404, 'files.upload.gone', 'There is no such upload.');
        if (req.method === 'POST') throw new HttpError(405, 'files.upload.invalid', 'Uploads are created on the collection.');
        hijacked = true;
        if (req.method === 'HEAD' && (await recoverComplete(caller, id, reply.hijack()))) return;
        if (req.method === 'PATCH') return await patch(caller, id, req, reply.hijack());
      }
      callers.set(req.raw, caller);
      hijacked = true;
      reply.hijack();
      await server.handle(req.raw, reply.raw);
    } catch (err) {
      if (!hijacked) return sendError(reply, err);
      if (reply.raw.headersSent) {
        log.warn({ err }, 'upload request failed after its answer began');
        reply.raw.destroy();
        return;
      }
      const { internal, ...body } = toErrorBody(err);
      if (internal) log.error({ err }, 'upload request failed');
      reply.raw.writeHead(body.statusCode, { 'Content-Type': 'application/json; charset=utf-8', 'Tus-Resumable': '1.0.0' });
      reply.raw.end(JSON.stringify(body));
    }
  };
  app.all(UPLOADS_PATH, handle);
  app.all(`${UPLOADS_PATH}/*`, handle);

  const cleanup = async () => {
    try {
      await server.cleanUpExpiredUploads();
    } catch (err) {
      log.warn({ err }, 'cleaning up expired uploads failed');
    }
    await sweepOrphans(directory, expiryMs, log);
    const old = Date.now() - expiryMs;
    for (const [id, r] of reserved) if (r.since < old) reserved.delete(id);
    for (const [id, p] of store.placed) if (p.at < Date.now() - 60_000) store.placed.delete(id);
  };
  const timer = setInterval(() => void cleanup(), deps.uploads?.cleanupIntervalMs ?? 60 * 60 * 1000);
  timer.unref();
  void cleanup();
  return async () => clearInterval(timer);
}
