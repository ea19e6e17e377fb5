// The session cookie: HttpOnly, SameSite=Lax, host-only, Secure when the desktop is served over HTTPS.
import type { CookieSerializeOptions } from '@fastify/cookie';

export const SESSION_COOKIE = 'olares_session';

export function sessionCookieOptions(secure: boolean, expires?: Date): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', ...(expires ? { expires } : {}) };
}
