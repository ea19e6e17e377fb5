// The encrypted backup file: every live item as JSON, encrypted under a key from the master password with fresh KDF parameters.
import { KdfParams } from '../../shared/wire';
import { AD, decryptJson, encryptJson } from './cipher';
import { deriveKeys, KdfRefused, newKdf } from './kdf';
import { normalizeItem } from './items';
import { VaultError, type PlainItem } from './types';

export const BACKUP_FORMAT = 'olares-vault-backup';

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: 1;
  kdf: KdfParams;
  /** `v1.<iv>.<ct>` of JSON `{ items: PlainItem[] }`. */
  data: string;
}

/**
 * Attachments are not in the backup: their references point at files on this server, and their keys
 * without the files would be of no use elsewhere.
 */
export async function createBackup(items: PlainItem[], password: string): Promise<string> {
  const kdf = newKdf();
  const { encKey } = await deriveKeys(password, kdf);
  const data = await encryptJson(encKey, { items: items.map((i) => ({ ...i, attachments: [] })) }, AD.backup);
  const file: BackupFile = { format: BACKUP_FORMAT, version: 1, kdf, data };
  return JSON.stringify(file, null, 2);
}

/** Reads a backup: not a backup → VaultError('badImport'); another password or a changed file → VaultError('wrongPassword'). */
export async function importBackup(text: string, password: string): Promise<PlainItem[]> {
  let file: Partial<BackupFile>;
  try {
    file = JSON.parse(text) as Partial<BackupFile>;
  } catch (_e) {
    throw new VaultError('badImport', 'This file is not JSON, so it is not a Vault backup.');
  }
  if (typeof file !== 'object' || file === null || file.format !== BACKUP_FORMAT) throw new VaultError('badImport', 'This file is not an Olares Vault backup.');
  if (file.version !== 1) throw new VaultError('badImport', `This backup has version ${String(file.version)}; this Vault reads version 1.`);
  const kdf = KdfParams.safeParse(file.kdf);
  if (!kdf.success || typeof file.data !== 'string') throw new VaultError('badImport', 'This backup is incomplete.');
  let encKey: CryptoKey;
  try {
    ({ encKey } = await deriveKeys(password, kdf.data));
  } catch (e) {
    if (e instanceof KdfRefused) throw new VaultError('badImport', `This backup's key derivation settings are outside what Vault allows (${e.problem}).`);
    throw e;
  }
  let body: unknown;
  try {
    body = await decryptJson(encKey, file.data, AD.backup);
  } catch (e) {
    if (e instanceof VaultError && e.code === 'tampered') throw new VaultError('wrongPassword', 'The password does not open this backup (or the file was changed).');
    throw e;
  }
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new VaultError('badImport', 'This backup holds no item list.');
  return items.map((i, n) => {
    try {
      return normalizeItem(i);
    } catch (_e) {
      throw new VaultError('badImport', `Item ${n + 1} of the backup is not a Vault item.`);
    }
  });
}
