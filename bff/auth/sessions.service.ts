// Issues, resolves, rotates and revokes server-side sessions.
import type pg from 'pg';
import type { EventBus } from '../realtime/bus';
import { SessionsStore } from './sessions.store';
import { newSessionToken, sha256 } from './tokens';
import type { AuthState, Session } from './types';

/** Where a request came from, kept on the session for the user's "where am I logged in" list. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}

export interface IssuedSession {
  token: string;
  session: Session;
}

/** A session waiting for its second factor lives this long. */
const PENDING_MS = 5 * 60_000;
/** last_seen_at is written at most this often, so that reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export class SessionsService {
  private readonly store: SessionsStore;
  constructor(
    db: pg.Pool,
    private readonly opts: { idleMs: number; absoluteMs: number },
    private readonly bus: EventBus,
  ) {
    this.store = new SessionsStore(db);
  }

  async issue(userId: string, state: Session['state'], client: ClientInfo): Promise<IssuedSession> {
    const token = newSessionToken();
    const ttl = state === 'pending' ? PENDING_MS : this.opts.absoluteMs;
    const session = await this.store.insert({
      tokenHash: sha256(token),
      userId,
      state,
      expiresAt: new Date(Date.now() + ttl),
      ip: client.ip,
      userAgent: client.userAgent,
    });
    return { token, session };
  }

  /** The caller behind a cookie token, or null when the token is unknown, revoked, idle or expired. */
  async resolve(token: string): Promise<AuthState | null> {
    const found = await this.store.findLive(sha256(token), this.opts.idleMs);
    if (!found) return null;
    if (Date.now() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.store.touch(found.session.id);
    }
    return found;
  }

  setLocked(sessionId: string, locked: boolean): Promise<void> {
    return this.store.setLocked(sessionId, locked);
  }

  async revoke(session: Pick<Session, 'id' | 'userId'>): Promise<void> {
    await this.store.revoke(session.id);
    this.bus.emit('session.ended', { sessionId: session.id, userId: session.userId });
  }

  /**
   * Replaces a browser's session by a fresh one (new token) at login or step-up. When the same user
   * stays signed in, the browser's open sockets carry over to the new session; otherwise they close.
   */
  async rotate(old: Pick<Session, 'id' | 'userId'> | null, userId: string, state: Session['state'], client: ClientInfo): Promise<IssuedSession> {
    if (!old) return this.issue(userId, state, client);
    if (old.userId !== userId || state !== 'active') {
      await this.revoke(old);
      return this.issue(userId, state, client);
    }
    await this.store.revoke(old.id);
    const issued = await this.issue(userId, state, client);
    this.bus.emit('session.rotated', { from: old.id, to: issued.session.id, userId });
    return issued;
  }

  listActive(userId: string): Promise<Session[]> {
    return this.store.listActive(userId, this.opts.idleMs);
  }

  /** Of the given session ids, those still live; the others expired or were revoked. */
  liveIds(ids: string[]): Promise<Set<string>> {
    return this.store.liveIds(ids, this.opts.idleMs);
  }

  /** Revokes one of the user's own sessions; false when there is no such session of theirs. */
  async revokeOwned(userId: string, sessionId: string): Promise<boolean> {
    const ok = await this.store.revokeOwned(userId, sessionId);
    if (ok) this.bus.emit('session.ended', { sessionId, userId });
    return ok;
  }
}
