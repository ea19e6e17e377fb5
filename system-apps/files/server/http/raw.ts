// GET/HEAD /api/files/raw: one file streamed from disk with ranges, validators and headers that keep an opened HTML or SVG file inert.
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { serveDriveFile } from '../drives/drive-http';
import { resolveSafe } from '../paths';
import { contentDisposition, contentTypeFor } from './content';
import { HttpError, sendError } from './errors';
import type { FilesHttpDeps } from './index';
import { etagFor, notModified, pickRange } from './range';
import { requireCaller } from './auth';

/**
 * Nothing in a served file runs: no scripts, plugins, forms or navigation; images, media and inline styles still show,
 * and the desktop may frame it (previews). Chromium 156 shows PDFs under it, top-level and framed (checked by hand).
 */
export const RAW_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";

// Big reads: fewer system calls and events per byte; one such buffer per download in flight.
const CHUNK = 1024 * 1024;

interface RawQuery {
  path?: unknown;
  download?: unknown;
}

/** `url`: where (share links serve their files through the same handler under their own path). */
export function registerRaw(app: FastifyInstance, deps: Pick<FilesHttpDeps, 'authenticate' | 'host'>, url = '/api/files/raw'): void {
  app.route({
    method: ['GET', 'HEAD'],
    url,
    handler: async (req: FastifyRequest<{ Querystring: RawQuery }>, reply: FastifyReply) => {
      let fd: fs.promises.FileHandle | null = null;
      try {
        const caller = await requireCaller(req, deps);
        const { path: virtual, download } = req.query;
        if (typeof virtual !== 'string') throw new HttpError(400, 'files.path.invalid', 'Say which file: ?path=/Home/…');
        const roots = await deps.host.rootsFor(caller);
        const drive = await deps.host.driveAt?.(caller, roots, virtual);
        if (drive) return await serveDriveFile(req, reply, drive, { download: download === '1' || download === 'true', csp: RAW_CSP });
        const resolved = await resolveSafe(roots, virtual);
        // stat before open: opening a FIFO for reading would wait for a writer.
        const before = await fs.promises.stat(resolved.real);
        if (before.isDirectory()) throw new HttpError(400, 'files.isFolder', 'That is a folder; download it as a zip instead.');
        if (!before.isFile()) throw new HttpError(400, 'files.notRegular', 'Only regular files can be opened or downloaded.');
        fd = await fs.promises.open(resolved.real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
        const stat = await fd.stat();
        if (!stat.isFile() || stat.ino !== before.ino || stat.dev !== before.dev) throw new HttpError(409, 'files.failed', 'The file changed while it was being opened; try again.');

        const name = resolved.segments.at(-1) ?? resolved.root.name;
        const type = contentTypeFor(name);
        const v = { etag: etagFor(stat), mtimeMs: stat.mtimeMs };
        reply.raw.removeHeader('content-security-policy');
        reply.headers({
          'content-type': type,
          'accept-ranges': 'bytes',
          etag: v.etag,
          'last-modified': new Date(stat.mtimeMs).toUTCString(),
          'cache-control': 'private, no-cache',
          'x-content-type-options': 'nosniff',
          'content-security-policy': RAW_CSP,
          'content-disposition': contentDisposition(download === '1' || download === 'true' ? 'attachment' : 'inline', name),
        });
        if (notModified(req.headers, v)) {
          await fd.close();
          return reply.code(304).send();
        }
        const range = pickRange(req.headers, stat.size, v);
        if (range.kind === 'unsatisfiable') {
          await fd.close();
          reply.header('content-range', `bytes */${stat.size}`);
          throw new HttpError(416, 'files.range.unsatisfiable', 'That byte range is outside the file.');
        }
        const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, stat.size - 1];
        const length = Math.max(0, end - start + 1);
        reply.header('content-length', length);
        if (range.kind === 'partial') reply.code(206).header('content-range', `bytes ${start}-${end}/${stat.size}`);
        if (req.method === 'HEAD' || length === 0) {
          await fd.close();
          return reply.send();
        }
        const stream = fd.createReadStream({ start, end, highWaterMark: CHUNK, autoClose: true });
        fd = null;
        return reply.send(stream);
      } catch (err) {
        await fd?.close().catch(() => {});
        return sendError(reply, err);
      }
    },
  });
}
