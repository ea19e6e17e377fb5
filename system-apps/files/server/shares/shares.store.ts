// SQL for shares: links and user shares per owner, lookups by token and by grantee, and password grants.
import type pg from 'pg';

export interface StoredShare {
  id: string;
  ownerId: string;
  ownerName: string;
  ownerDisplayName: string;
  ownerRole: 'owner' | 'admin' | 'member';
  rootId: string;
  relPath: string;
  name: string;
  kind: 'file' | 'dir';
  type: 'link' | 'user';
  token: string | null;
  passwordHash: string | null;
  expiresAt: Date | null;
  granteeId: string | null;
  granteeName: string | null;
  granteeDisplayName: string | null;
  access: 'read' | 'write';
  createdAt: Date;
}

const SELECT = `SELECT s.id, s.owner_id, o.name AS owner_name, o.display_name AS owner_display_name, o.role AS owner_role,
       s.root_id, s.rel_path, s.name, s.kind, s.type, s.token, s.password_hash, s.expires_at,
       s.grantee_id, g.name AS grantee_name, g.display_name AS grantee_display_name, s.access, s.created_at
  FROM files_shares s JOIN users o ON o.id = s.owner_id LEFT JOIN users g ON g.id = s.grantee_id`;

type Row = {
  id: string;
  owner_id: string;
  owner_name: string;
  owner_display_name: string;
  owner_role: StoredShare['ownerRole'];
  root_id: string;
  rel_path: string;
  name: string;
  kind: StoredShare['kind'];
  type: StoredShare['type'];
  token: string | null;
  password_hash: string | null;
  expires_at: Date | null;
  grantee_id: string | null;
  grantee_name: string | null;
  grantee_display_name: string | null;
  access: StoredShare['access'];
  created_at: Date;
};

const toShare = (r: Row): StoredShare => ({
  id: r.id,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  ownerDisplayName: r.owner_display_name,
  ownerRole: r.owner_role,
  rootId: r.root_id,
  relPath: r.rel_path,
  name: r.name,
  kind: r.kind,
  type: r.type,
  token: r.token,
  passwordHash: r.password_hash,
  expiresAt: r.expires_at,
  granteeId: r.grantee_id,
  granteeName: r.grantee_name,
  granteeDisplayName: r.grantee_display_name,
  access: r.access,
  createdAt: r.created_at,
});

export class SharesStore {
  constructor(private readonly db: pg.Pool) {}

  async create(s: {
    ownerId: string;
    rootId: string;
    relPath: string;
    name: string;
    kind: 'file' | 'dir';
    type: 'link' | 'user';
    token: string | null;
    passwordHash: string | null;
    expiresAt: Date | null;
    granteeId: string | null;
    access: 'read' | 'write';
  }): Promise<StoredShare> {
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO files_shares (owner_id, root_id, rel_path, name, kind, type, token, password_hash, expires_at, grantee_id, access)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (owner_id, root_id, rel_path, grantee_id) WHERE type = 'user' AND revoked_at IS NULL
       DO UPDATE SET access = excluded.access
       RETURNING id`,
      [s.ownerId, s.rootId, s.relPath, s.name, s.kind, s.type, s.token, s.passwordHash, s.expiresAt, s.granteeId, s.access],
    );
    return (await this.byId(rows[0]!.id))!;
  }

  async byId(id: string): Promise<StoredShare | null> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE s.id = $1 AND s.revoked_at IS NULL`, [id]);
    return rows[0] ? toShare(rows[0]) : null;
  }

  async byToken(token: string): Promise<StoredShare | null> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE s.token = $1 AND s.revoked_at IS NULL`, [token]);
    return rows[0] ? toShare(rows[0]) : null;
  }

  async ofOwner(ownerId: string): Promise<StoredShare[]> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE s.owner_id = $1 AND s.revoked_at IS NULL ORDER BY s.created_at DESC`, [ownerId]);
    return rows.map(toShare);
  }

  async ofGrantee(granteeId: string): Promise<StoredShare[]> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE s.grantee_id = $1 AND s.revoked_at IS NULL ORDER BY s.created_at`, [granteeId]);
    return rows.map(toShare);
  }

  /** Revokes one of the owner's shares; false when there is no such live share of theirs. */
  async revoke(ownerId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE files_shares SET revoked_at = now() WHERE id = $1 AND owner_id = $2 AND revoked_at IS NULL', [id, ownerId]);
    if (rowCount) await this.db.query('DELETE FROM files_share_grants WHERE share_id = $1', [id]);
    return !!rowCount;
  }

  async people(exceptId: string): Promise<{ id: string; name: string; displayName: string }[]> {
    const { rows } = await this.db.query<{ id: string; name: string; display_name: string }>('SELECT id, name, display_name FROM users WHERE id <> $1 ORDER BY name', [exceptId]);
    return rows.map((r) => ({ id: r.id, name: r.name, displayName: r.display_name }));
  }

  async userByName(name: string): Promise<{ id: string } | null> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM users WHERE name = $1', [name]);
    return rows[0] ?? null;
  }

  async addGrant(tokenHash: string, shareId: string, expiresAt: Date): Promise<void> {
    await this.db.query('DELETE FROM files_share_grants WHERE expires_at < now()');
    await this.db.query('INSERT INTO files_share_grants (token_hash, share_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, shareId, expiresAt]);
  }

  async hasGrant(tokenHash: string, shareId: string): Promise<boolean> {
    const { rowCount } = await this.db.query('SELECT 1 FROM files_share_grants WHERE token_hash = $1 AND share_id = $2 AND expires_at > now()', [tokenHash, shareId]);
    return !!rowCount;
  }
}
