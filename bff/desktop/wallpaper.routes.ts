// Wallpaper images over plain HTTP (raw bodies do not fit tRPC): POST /api/wallpapers uploads one, GET /api/wallpapers/:id serves it to its owner.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { isDatabaseUnavailable } from '../db/errors';
import { mediaType } from './image-type';
import { UUID } from './layout.schema';
import { MAX_WALLPAPER_BYTES, UploadRefused } from './wallpapers.service';

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  503: 'Service Unavailable',
};

const fail = (reply: FastifyReply, statusCode: number, message: string) => reply.code(statusCode).send({ statusCode, error: STATUS_TEXT[statusCode], message });

const TOO_LARGE = 'The image is larger than 5 MB; choose a smaller one.';
const WRONG_TYPE = 'Upload a JPEG, PNG or WebP image.';

export async function registerWallpaperRoutes(app: FastifyInstance): Promise<void> {
  /** The signed-in caller of each request that got past `requireUser`. */
  const callers = new WeakMap<FastifyRequest, string>();

  // Runs before the body is read: an anonymous upload is refused without receiving 5 MB first.
  async function requireUser(req: FastifyRequest, reply: FastifyReply) {
    const token = req.cookies[SESSION_COOKIE];
    const auth = token ? await app.services.sessions.resolve(token) : null;
    if (!auth || auth.session.state !== 'active') return fail(reply, 401, 'Sign in to continue; your session has ended or expired.');
    callers.set(req, auth.user.id);
  }
  const caller = (req: FastifyRequest) => callers.get(req)!;

  await app.register(async (scope) => {
    // Images arrive as raw bytes; this parser exists only inside this plugin.
    scope.addContentTypeParser(/^image\/[a-z0-9.+-]+$/i, { parseAs: 'buffer', bodyLimit: MAX_WALLPAPER_BYTES }, (_req, body, done) => done(null, body));

    scope.setErrorHandler((err: { statusCode?: number; code?: string }, _req, reply) => {
      if (err instanceof UploadRefused) return fail(reply, err.statusCode, err.message);
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return fail(reply, 413, TOO_LARGE);
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return fail(reply, 415, WRONG_TYPE);
      if (isDatabaseUnavailable(err)) return fail(reply, 503, 'The service is unavailable right now (the database cannot be reached). Try again shortly.');
      throw err; // the app's handler: 500 without details, and the log
    });

    scope.post('/api/wallpapers', { bodyLimit: MAX_WALLPAPER_BYTES, onRequest: requireUser }, async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : null;
      if (!body) return fail(reply, 415, WRONG_TYPE);
      const saved = await app.services.wallpapers.upload(caller(req), mediaType(req.headers['content-type']), body);
      return reply.code(201).send(saved);
    });

    scope.get<{ Params: { id: string } }>('/api/wallpapers/:id', { onRequest: requireUser }, async (req, reply) => {
      const image = UUID.test(req.params.id) ? await app.services.wallpapers.image(caller(req), req.params.id) : null;
      if (!image) return fail(reply, 404, 'No such wallpaper.');
      return reply
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .type(image.contentType)
        .send(image.bytes);
    });
  });
}
