// SQL for users and their recovery codes.
import type { Queryable } from '../db/pool';
import type { Role, User, UserWithSecrets } from './types';

interface UserRow {
  id: string;
  name: string;
  display_name: string;
  role: Role;
  totp_enabled: boolean;
  created_at: Date;
  password_hash: string;
  totp_secret: string | null;
  totp_last_step: string;
}

const COLUMNS = 'id, name, display_name, role, totp_enabled, created_at, password_hash, totp_secret, totp_last_step';

function toUser(r: UserRow): UserWithSecrets {
  return {
    id: r.id,
    name: r.name,
    displayName: r.display_name,
    role: r.role,
    totpEnabled: r.totp_enabled,
    createdAt: r.created_at,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpLastStep: Number(r.totp_last_step),
  };
}

export function publicUser(u: UserWithSecrets): User {
  return { id: u.id, name: u.name, displayName: u.displayName, role: u.role, totpEnabled: u.totpEnabled, createdAt: u.createdAt };
}

export class UsersStore {
  constructor(private readonly db: Queryable) {}

  async ownerExists(): Promise<boolean> {
    const { rowCount } = await this.db.query(`SELECT 1 FROM users WHERE role = 'owner'`);
    return (rowCount ?? 0) > 0;
  }

  async byName(name: string): Promise<UserWithSecrets | null> {
    const { rows } = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE name = $1`, [name]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async byId(id: string): Promise<UserWithSecrets | null> {
    const { rows } = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async list(): Promise<User[]> {
    const { rows } = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY created_at, name`);
    return rows.map((r) => publicUser(toUser(r)));
  }

  /** Inserts a user; returns null when the name (or, for an owner, the owner slot) is taken. */
  async insert(u: { name: string; displayName: string; role: Role; passwordHash: string; createdBy: string | null }): Promise<User | null> {
    const { rows } = await this.db.query<UserRow>(
      `INSERT INTO users (name, display_name, role, password_hash, created_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [u.name, u.displayName, u.role, u.passwordHash, u.createdBy],
    );
    return rows[0] ? publicUser(toUser(rows[0])) : null;
  }

  async setPendingTotpSecret(userId: string, secret: string): Promise<void> {
    await this.db.query('UPDATE users SET totp_secret = $2, updated_at = now() WHERE id = $1 AND NOT totp_enabled', [userId, secret]);
  }

  async enableTotp(userId: string, step: number): Promise<void> {
    await this.db.query('UPDATE users SET totp_enabled = true, totp_last_step = $2, updated_at = now() WHERE id = $1', [userId, step]);
  }

  async disableTotp(userId: string): Promise<void> {
    await this.db.query('UPDATE users SET totp_enabled = false, totp_secret = NULL, totp_last_step = 0, updated_at = now() WHERE id = $1', [userId]);
    await this.db.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
  }

  /** Records a used TOTP step; false if another request used this step or a later one first. */
  async advanceTotpStep(userId: string, step: number): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2', [userId, step]);
    return (rowCount ?? 0) > 0;
  }

  async replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void> {
    await this.db.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
    await this.db.query('INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])', [userId, hashes]);
  }

  /** Marks one unused recovery code as used; false if it is unknown or already used. */
  async useRecoveryCode(userId: string, hash: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL',
      [userId, hash],
    );
    return (rowCount ?? 0) > 0;
  }

  async unusedRecoveryCodes(userId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL', [userId]);
    return Number(rows[0]?.n ?? 0);
  }
}
