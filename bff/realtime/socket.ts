// socket.io on the desktop's own port: the handshake is authenticated by the session cookie, one room per user.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { SessionsService } from '../auth/sessions.service';
import { SESSION_COOKIE } from '../auth/session-cookie';
import type { AuthState } from '../auth/types';
import { sameOrigin } from '../http/security';
import type { EventBus } from './bus';

export const userRoom = (userId: string) => `user:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export interface SocketData {
  auth: AuthState;
}

/** How often open sockets are checked against their sessions (which expire by time, silently). */
export const SESSION_RECHECK_MS = 60_000;

export function attachRealtime(app: FastifyInstance, deps: { sessions: SessionsService; bus: EventBus; publicOrigin: string; log: Logger; recheckMs?: number }): Server {
  const io = new Server<Record<string, never>, Record<string, (payload: unknown) => void>, Record<string, never>, SocketData>(app.server, {
    path: '/socket.io/',
    serveClient: false,
    // A page on another origin cannot open a socket with the user's cookie: browsers always send
    // Origin cross-origin (and on every WebSocket upgrade); same-origin polling GETs may omit it.
    allowRequest: (req, done) => done(null, !req.headers.origin || sameOrigin({ headers: req.headers }, deps.publicOrigin)),
  });

  io.use(async (socket, next) => {
    try {
      const cookies = app.parseCookie(socket.request.headers.cookie ?? '');
      const token = cookies[SESSION_COOKIE];
      const auth = token ? await deps.sessions.resolve(token) : null;
      if (!auth || auth.session.state !== 'active') return next(new Error('unauthorised'));
      socket.data.auth = auth;
      next();
    } catch (err) {
      deps.log.warn({ err: { message: (err as Error).message } }, 'socket handshake failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket) => {
    const { user, session } = socket.data.auth;
    void socket.join([userRoom(user.id), sessionRoom(session.id)]);
  });

  const offEnded = deps.bus.on('session.ended', ({ sessionId }) => {
    io.in(sessionRoom(sessionId)).disconnectSockets(true);
  });
  const offRotated = deps.bus.on('session.rotated', ({ from, to }) => {
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.auth.session.id !== from) continue;
      socket.data.auth = { ...socket.data.auth, session: { ...socket.data.auth.session, id: to } };
      void socket.leave(sessionRoom(from));
      void socket.join(sessionRoom(to));
    }
  });
  const offEvent = deps.bus.on('user.event', ({ userId, event, payload }) => {
    io.to(userRoom(userId)).emit(event, payload);
  });

  // A session that ends by time emits nothing: look for such sockets now and then.
  const recheck = setInterval(() => {
    const ids = new Set<string>();
    for (const socket of io.of('/').sockets.values()) ids.add(socket.data.auth.session.id);
    if (!ids.size) return;
    deps.sessions.liveIds([...ids]).then(
      (live) => {
        for (const id of ids) if (!live.has(id)) io.in(sessionRoom(id)).disconnectSockets(true);
      },
      (err: unknown) => deps.log.warn({ err: { message: (err as Error).message } }, 'socket session check failed'),
    );
  }, deps.recheckMs ?? SESSION_RECHECK_MS);
  recheck.unref();

  app.addHook('onClose', async () => {
    clearInterval(recheck);
    offEnded();
    offRotated();
    offEvent();
    io.disconnectSockets(true);
    io.engine.close();
  });
  return io;
}
