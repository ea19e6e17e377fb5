// SQL for Vault: accounts, vaults and members, items, attachments and idempotent-write records; every method takes the transaction it runs in.
import type { Queryable } from '../../../bff/db/pool';
import type { ItemView, KdfParams, MemberView, PersonView, VaultRole, VaultView } from '../shared/wire';

export interface AccountRow {
  kdf: KdfParams;
  authHash: string;
  wrappedUserKey: string;
  publicKey: string;
  wrappedPrivateKey: string;
  autoLockMinutes: number;
}

/** A vault as locked for a write: who owns it and its current key. */
export interface VaultRow {
  id: string;
  ownerId: string;
  keyVersion: number;
}

const ms = (d: Date | null): number | null => (d ? d.getTime() : null);

type ItemRow = { id: string; vault_id: string; revision: number; key_version: number; data: string; created_at: Date; updated_at: Date; deleted_at: Date | null };
const ITEM_COLUMNS = 'i.id, i.vault_id, i.revision, i.key_version, i.data, i.created_at, i.updated_at, i.deleted_at';
const toItem = (r: ItemRow): ItemView => ({
  id: r.id,
  vaultId: r.vault_id,
  revision: r.revision,
  keyVersion: r.key_version,
  data: r.data,
  createdAt: r.created_at.getTime(),
  updatedAt: r.updated_at.getTime(),
  deletedAt: ms(r.deleted_at),
});

type VaultViewRow = {
  id: string;
  name: string;
  role: VaultRole;
  sealed_key: string;
  key_version: number;
  owner_id: string;
  owner_name: string;
  member_count: number;
  created_at: Date;
};
const toVault = (r: VaultViewRow): VaultView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  sealedKey: r.sealed_key,
  keyVersion: r.key_version,
  owner: { id: r.owner_id, name: r.owner_name },
  memberCount: r.member_count,
  createdAt: r.created_at.getTime(),
});

export class VaultStore {
  // ---- accounts ----

  async account(q: Queryable, userId: string): Promise<AccountRow | null> {
    const { rows } = await q.query<{ kdf: KdfParams; auth_hash: string; wrapped_user_key: string; public_key: string; wrapped_private_key: string; auto_lock_minutes: number }>(
      'SELECT kdf, auth_hash, wrapped_user_key, public_key, wrapped_private_key, auto_lock_minutes FROM vault_accounts WHERE user_id = $1',
      [userId],
    );
    const r = rows[0];
    return r
      ? { kdf: r.kdf, authHash: r.auth_hash, wrappedUserKey: r.wrapped_user_key, publicKey: r.public_key, wrappedPrivateKey: r.wrapped_private_key, autoLockMinutes: r.auto_lock_minutes }
      : null;
  }

  /** False when the user already has an account. */
  async insertAccount(q: Queryable, userId: string, a: Omit<AccountRow, 'autoLockMinutes'>): Promise<boolean> {
    const { rowCount } = await q.query(
      `INSERT INTO vault_accounts (user_id, kdf, auth_hash, wrapped_user_key, public_key, wrapped_private_key)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id) DO NOTHING`,
      [userId, JSON.stringify(a.kdf), a.authHash, a.wrappedUserKey, a.publicKey, a.wrappedPrivateKey],
    );
    return rowCount === 1;
  }

  /** Replaces the master-key material, only if the hash is still the one the old key was checked against. */
  async changePassword(q: Queryable, userId: string, oldHash: string, next: { kdf: KdfParams; authHash: string; wrappedUserKey: string }): Promise<boolean> {
    const { rowCount } = await q.query(
      'UPDATE vault_accounts SET kdf = $3, auth_hash = $4, wrapped_user_key = $5, updated_at = now() WHERE user_id = $1 AND auth_hash = $2',
      [userId, oldHash, JSON.stringify(next.kdf), next.authHash, next.wrappedUserKey],
    );
    return rowCount === 1;
  }

  async setAutoLock(q: Queryable, userId: string, minutes: number): Promise<boolean> {
    const { rowCount } = await q.query('UPDATE vault_accounts SET auto_lock_minutes = $2, updated_at = now() WHERE user_id = $1', [userId, minutes]);
    return rowCount === 1;
  }

