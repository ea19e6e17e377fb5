// Wise's HTTP routes beside tRPC, for signed-in callers: the image proxy, document uploads (raw PDF or EPUB bodies) and PDFs served to their owners.
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Reason } from '../../../bff/trpc/app-error';
import { registerImageProxy, type ImageSigner } from './image-proxy';
import { DOCUMENT_MAX_BYTES, type LibraryService } from './library.service';
import { DOCUMENT_ROUTE } from './views';
import type { FeedEngine } from './wise.deps';

export interface WiseHttpDeps {
  library: LibraryService;
  signer: ImageSigner;
  engine: Pick<FeedEngine, 'fetchUrl'>;
  allowPrivateNetwork: boolean;
  /** The signed-in, unlocked caller of a request, or null (401). */
  authenticate(req: FastifyRequest): Promise<{ id: string } | null>;
}

class TooLarge extends Error {}

function send(reply: FastifyReply, status: number, reason: string, message: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ statusCode: status, error: 'Refused', reason, message });
}

const SIGN_IN = 'Sign in to continue; your session has ended or expired.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function registerWiseHttp(app: FastifyInstance, deps: WiseHttpDeps): Promise<void> {
  registerImageProxy(app, deps);
  // Encapsulated: the raw-body parser stays on these routes.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

    /** POST /api/wise/documents?name=…: the body is the file; answers { id }. */
    scope.post(DOCUMENT_ROUTE, { bodyLimit: DOCUMENT_MAX_BYTES }, async (req, reply) => {
      const caller = await deps.authenticate(req);
      if (!caller) return send(reply, 401, 'auth.required', SIGN_IN);
      const name = String((req.query as { name?: unknown }).name ?? 'document').replace(/[\\/\0-\x1f]/g, '').slice(0, 255) || 'document';
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > DOCUMENT_MAX_BYTES) return send(reply, 413, 'wise.document.tooLarge', 'Documents may be up to 100 MB.');
      const temp = await deps.library.tempPath();
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          done(size > DOCUMENT_MAX_BYTES ? new TooLarge() : null, chunk);
        },
      });
      try {
        await pipeline(req.raw, limit, createWriteStream(temp, { mode: 0o600 }));
      } catch (err) {
        await fs.rm(temp, { force: true });
        if (err instanceof TooLarge) return send(reply, 413, 'wise.document.tooLarge', 'Documents may be up to 100 MB.');
        throw err;
      }
      if (size === 0) return send(reply, 400, 'wise.document.empty', 'The upload was empty.');
      try {
        return await deps.library.addDocument(caller.id, temp, name);
      } catch (err) {
        if (err instanceof TRPCError && err.cause instanceof Reason) return send(reply, getHTTPStatusCodeFromError(err), err.cause.reason, err.message);
        throw err;
      }
    });

    /** GET /api/wise/documents/:id: the owner's PDF. */
    scope.get(`${DOCUMENT_ROUTE}/:id`, async (req, reply) => {
      const caller = await deps.authenticate(req);
      if (!caller) return send(reply, 401, 'auth.required', SIGN_IN);
      const { id } = req.params as { id: string };
      const pdf = UUID.test(id) ? await deps.library.pdf(caller.id, id) : null;
      if (!pdf) return send(reply, 404, 'wise.notFound', 'There is no such document, or it is not yours.');
      return reply
        .header('content-type', 'application/pdf')
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`${pdf.title}.pdf`)}`)
        .send(createReadStream(pdf.path));
    });
  });
}
