// Security headers (helmet with a real Content-Security-Policy) and CSRF protection for every mutation.
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The header a cross-site form cannot send; the desktop's clients send it on every mutation. */
export const CSRF_HEADER = 'x-olares-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request's Origin is the desktop's public origin or the origin it was addressed to. */
export function sameOrigin(req: Pick<FastifyRequest, 'headers'>, publicOrigin: string): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return false;
  if (origin === publicOrigin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** `inlineScripts`: CSP sources ('sha256-…') of the page's own inline scripts (./inline-scripts.ts). */
export async function registerSecurity(app: FastifyInstance, opts: { publicOrigin: string; https: boolean; inlineScripts?: string[] }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // 'wasm-unsafe-eval': Vault derives its keys with Argon2id compiled to WebAssembly (hash-wasm); it allows compiling WebAssembly, not eval().
        // The hashes: index.html's start-up script (public/early.js) runs inline, while the HTML is still parsed.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'", ...(opts.inlineScripts ?? [])],
        // Quasar and Vue set style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // Podcast and video enclosures in Wise play from their publishers' servers when the reader presses play.
        mediaSrc: ["'self'", 'https:', 'http:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        // Web apps open in iframe windows on their own origins: <entrance>.<user>.<domain> in a
        // deployment, <entrance>.localhost:<port> locally. Never the desktop's origin.
        frameSrc: ["'self'", 'https:', 'http://*.localhost:*'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        ...(opts.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: opts.https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
  });

  app.addHook('onRequest', async (req, reply) => {
    if (SAFE_METHODS.has(req.method)) return;
    if (!sameOrigin(req, opts.publicOrigin)) {
      return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'Cross-site request refused: the Origin header is missing or not this desktop.' });
    }
    if (req.headers[CSRF_HEADER] !== '1') {
      return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: `Request refused: the ${CSRF_HEADER} header is missing.` });
    }
  });
}
