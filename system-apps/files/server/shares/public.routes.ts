// The public side of share links, for anyone holding one: what it is, its password, and its folder's listing (files through the raw and zip routes).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Caller } from '../files.api';
import { HttpError, sendError } from '../http/errors';
import { registerRaw } from '../http/raw';
import { registerZip } from '../http/zip';
import type { Root } from '../paths';
import type { Lister } from '../listing';
import type { SortKey } from '../files.types';
import { PUBLIC_ROOT, type SharesService } from './shares.service';

export const SHARE_API = '/api/share';
/** The cookie that carries a link's password grant, scoped to that link's API path. */
export const GRANT_COOKIE = 'olares_share_grant';

export interface ShareRoutesDeps {
  shares: SharesService;
  lister: Lister;
  secureCookies: boolean;
  /** Password guesses per address (the sign-in limiter). */
  allowAttempt(ip: string): boolean;
  log: Logger;
}

type TokenRequest<Q = unknown, B = unknown> = FastifyRequest<{ Params: { token: string }; Querystring: Q; Body: B }>;

export function grantOf(req: FastifyRequest): string | undefined {
  return req.cookies[GRANT_COOKIE];
}

/** A visitor's path inside the share (`/a/b`) as the server's virtual path (`/s/a/b`). */
export function innerPath(p: unknown): string {
  if (p === undefined || p === '' || p === '/') return `/${PUBLIC_ROOT}`;
  if (typeof p !== 'string' || !p.startsWith('/')) throw new HttpError(400, 'files.path.invalid', 'A path inside the share starts with “/”.');
  return `/${PUBLIC_ROOT}${p}`;
}

const outerPath = (virtual: string) => virtual.slice(PUBLIC_ROOT.length + 1) || '/';

export function registerShareRoutes(app: FastifyInstance, deps: ShareRoutesDeps): void {
  app.get(`${SHARE_API}/:token`, async (req: TokenRequest, reply: FastifyReply) => {
    try {
      return reply.header('cache-control', 'no-store').send(await deps.shares.info(req.params.token, grantOf(req)));
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.post(`${SHARE_API}/:token/unlock`, async (req: TokenRequest<unknown, { password?: unknown }>, reply: FastifyReply) => {
    try {
      if (!deps.allowAttempt(req.ip)) throw new HttpError(429, 'auth.tooManyAttempts', 'Too many attempts from this address; wait a minute and try again.');
      const password = req.body?.password;
      if (typeof password !== 'string' || !password || password.length > 256) throw new HttpError(400, 'files.share.wrongPassword', 'Enter the link’s password.');
      const { grant, expires } = await deps.shares.unlock(req.params.token, password);
      return reply
        .setCookie(GRANT_COOKIE, grant, { path: `${SHARE_API}/${encodeURIComponent(req.params.token)}`, httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, expires })
        .header('cache-control', 'no-store')
        .send({ ok: true });
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.get(`${SHARE_API}/:token/list`, async (req: TokenRequest<{ path?: unknown; offset?: unknown; limit?: unknown; sort?: unknown; desc?: unknown }>, reply: FastifyReply) => {
    try {
      const open = await deps.shares.open(req.params.token, grantOf(req));
      if (open.onlyFile) throw new HttpError(400, 'files.notFolder', 'This link is to a file, not a folder.');
      const offset = Math.max(0, Math.floor(Number(req.query.offset ?? 0)) || 0);
      const limit = Math.min(500, Math.max(1, Math.floor(Number(req.query.limit ?? 200)) || 200));
      const sort = (['name', 'size', 'mtime', 'type'] as const).includes(req.query.sort as SortKey) ? (req.query.sort as SortKey) : 'name';
      const listing = await deps.lister.list([open.root], { path: innerPath(req.query.path), offset, limit, sort, desc: req.query.desc === '1', showHidden: false });
      return reply.header('cache-control', 'no-store').send({
        path: outerPath(listing.path),
        total: listing.total,
        offset: listing.offset,
        entries: listing.entries.map((e) => ({ name: e.name, path: outerPath(e.path), kind: e.kind, size: e.size, mtime: e.mtime })),
      });
    } catch (err) {
      return sendError(reply, err);
    }
  });

  // Files and zips go through the same handlers as the desktop's own downloads, with the link's folder as
  // the only root: the link stands in for the signed-in caller, and visitors' paths are taken inside it.
  const opened = new WeakMap<Caller, Root>();
  const asVisitor = async (req: FastifyRequest): Promise<Caller | null> => {
    const { token } = req.params as { token: string };
    const open = await deps.shares.open(token, grantOf(req));
    const q = req.query as { path?: unknown; p?: unknown };
    if (open.onlyFile) {
      // A link to one file serves that file whatever path is asked for, and never its neighbours.
      q.path = `/${PUBLIC_ROOT}/${open.onlyFile}`;
      q.p = `/${PUBLIC_ROOT}/${open.onlyFile}`;
    } else {
      if (q.path !== undefined) q.path = innerPath(q.path);
      if (q.p !== undefined) q.p = Array.isArray(q.p) ? q.p.map(innerPath) : innerPath(q.p);
    }
    const visitor: Caller = { id: `share:${open.share.id}`, name: 'share', role: 'member' };
    opened.set(visitor, open.root);
    return visitor;
  };
  const visitorDeps = {
    authenticate: asVisitor,
    log: deps.log,
    host: {
      rootsFor: async (caller: Caller) => {
        const root = opened.get(caller);
        if (!root) throw new HttpError(404, 'files.share.notFound', 'This link does not exist, was revoked, or has expired.');
        return [root];
      },
      checkSpace: async () => {
        throw new HttpError(403, 'files.path.readOnly', 'Share links are read-only.');
      },
      changed: () => {},
      stagingDir: async () => {
        throw new HttpError(403, 'files.path.readOnly', 'Share links are read-only.');
      },
    },
  };
  registerRaw(app, visitorDeps, `${SHARE_API}/:token/raw`);
  registerZip(app, visitorDeps, `${SHARE_API}/:token/zip`);
}
