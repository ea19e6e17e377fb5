// Serves app entrances on their own origins (`<id>.localhost:<port>` locally): requests whose Host is an entrance go to the app's Service, never to the desktop.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** What the proxy asks of the Market (system-apps/market/server). */
export interface EntranceResolver {
  resolve(id: string): Promise<{ target: string; public: boolean; userId: string; app: string } | null>;
  /** Exchanges a one-use ticket for the user it was issued to, or null. */
  useTicket(ticket: string, id: string): Promise<{ userId: string } | null>;
  addCookie(token: string, userId: string, id: string, ttlMs: number): Promise<void>;
  checkCookie(token: string, id: string): Promise<{ userId: string } | null>;
}

export const ENTRANCE_COOKIE = 'olares_entrance';
const COOKIE_TTL_MS = 12 * 3_600_000;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'cookie']);

/** A matcher for entrance hosts from the ENTRANCE_ORIGIN template (`http://{id}.localhost:3000` → `<id>` of `x.localhost:3000`). */
export function entranceHostMatcher(template: string): (host: string | undefined) => string | null {
  const host = new URL(template.replace('{id}', 'entrance-id-placeholder')).host.replace('entrance-id-placeholder', '{id}');
  const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{id\\}', '([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)');
  const re = new RegExp(`^${escaped}$`, 'i');
  return (h) => (h ? (re.exec(h)?.[1]?.toLowerCase() ?? null) : null);
}

function page(reply: FastifyReply, status: number, title: string, text: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(`<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font:15px system-ui;margin:3em;color:#333"><h1 style="font-size:20px">${title}</h1><p>${text}</p></body>`);
}

function readCookie(req: FastifyRequest, name: string): string | undefined {
  const raw = req.headers.cookie;
  if (!raw) return undefined;
  for (const part of raw.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The request's cookies less ours: the app never sees the entrance cookie. */
function appCookies(req: FastifyRequest): string | undefined {
  const rest = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c && !c.startsWith(`${ENTRANCE_COOKIE}=`));
  return rest.length ? rest.join('; ') : undefined;
}

function forward(req: FastifyRequest, reply: FastifyReply, target: string): void {
  const url = new URL(target.replace(/\/$/, '') + req.url);
  const headers: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
  const cookies = appCookies(req);
  if (cookies) headers.cookie = cookies;
  headers['x-forwarded-host'] = req.headers.host;
  headers['x-forwarded-proto'] = req.protocol;
  reply.hijack();
  const upstream = http.request(url, { method: req.method, headers }, (res) => {
    const out: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(res.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
    reply.raw.writeHead(res.statusCode ?? 502, out);
    res.pipe(reply.raw);
  });
  upstream.on('error', () => {
    if (!reply.raw.headersSent) reply.raw.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    reply.raw.end('The app did not answer.');
  });
  req.raw.pipe(upstream);
}

/**
 * Registered before everything else: a request for an entrance host is answered here and nothing of the
 * desktop (its routes, headers, cookies) applies to it. Private entrances need the entrance cookie, which
 * a one-use ticket from the desktop (`market.apps.enter`) sets on the entrance's own origin.
 */
export function registerEntranceProxy(app: FastifyInstance, opts: { entranceOrigin: string; publicOrigin: string; resolver: () => EntranceResolver | null }): void {
  const match = entranceHostMatcher(opts.entranceOrigin);
  // The desktop's own host can have the entrances' shape (`desktop.alice.example.com` beside `{id}.alice.example.com`): it is never an entrance.
  const desktopHost = new URL(opts.publicOrigin).host.toLowerCase();
  app.addHook('onRequest', async (req, reply) => {
    if (req.headers.host?.toLowerCase() === desktopHost) return;
    const id = match(req.headers.host);
    if (!id) return;
    const resolver = opts.resolver();
    const entrance = resolver ? await resolver.resolve(id) : null;
    if (!resolver || !entrance) return page(reply, 404, 'No app here', 'No installed app answers at this address, or it is not running.');
    const path = req.url.split('?')[0];
    if (path === '/__olares/enter') {
      const ticket = new URL(req.url, 'http://x').searchParams.get('ticket') ?? '';
      const who = ticket ? await resolver.useTicket(ticket, id) : null;
      if (!who || who.userId !== entrance.userId) return page(reply, 403, 'This link has expired', 'Open the app again from your desktop.');
      const token = randomBytes(32).toString('base64url');
      await resolver.addCookie(token, who.userId, id, COOKIE_TTL_MS);
      // The entrance is usually framed by the desktop (another site): the cookie must be allowed there.
      const attrs = [`${ENTRANCE_COOKIE}=${token}`, 'Path=/', 'HttpOnly', `Max-Age=${COOKIE_TTL_MS / 1000}`, 'SameSite=None', 'Secure', 'Partitioned'];
      return reply.code(303).header('set-cookie', attrs.join('; ')).header('location', '/').header('cache-control', 'no-store').send();
    }
    if (!entrance.public) {
      const token = readCookie(req, ENTRANCE_COOKIE);
      const who = token ? await resolver.checkCookie(token, id) : null;
      if (!who || who.userId !== entrance.userId) return page(reply, 401, 'Sign in from your desktop', 'This app is private. Open it from your Olares desktop.');
    }
    forward(req, reply, entrance.target);
    return reply;
  });
}
