// The image proxy: feed and article images are shown through the BFF (no tracking by third parties, no mixed content), under URLs signed with an HMAC so the route is no open proxy.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProxyImage } from './feeds/types';
import type { FeedEngine } from './wise.deps';
import { isFeedError } from './wise.errors';

export const IMAGE_ROUTE = '/api/wise/img';
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const IMAGE_TIMEOUT_MS = 15_000;

/**
 * The key from `WISE_SECRET_KEY` (64 hex characters) when given, else `<data>/secrets/wise.key`, made (0600,
 * atomically) on first use; replicas share the data folder, so they share the key and each other's URLs.
 */
export function loadSigningKey(dataDir: string, envKey?: string): Buffer {
  if (envKey) return Buffer.from(envKey, 'hex');
  const file = path.join(dataDir, 'secrets', 'wise.key');
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temp, randomBytes(32).toString('hex'), { mode: 0o600 });
  try {
    // link fails when another process made the key first: then that one is used.
    fs.linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
}

export class ImageSigner {
  constructor(private readonly key: Buffer) {}

  sign(url: string): string {
    return createHmac('sha256', this.key).update(`wise-img:${url}`).digest('base64url').slice(0, 32);
  }

  verify(url: string, signature: string): boolean {
    const want = Buffer.from(this.sign(url));
    const got = Buffer.from(signature);
    return got.length === want.length && timingSafeEqual(got, want);
  }

  /** The proxied URL of an http(s) image; anything else (data:, javascript:, relative junk) is dropped to ''. */
  readonly proxy: ProxyImage = (url) => {
    if (!/^https?:\/\//i.test(url)) return url.startsWith(`${IMAGE_ROUTE}?`) ? url : '';
    return `${IMAGE_ROUTE}?u=${encodeURIComponent(url)}&s=${this.sign(url)}`;
  };

  /** proxy() for a stored URL that may be missing. */
  proxyOrNull(url: string | null | undefined): string | null {
    return url ? this.proxy(url) || null : null;
  }
}

const KIND_STATUS: Record<string, number> = { blocked: 403, timeout: 504, tooLarge: 413 };

function refuse(reply: FastifyReply, status: number, reason: string, message: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ statusCode: status, error: 'Refused', reason, message });
}

/** GET /api/wise/img?u=<url>&s=<signature>: signed-in callers, signed URLs, images only, size and time limits, cached by the browser. */
export function registerImageProxy(
  app: FastifyInstance,
  deps: { signer: ImageSigner; engine: Pick<FeedEngine, 'fetchUrl'>; allowPrivateNetwork: boolean; authenticate(req: FastifyRequest): Promise<{ id: string } | null> },
): void {
  app.get(IMAGE_ROUTE, async (req, reply) => {
    if (!(await deps.authenticate(req))) return refuse(reply, 401, 'auth.required', 'Sign in to continue; your session has ended or expired.');
    const { u, s } = req.query as { u?: unknown; s?: unknown };
    if (typeof u !== 'string' || typeof s !== 'string' || !/^https?:\/\//i.test(u) || !deps.signer.verify(u, s)) {
      return refuse(reply, 403, 'wise.img.badSignature', 'This image address is not signed by this server.');
    }
    try {
      const res = await deps.engine.fetchUrl(u, {
        allowPrivateNetwork: deps.allowPrivateNetwork,
        maxBytes: MAX_IMAGE_BYTES,
        timeoutMs: IMAGE_TIMEOUT_MS,
        accept: 'image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8',
      });
      if (res.status !== 'ok') return refuse(reply, 502, 'wise.img.failed', 'The image could not be fetched.');
      const type = (res.contentType ?? '').split(';')[0]!.trim().toLowerCase();
      if (!type.startsWith('image/')) return refuse(reply, 415, 'wise.img.notImage', 'That address is not an image.');
      return reply
        .header('content-type', type)
        .header('cache-control', 'private, max-age=604800')
        .header('x-content-type-options', 'nosniff')
        // An SVG opened on its own must not run scripts on the desktop's origin.
        .header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox")
        .header('content-disposition', 'inline')
        .send(Buffer.from(res.body));
    } catch (err) {
      if (isFeedError(err)) return refuse(reply, KIND_STATUS[err.kind] ?? 502, `wise.img.${err.kind}`, 'The image could not be fetched.');
      throw err;
    }
  });
}