  async people(q: Queryable, exceptId: string): Promise<PersonView[]> {
    const { rows } = await q.query<PersonView>(
      'SELECT u.id AS "userId", u.name, a.public_key AS "publicKey" FROM vault_accounts a JOIN users u ON u.id = a.user_id WHERE u.id <> $1 ORDER BY u.name',
      [exceptId],
    );
    return rows;
  }

  // ---- vaults and members ----

  /** The caller's vaults (or the one named), as the caller sees them. */
  async vaultsOf(q: Queryable, userId: string, vaultId?: string): Promise<VaultView[]> {
    const { rows } = await q.query<VaultViewRow>(
      `SELECT v.id, v.name, m.role, m.sealed_key, v.key_version, v.owner_id, o.name AS owner_name, v.created_at,
              (SELECT count(*) FROM vault_members x WHERE x.vault_id = v.id)::int AS member_count
         FROM vault_members m JOIN vaults v ON v.id = m.vault_id JOIN users o ON o.id = v.owner_id
        WHERE m.user_id = $1 AND ($2::uuid IS NULL OR v.id = $2)
        ORDER BY v.created_at, v.id`,
      [userId, vaultId ?? null],
    );
    return rows.map(toVault);
  }

  /** Locks a vault row: `share` for item writes (many at once), `update` for writes to the vault itself (re-key, members, rename, delete). */
  async lockVault(q: Queryable, id: string, mode: 'share' | 'update'): Promise<VaultRow | null> {
    const { rows } = await q.query<{ id: string; owner_id: string; key_version: number }>(
      `SELECT id, owner_id, key_version FROM vaults WHERE id = $1 FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`,
      [id],
    );
    const r = rows[0];
    return r ? { id: r.id, ownerId: r.owner_id, keyVersion: r.key_version } : null;
  }

  /** False when the id is taken. */
  async insertVault(q: Queryable, v: { id: string; ownerId: string; name: string; sealedKey: string }): Promise<boolean> {
    const { rowCount } = await q.query('INSERT INTO vaults (id, owner_id, name) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [v.id, v.ownerId, v.name]);
    if (rowCount !== 1) return false;
    await q.query(`INSERT INTO vault_members (vault_id, user_id, role, sealed_key) VALUES ($1, $2, 'owner', $3)`, [v.id, v.ownerId, v.sealedKey]);
    return true;
  }

  async renameVault(q: Queryable, id: string, name: string): Promise<void> {
    await q.query('UPDATE vaults SET name = $2, updated_at = now() WHERE id = $1', [id, name]);
  }

  async deleteVault(q: Queryable, id: string): Promise<void> {
    await q.query('DELETE FROM vaults WHERE id = $1', [id]);
  }

  async role(q: Queryable, vaultId: string, userId: string): Promise<VaultRole | null> {
    const { rows } = await q.query<{ role: VaultRole }>('SELECT role FROM vault_members WHERE vault_id = $1 AND user_id = $2', [vaultId, userId]);
    return rows[0]?.role ?? null;
  }

  async memberIds(q: Queryable, vaultId: string): Promise<string[]> {
    const { rows } = await q.query<{ user_id: string }>('SELECT user_id FROM vault_members WHERE vault_id = $1', [vaultId]);
    return rows.map((r) => r.user_id);
  }

  async members(q: Queryable, vaultId: string): Promise<MemberView[]> {
    const { rows } = await q.query<MemberView>(
      `SELECT m.user_id AS "userId", u.name, m.role, a.public_key AS "publicKey"
         FROM vault_members m JOIN users u ON u.id = m.user_id JOIN vault_accounts a ON a.user_id = m.user_id
        WHERE m.vault_id = $1 ORDER BY (m.role = 'owner') DESC, u.name`,
      [vaultId],
    );
    return rows;
  }

  async upsertMember(q: Queryable, vaultId: string, userId: string, role: 'write' | 'read', sealedKey: string): Promise<void> {
    await q.query(
      `INSERT INTO vault_members (vault_id, user_id, role, sealed_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT (vault_id, user_id) DO UPDATE SET role = excluded.role, sealed_key = excluded.sealed_key`,
      [vaultId, userId, role, sealedKey],
    );
  }

  /** False when the user is not a member other than the owner. */
  async setRole(q: Queryable, vaultId: string, userId: string, role: 'write' | 'read'): Promise<boolean> {
    const { rowCount } = await q.query(`UPDATE vault_members SET role = $3 WHERE vault_id = $1 AND user_id = $2 AND role <> 'owner'`, [vaultId, userId, role]);
    return rowCount === 1;
  }

  async removeMembers(q: Queryable, vaultId: string, userIds: string[]): Promise<void> {
    if (userIds.length) await q.query(`DELETE FROM vault_members WHERE vault_id = $1 AND user_id = ANY($2::uuid[]) AND role <> 'owner'`, [vaultId, userIds]);
  }

  /** After a re-key: the vault's new key, name and every member's new sealed key. */
  async rekeyVault(q: Queryable, vaultId: string, name: string, sealed: { userId: string; sealedKey: string }[]): Promise<void> {
    await q.query('UPDATE vaults SET key_version = key_version + 1, name = $2, updated_at = now() WHERE id = $1', [vaultId, name]);
    await q.query(
      `UPDATE vault_members m SET sealed_key = s.sealed_key
         FROM unnest($2::uuid[], $3::text[]) AS s(user_id, sealed_key)
        WHERE m.vault_id = $1 AND m.user_id = s.user_id`,
      [vaultId, sealed.map((s) => s.userId), sealed.map((s) => s.sealedKey)],
    );
  }

  // ---- items ----

  async itemsOf(q: Queryable, userId: string, vaultId?: string): Promise<ItemView[]> {
    const { rows } = await q.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM vault_items i JOIN vault_members m ON m.vault_id = i.vault_id AND m.user_id = $1
        WHERE ($2::uuid IS NULL OR i.vault_id = $2) ORDER BY i.created_at, i.id`,
      [userId, vaultId ?? null],
    );
    return rows.map(toItem);
  }

  /** One item, whoever may see it; `lock` takes its row for an update. */
  async item(q: Queryable, id: string, lock = false): Promise<ItemView | null> {
    const { rows } = await q.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM vault_items i WHERE i.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toItem(rows[0]) : null;
  }

  /** The item if the user is a member of its vault. */
  async visibleItem(q: Queryable, userId: string, id: string): Promise<ItemView | null> {
    const { rows } = await q.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM vault_items i JOIN vault_members m ON m.vault_id = i.vault_id AND m.user_id = $1 WHERE i.id = $2`,
      [userId, id],
    );
    return rows[0] ? toItem(rows[0]) : null;
  }

