// What crosses the wire between Vault's browser half and its server: ciphertext formats, KDF parameters and their floor, and every procedure's input.
import { z } from 'zod';

/**
 * The KDF floor the server enforces (issue 6): Argon2id with at least 64 MiB and 3 iterations, or
 * PBKDF2-SHA256 with at least 600,000 iterations. The ceilings keep one user from setting parameters
 * that would stall another device for minutes.
 */
export const KDF_FLOOR = { argon2id: { memoryKiB: 65_536, iterations: 3 }, pbkdf2: { iterations: 600_000 } } as const;
export const KDF_CEILING = { argon2id: { memoryKiB: 1_048_576, iterations: 20, parallelism: 16 }, pbkdf2: { iterations: 10_000_000 } } as const;
/** What a new account gets. */
export const DEFAULT_KDF = { alg: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 1 } as const;

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
const b64 = (what: string, minBytes: number, maxBytes: number) =>
  z
    .string()
    .regex(B64, `${what} must be base64`)
    .min(Math.ceil((minBytes * 4) / 3), `${what} is too short`)
    .max(Math.ceil(maxBytes / 3) * 4, `${what} is too long`);

/** A random salt, 16 to 64 bytes, base64. */
export const Salt = b64('the salt', 16, 64);

/**
 * KDF parameters as stored for an account. The shape is checked here; the floor and ceiling are checked
 * by the server's service (reason `vault.kdfTooWeak` / `vault.kdfTooCostly`) so the client gets a clear message.
 */
export const KdfParams = z.discriminatedUnion('alg', [
  z.object({
    alg: z.literal('argon2id'),
    memoryKiB: z.number().int().positive(),
    iterations: z.number().int().positive(),
    parallelism: z.number().int().min(1).max(KDF_CEILING.argon2id.parallelism),
    salt: Salt,
  }),
  z.object({ alg: z.literal('pbkdf2-sha256'), iterations: z.number().int().positive(), salt: Salt }),
]);
export type KdfParams = z.infer<typeof KdfParams>;

/** Why a KDF is refused, or null when it is within floor and ceiling. */
export function kdfProblem(kdf: KdfParams): 'tooWeak' | 'tooCostly' | null {
  if (kdf.alg === 'argon2id') {
    if (kdf.memoryKiB < KDF_FLOOR.argon2id.memoryKiB || kdf.iterations < KDF_FLOOR.argon2id.iterations) return 'tooWeak';
    if (kdf.memoryKiB > KDF_CEILING.argon2id.memoryKiB || kdf.iterations > KDF_CEILING.argon2id.iterations) return 'tooCostly';
    return null;
  }
  if (kdf.iterations < KDF_FLOOR.pbkdf2.iterations) return 'tooWeak';
  if (kdf.iterations > KDF_CEILING.pbkdf2.iterations) return 'tooCostly';
  return null;
}

/**
 * AES-256-GCM ciphertext: `v1.<12-byte IV, base64>.<ciphertext with its 16-byte tag, base64>`.
 * The server checks only the shape; it never holds a key that opens one.
 */
export const CIPHER_RE = /^v1\.[A-Za-z0-9+/]{16}\.[A-Za-z0-9+/]+={0,2}$/;
export const cipherText = (what: string, maxChars: number) => z.string().max(maxChars, `${what} is too large`).regex(CIPHER_RE, `${what} must be Vault ciphertext`);
/** An item's encrypted body (fields, notes, history, attachment keys): up to 256 KiB of ciphertext. */
export const ItemData = cipherText('the item', 262_144);
/** A short encrypted label (a vault's name). */
export const NameData = cipherText('the name', 4_096);
/** A key wrapped by another symmetric key (the user key under the master key, the private key under the user key). */
export const WrappedKey = cipherText('the wrapped key', 8_192);
/** A vault key wrapped for one member with RSA-OAEP-SHA256 under their public key: `rsa1.<base64>`. */
export const SealedKey = z.string().max(2_048, 'the sealed key is too long').regex(/^rsa1\.[A-Za-z0-9+/]+={0,2}$/, 'the sealed key must be an RSA-OAEP envelope');
/** A user's public key: RSA-OAEP 3072 (or larger) SubjectPublicKeyInfo, base64. */
export const PublicKey = b64('the public key', 290, 1_100);
/** The authentication key derived from the master key (HKDF, 32 bytes, base64); the server stores only its Argon2 hash. */
export const AuthKey = b64('the authentication key', 32, 32);
/** A client-chosen key making a write safe to retry: the same key is applied once. */
export const IdempotencyKey = z.string().uuid('the idempotency key must be a UUID');
/** An attachment's encrypted bytes, base64 (its key lives inside the item): up to 10 MiB of plaintext. */
export const AttachmentData = z.string().max(14_000_000, 'the attachment is larger than 10 MiB').regex(B64, 'the attachment must be base64');

const id = (what: string) => z.string().uuid(`${what} must be a UUID`);
export const VaultRole = z.enum(['owner', 'write', 'read']);
export type VaultRole = z.infer<typeof VaultRole>;

