// SQL for server-side sessions: rows found by the hash of the cookie's token, never the token itself.
import type { Queryable } from '../db/pool';
import type { Role, Session, User } from './types';

interface SessionRow {
  id: string;
  user_id: string;
  state: 'pending' | 'active';
  locked: boolean;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string;
  user_agent: string;
}

const COLUMNS = 's.id, s.user_id, s.state, s.locked, s.created_at, s.last_seen_at, s.expires_at, s.ip, s.user_agent';

const FIND_LIVE = `SELECT ${COLUMNS}, u.name, u.display_name, u.role, u.totp_enabled, u.created_at AS user_created_at
   FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
    AND s.last_seen_at > now() - make_interval(secs => $2)`;

function toSession(r: SessionRow): Session {
  return {
    id: r.id,
    userId: r.user_id,
    state: r.state,
    locked: r.locked,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    userAgent: r.user_agent,
  };
}

export class SessionsStore {
  constructor(private readonly db: Queryable) {}

  async insert(s: { tokenHash: string; userId: string; state: Session['state']; expiresAt: Date; ip: string; userAgent: string }): Promise<Session> {
    const { rows } = await this.db.query<SessionRow>(
      `INSERT INTO sessions AS s (token_hash, user_id, state, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [s.tokenHash, s.userId, s.state, s.expiresAt, s.ip, s.userAgent.slice(0, 512)],
    );
    return toSession(rows[0]!);
  }

  /**
   * The live session for a token hash with its user: not revoked, before its absolute expiry, and
   * seen within the idle limit.
   */
  async findLive(tokenHash: string, idleMs: number): Promise<{ session: Session; user: User } | null> {
    // Every signed-in request runs this: a named statement is parsed and planned once per connection.
    const { rows } = await this.db.query<SessionRow & { name: string; display_name: string; role: Role; totp_enabled: boolean; user_created_at: Date }>({
      name: 'sessions.findLive',
      text: FIND_LIVE,
      values: [tokenHash, idleMs / 1000],
    });
    const r = rows[0];
    if (!r) return null;
    return {
      session: toSession(r),
      user: { id: r.user_id, name: r.name, displayName: r.display_name, role: r.role, totpEnabled: r.totp_enabled, createdAt: r.user_created_at },
    };
  }

  async touch(id: string): Promise<void> {
    await this.db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  }

  async setLocked(id: string, locked: boolean): Promise<void> {
    await this.db.query('UPDATE sessions SET locked = $2 WHERE id = $1 AND revoked_at IS NULL', [id, locked]);
  }

  async revoke(id: string): Promise<void> {
    await this.db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  }

  /** Revokes one of a user's sessions; false if the user has no such live session. */
  async revokeOwned(userId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL', [id, userId]);
    return (rowCount ?? 0) > 0;
  }

  async listActive(userId: string, idleMs: number): Promise<Session[]> {
    const { rows } = await this.db.query<SessionRow>(
      `SELECT ${COLUMNS} FROM sessions s
        WHERE s.user_id = $1 AND s.state = 'active' AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(secs => $2)
        ORDER BY s.last_seen_at DESC`,
      [userId, idleMs / 1000],
    );
    return rows.map(toSession);
  }

  /** Of the given session ids, those still live (for sockets that outlast their session). */
  async liveIds(ids: string[], idleMs: number): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM sessions
        WHERE id = ANY($1::uuid[]) AND state = 'active' AND revoked_at IS NULL AND expires_at > now()
          AND last_seen_at > now() - make_interval(secs => $2)`,
      [ids, idleMs / 1000],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Deletes rows that can never be live again (housekeeping). */
  async purgeDead(): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM sessions WHERE expires_at < now() - interval '7 days' OR revoked_at < now() - interval '7 days'`);
    return rowCount ?? 0;
  }
}
