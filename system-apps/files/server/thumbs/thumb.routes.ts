// GET /api/files/thumb?path=…&size=128|256|512: a small WebP of an image in the caller's folders, made once and cached.
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireCaller } from '../http/auth';
import { HttpError, sendError } from '../http/errors';
import type { FilesHttpDeps } from '../http/index';
import { resolveSafe, resolveVirtual } from '../paths';
import { THUMB_SIZES, ThumbnailError, type Thumbnailer, type ThumbSize } from './thumbnailer';

export function registerThumbs(app: FastifyInstance, deps: Pick<FilesHttpDeps, 'authenticate' | 'host'> & { thumbnailer: Thumbnailer }): void {
  app.get('/api/files/thumb', async (req: FastifyRequest<{ Querystring: { path?: unknown; size?: unknown } }>, reply: FastifyReply) => {
    try {
      const caller = await requireCaller(req, deps);
      if (typeof req.query.path !== 'string') throw new HttpError(400, 'files.path.invalid', 'Say which image: ?path=/Home/…');
      const size = Number(req.query.size ?? 256) as ThumbSize;
      if (!THUMB_SIZES.includes(size)) throw new HttpError(400, 'files.thumb.size', `Thumbnails come in sizes ${THUMB_SIZES.join(', ')}.`);
      const roots = await deps.host.rootsFor(caller);
      if (resolveVirtual(roots, req.query.path).root.kind === 'drive') throw new HttpError(415, 'files.thumb.unsupported', 'Thumbnails are not made of files on a cloud drive.');
      const r = await resolveSafe(roots, req.query.path);
      const stat = await fs.promises.stat(r.real);
      if (!stat.isFile()) throw new HttpError(400, 'files.notRegular', 'Only files have thumbnails.');
      const etag = `"t${stat.ino.toString(36)}-${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}-${size}"`;
      if (req.headers['if-none-match'] === etag) return reply.code(304).header('etag', etag).send();
      const file = await deps.thumbnailer.get(r.real, stat, size);
      return reply
        .header('content-type', 'image/webp')
        .header('etag', etag)
        .header('cache-control', 'private, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(fs.createReadStream(file));
    } catch (err) {
      if (err instanceof ThumbnailError) return sendError(reply, new HttpError(err.reason === 'files.thumb.unsupported' ? 415 : 422, err.reason, err.message));
      return sendError(reply, err);
    }
  });
}
