// The plaintext side of Vault, as only the browser ever sees it: item kinds, decrypted views, errors, and the client the UI drives.
import type { KdfParams, MemberView, PersonView, VaultRole } from '../../shared/wire';

export type ItemKind = 'login' | 'note' | 'card' | 'identity' | 'sshKey';

export interface CustomField {
  name: string;
  value: string;
  type: 'text' | 'hidden' | 'boolean';
}

/** An encrypted file belonging to an item; its random AES-256 key lives here, inside the item's ciphertext. */
export interface AttachmentRef {
  id: string;
  name: string;
  size: number;
  mime: string;
  /** Base64 raw AES-256-GCM key. */
  key: string;
}

export interface PasswordChange {
  password: string;
  /** When it stopped being the password (ms since epoch). */
  changedAt: number;
}

interface ItemBase {
  name: string;
  notes: string;
  favourite: boolean;
  /** Folder path, '' for none ("Work/Servers" nests). */
  folder: string;
  tags: string[];
  fields: CustomField[];
  attachments: AttachmentRef[];
  /** Previous passwords of a login, newest first (kept to 20). */
  passwordHistory: PasswordChange[];
}

export interface LoginItem extends ItemBase {
  kind: 'login';
  login: { username: string; password: string; uris: string[]; /** otpauth:// URI or a base32 secret; '' for none. */ totp: string };
}
export interface NoteItem extends ItemBase {
  kind: 'note';
}
export interface CardItem extends ItemBase {
  kind: 'card';
  card: { cardholder: string; brand: string; number: string; expMonth: string; expYear: string; code: string };
}
export interface IdentityItem extends ItemBase {
  kind: 'identity';
  identity: {
    title: string;
    firstName: string;
    middleName: string;
    lastName: string;
    email: string;
    phone: string;
    company: string;
    address1: string;
    address2: string;
    city: string;
    state: string;
    postalCode: string;
    country: string;
    username: string;
    passport: string;
    license: string;
    ssn: string;
  };
}
export interface SshKeyItem extends ItemBase {
  kind: 'sshKey';
  sshKey: { privateKey: string; publicKey: string; fingerprint: string };
}

/** What an item's ciphertext holds (JSON, then AES-256-GCM under the vault key with the item id as associated data). */
export type PlainItem = LoginItem | NoteItem | CardItem | IdentityItem | SshKeyItem;

/** An item as the UI holds it: server metadata plus the decrypted body. */
export interface DecryptedItem {
  id: string;
  vaultId: string;
  revision: number;
  keyVersion: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  item: PlainItem;
}

/** An item whose ciphertext failed authentication (changed outside Vault): shown as damaged, never silently dropped. */
export interface DamagedItem {
  id: string;
  vaultId: string;
  revision: number;
  reason: 'tampered';
}

export interface VaultInfo {
  id: string;
  name: string;
  role: VaultRole;
  keyVersion: number;
  owner: { id: string; name: string };
  memberCount: number;
  createdAt: number;
}

export type VaultErrorCode =
  | 'wrongPassword' // the master password does not open the account (or the backup)
  | 'tampered' // a ciphertext failed its authentication tag
  | 'conflict' // someone changed the item since it was read; `current` holds their version
  | 'notSetUp'
  | 'locked'
  | 'badImport'; // a file that is not what it claims to be; `message` says what is wrong

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    /** For `conflict`: the item as it is now on the server (null when it was deleted). */
    readonly current?: DecryptedItem | null,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

export { type KdfParams, type MemberView, type PersonView, type VaultRole };

/**
 * Everything the UI asks of Vault; implemented by core/client.ts over the `vault` tRPC router. Keys stay
 * inside the client (never in Pinia state, never in storage); `lock()` forgets them.
 */
export interface VaultClientApi {
  readonly unlocked: boolean;
  /** null: not set up yet. */
  status(): Promise<{ setUp: boolean; autoLockMinutes: number }>;
  /** Creates the account and a first vault named `firstVaultName`; unlocked afterwards. */
  setup(masterPassword: string, firstVaultName: string): Promise<void>;
  /** Throws VaultError('wrongPassword'). */
  unlock(masterPassword: string): Promise<void>;
  lock(): void;
  /** Re-wraps the user key under a key from the new password (fresh salt); items are not re-encrypted. */
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  /** True when the password is the master password (for export, which asks again). */
  verifyPassword(masterPassword: string): Promise<boolean>;
  setAutoLock(minutes: number): Promise<void>;

  vaults(): Promise<VaultInfo[]>;
  createVault(name: string): Promise<VaultInfo>;
  renameVault(vaultId: string, name: string): Promise<void>;
  deleteVault(vaultId: string): Promise<void>;

  /** Every item of every vault the caller belongs to, trash included; damaged ones apart. */
  items(): Promise<{ items: DecryptedItem[]; damaged: DamagedItem[] }>;
  item(id: string): Promise<DecryptedItem>;
  createItem(vaultId: string, item: PlainItem): Promise<DecryptedItem>;
  /** Throws VaultError('conflict', …, current) when the server's revision moved on. Moves the item when `toVaultId` differs. */
  updateItem(base: DecryptedItem, item: PlainItem, toVaultId?: string): Promise<DecryptedItem>;
  trashItem(base: DecryptedItem): Promise<DecryptedItem>;
  restoreItem(base: DecryptedItem): Promise<DecryptedItem>;
  deleteItem(base: DecryptedItem): Promise<void>;
  importItems(vaultId: string, items: PlainItem[]): Promise<DecryptedItem[]>;

  /** Encrypts and uploads a file, then saves the item with its reference; returns the saved item. */
  addAttachment(base: DecryptedItem, file: { name: string; mime: string; bytes: Uint8Array }): Promise<DecryptedItem>;
  openAttachment(ref: AttachmentRef): Promise<Uint8Array>;
  removeAttachment(base: DecryptedItem, attachmentId: string): Promise<DecryptedItem>;

  /** Other users of this Olares who have set up Vault. */
  people(): Promise<PersonView[]>;
  members(vaultId: string): Promise<MemberView[]>;
  share(vaultId: string, person: PersonView, role: 'read' | 'write'): Promise<void>;
  setMemberRole(vaultId: string, userId: string, role: 'read' | 'write'): Promise<void>;
  /** Removes members and re-keys the vault: new key, every item re-encrypted, sealed anew for those who stay. */
  removeMembers(vaultId: string, userIds: string[]): Promise<void>;
  leaveVault(vaultId: string): Promise<void>;
  /** A short, comparable fingerprint of a public key (to check out of band whom a vault is shared with). */
  fingerprint(publicKeyB64: string): Promise<string>;

  /** A JSON backup encrypted under the master password (asked again); readable by importBackup. */
  exportEncrypted(masterPassword: string): Promise<string>;
  /** A Bitwarden-compatible unencrypted JSON export (asked again). */
  exportBitwarden(masterPassword: string): Promise<string>;
  /** Reads a file made by exportEncrypted with the password it was made under (VaultError wrongPassword / badImport); import the items with importItems. */
  readBackup(text: string, password: string): Promise<PlainItem[]>;
}