  /** Inserts new items at revision 1; the ids already taken (then nothing should be kept: the caller rolls back). */
  async insertItems(q: Queryable, vaultId: string, keyVersion: number, items: { id: string; data: string }[]): Promise<{ inserted: ItemView[]; taken: number }> {
    const { rows } = await q.query<ItemRow>(
      `INSERT INTO vault_items AS i (id, vault_id, revision, key_version, data)
       SELECT n.id, $1, 1, $2, n.data FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS n(id, data, ord) ORDER BY n.ord
       ON CONFLICT (id) DO NOTHING
       RETURNING ${ITEM_COLUMNS}`,
      [vaultId, keyVersion, items.map((i) => i.id), items.map((i) => i.data)],
    );
    return { inserted: rows.map(toItem), taken: items.length - rows.length };
  }

  /** Writes a new body (and perhaps vault) over a locked item, one revision on. */
  async writeItem(q: Queryable, id: string, w: { data: string; keyVersion: number; vaultId: string }): Promise<ItemView> {
    const { rows } = await q.query<ItemRow>(
      `UPDATE vault_items i SET data = $2, key_version = $3, vault_id = $4, revision = revision + 1, updated_at = now() WHERE id = $1 RETURNING ${ITEM_COLUMNS}`,
      [id, w.data, w.keyVersion, w.vaultId],
    );
    return toItem(rows[0]!);
  }

  async setTrashed(q: Queryable, id: string, trashed: boolean): Promise<ItemView> {
    const { rows } = await q.query<ItemRow>(
      `UPDATE vault_items i SET deleted_at = ${trashed ? 'now()' : 'NULL'}, revision = revision + 1, updated_at = now() WHERE id = $1 RETURNING ${ITEM_COLUMNS}`,
      [id],
    );
    return toItem(rows[0]!);
  }

  async deleteItem(q: Queryable, id: string): Promise<void> {
    await q.query('DELETE FROM vault_items WHERE id = $1', [id]);
  }