/** Procedure inputs, one per procedure of the `vault` router (bff path `vault.<group>.<name>`). */
export const Inputs = {
  setup: z.object({
    kdf: KdfParams,
    authKey: AuthKey,
    wrappedUserKey: WrappedKey,
    publicKey: PublicKey,
    wrappedPrivateKey: WrappedKey,
    /** The first vault, created with the account in one transaction. */
    vault: z.object({ id: id('the vault id'), name: NameData, sealedKey: SealedKey }),
  }),
  changePassword: z.object({ oldAuthKey: AuthKey, kdf: KdfParams, authKey: AuthKey, wrappedUserKey: WrappedKey }),
  verify: z.object({ authKey: AuthKey }),
  settings: z.object({ autoLockMinutes: z.number().int().min(0).max(1440) }),
  createVault: z.object({ id: id('the vault id'), name: NameData, sealedKey: SealedKey }),
  renameVault: z.object({ vaultId: id('the vault id'), name: NameData, keyVersion: z.number().int().positive() }),
  vaultId: z.object({ vaultId: id('the vault id') }),
  addMember: z.object({ vaultId: id('the vault id'), userId: id('the user id'), role: z.enum(['write', 'read']), sealedKey: SealedKey, keyVersion: z.number().int().positive() }),
  setMemberRole: z.object({ vaultId: id('the vault id'), userId: id('the user id'), role: z.enum(['write', 'read']) }),
  /**
   * A new vault key: every live and trashed item re-encrypted under it, sealed anew for each remaining
   * member; `removeUserIds` leave in the same transaction. Stale (`fromKeyVersion` or any item revision
   * no longer current, or an item missing) → CONFLICT `vault.rekeyStale`.
   */
  rekey: z.object({
    vaultId: id('the vault id'),
    fromKeyVersion: z.number().int().positive(),
    name: NameData,
    removeUserIds: z.array(id('the user id')).max(1000),
    members: z.array(z.object({ userId: id('the user id'), sealedKey: SealedKey })).min(1).max(1000),
    items: z.array(z.object({ id: id('the item id'), revision: z.number().int().positive(), data: ItemData })).max(100_000),
    idempotencyKey: IdempotencyKey,
  }),
  listItems: z.object({ vaultId: id('the vault id').optional() }).optional(),
  getItem: z.object({ id: id('the item id') }),
  createItem: z.object({ id: id('the item id'), vaultId: id('the vault id'), data: ItemData, keyVersion: z.number().int().positive(), idempotencyKey: IdempotencyKey }),
  /** A change from `baseRevision`; a different current revision → CONFLICT `vault.conflict` with the current item in details. `vaultId` moves it (data re-encrypted for the target). */
  updateItem: z.object({
    id: id('the item id'),
    baseRevision: z.number().int().positive(),
    data: ItemData,
    keyVersion: z.number().int().positive(),
    vaultId: id('the vault id').optional(),
    idempotencyKey: IdempotencyKey,
  }),
  /** To the trash (`permanent: false`), out of it (`restore`), or gone for good. */
  trashItem: z.object({ id: id('the item id'), baseRevision: z.number().int().positive(), idempotencyKey: IdempotencyKey }),
  restoreItem: z.object({ id: id('the item id'), baseRevision: z.number().int().positive(), idempotencyKey: IdempotencyKey }),
  deleteItem: z.object({ id: id('the item id'), baseRevision: z.number().int().positive() }),
  /** Many items at once (an import), all or none. */
  importItems: z.object({
    vaultId: id('the vault id'),
    keyVersion: z.number().int().positive(),
    items: z.array(z.object({ id: id('the item id'), data: ItemData })).min(1).max(10_000),
    idempotencyKey: IdempotencyKey,
  }),
  putAttachment: z.object({ id: id('the attachment id'), itemId: id('the item id'), data: AttachmentData }),
  attachmentId: z.object({ id: id('the attachment id') }),
};

/** The caller's Vault account as the server keeps it (nothing here opens anything without the master password). */
export type AccountView =
  | { setUp: false }
  | { setUp: true; kdf: KdfParams; wrappedUserKey: string; publicKey: string; wrappedPrivateKey: string; autoLockMinutes: number };

export interface VaultView {
  id: string;
  /** Encrypted under the vault key. */
  name: string;
  role: VaultRole;
  /** The vault key sealed for the caller. */
  sealedKey: string;
  keyVersion: number;
  owner: { id: string; name: string };
  memberCount: number;
  createdAt: number;
}

export interface MemberView {
  userId: string;
  name: string;
  role: VaultRole;
  /** Base64 SPKI, so the owner can show a fingerprint. */
  publicKey: string;
}

/** Another user of this Olares who has set up Vault, with the key to seal a vault key for them. */
export interface PersonView {
  userId: string;
  name: string;
  publicKey: string;
}

export interface ItemView {
  id: string;
  vaultId: string;
  revision: number;
  keyVersion: number;
  data: string;
  createdAt: number;
  updatedAt: number;
  /** Set while the item is in the trash. */
  deletedAt: number | null;
}

/** Pushed to every member's sockets as the user event `vault.changed` after any write to a vault (or to the vault list: `vaultId` null). */
export interface VaultChanged {
  vaultId: string | null;
  itemIds: string[];
}