  /** Every item of a vault, trash included, locked for the re-key. */
  async lockRevisions(q: Queryable, vaultId: string): Promise<Map<string, number>> {
    const { rows } = await q.query<{ id: string; revision: number }>('SELECT id, revision FROM vault_items WHERE vault_id = $1 ORDER BY id FOR UPDATE', [vaultId]);
    return new Map(rows.map((r) => [r.id, r.revision]));
  }

  /** Re-encrypted bodies under the vault's new key, each one revision on. */
  async rekeyItems(q: Queryable, vaultId: string, keyVersion: number, items: { id: string; data: string }[]): Promise<void> {
    const CHUNK = 2000;
    for (let i = 0; i < items.length; i += CHUNK) {
      const part = items.slice(i, i + CHUNK);
      await q.query(
        `UPDATE vault_items i SET data = n.data, key_version = $2, revision = i.revision + 1, updated_at = now()
           FROM unnest($3::uuid[], $4::text[]) AS n(id, data)
          WHERE i.vault_id = $1 AND i.id = n.id`,
        [vaultId, keyVersion, part.map((p) => p.id), part.map((p) => p.data)],
      );
    }
  }

  // ---- attachments ----

  /** Stores (or, retried, replaces) an attachment of `itemId`; false when the id belongs to another item's attachment. */
  async putAttachment(q: Queryable, a: { id: string; itemId: string; data: Buffer }): Promise<boolean> {
    const { rowCount } = await q.query(
      `INSERT INTO vault_attachments AS a (id, item_id, data, size) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data, size = excluded.size WHERE a.item_id = excluded.item_id`,
      [a.id, a.itemId, a.data, a.data.length],
    );
    return rowCount === 1;
  }

  /** The attachment's item and vault, if the user is a member of that vault. */
  async attachmentPlace(q: Queryable, userId: string, id: string): Promise<{ itemId: string; vaultId: string; role: VaultRole } | null> {
    const { rows } = await q.query<{ item_id: string; vault_id: string; role: VaultRole }>(
      `SELECT a.item_id, i.vault_id, m.role FROM vault_attachments a JOIN vault_items i ON i.id = a.item_id
         JOIN vault_members m ON m.vault_id = i.vault_id AND m.user_id = $1 WHERE a.id = $2`,
      [userId, id],
    );
    const r = rows[0];
    return r ? { itemId: r.item_id, vaultId: r.vault_id, role: r.role } : null;
  }

  async attachmentData(q: Queryable, id: string): Promise<Buffer | null> {
    const { rows } = await q.query<{ data: Buffer }>('SELECT data FROM vault_attachments WHERE id = $1', [id]);
    return rows[0]?.data ?? null;
  }

  async deleteAttachment(q: Queryable, id: string): Promise<void> {
    await q.query('DELETE FROM vault_attachments WHERE id = $1', [id]);
  }

  // ---- idempotent writes ----

  /**
   * Claims (user, key) for this write. False when it was claimed before — by a committed write, whose result
   * `request` then returns; a concurrent claim not yet committed makes this wait for its outcome.
   */
  async claimRequest(q: Queryable, userId: string, key: string, op: string): Promise<boolean> {
    const { rowCount } = await q.query('INSERT INTO vault_requests (user_id, key, op) VALUES ($1, $2, $3) ON CONFLICT (user_id, key) DO NOTHING', [userId, key, op]);
    return rowCount === 1;
  }

  async request(q: Queryable, userId: string, key: string): Promise<{ op: string; result: unknown } | null> {
    const { rows } = await q.query<{ op: string; result: unknown }>('SELECT op, result FROM vault_requests WHERE user_id = $1 AND key = $2', [userId, key]);
    return rows[0] ?? null;
  }

  async finishRequest(q: Queryable, userId: string, key: string, result: unknown): Promise<void> {
    await q.query('UPDATE vault_requests SET result = $3 WHERE user_id = $1 AND key = $2', [userId, key, JSON.stringify(result)]);
  }

  /** Forgets requests older than a day: a retry comes within seconds, not days. */
  async sweepRequests(q: Queryable): Promise<void> {
    await q.query(`DELETE FROM vault_requests WHERE created_at < now() - interval '24 hours'`);
  }
}
