// AES-256-GCM as Vault uses it: the "v1.<iv>.<ct>" text format, associated data that binds a ciphertext to its place, and raw-key helpers.
import { CIPHER_RE } from '../../shared/wire';
import { concatBytes, fromB64, fromUtf8, ownBytes, randomBytes, toB64, utf8, type Bytes } from './encoding';
import { VaultError } from './types';

/**
 * Associated data for each kind of ciphertext: a blob moved from one place to another (an item's data
 * copied onto another item, a vault name onto another vault) fails its tag.
 */
export const AD = {
  item: (itemId: string) => `olares-vault item ${itemId}`,
  vaultName: (vaultId: string) => `olares-vault vault-name ${vaultId}`,
  attachment: (attachmentId: string) => `olares-vault attachment ${attachmentId}`,
  userKey: 'olares-vault user-key',
  privateKey: 'olares-vault private-key',
  backup: 'olares-vault backup',
} as const;

const IV_BYTES = 12;

/** Imports 32 raw bytes as a non-extractable AES-256-GCM key. */
export async function aesKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== 32) throw new Error('an AES-256 key is 32 bytes');
  return crypto.subtle.importKey('raw', ownBytes(raw), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** A fresh random AES-256 key as raw bytes (for sealing or storing inside an item) and as a CryptoKey. */
export async function newAesKey(): Promise<{ raw: Bytes; key: CryptoKey }> {
  const raw = randomBytes(32);
  return { raw, key: await aesKey(raw) };
}

/** Encrypts with a fresh 12-byte IV; returns IV ‖ ciphertext ‖ tag. */
export async function sealBytes(key: CryptoKey, plain: Uint8Array, ad: string): Promise<Bytes> {
  const iv = randomBytes(IV_BYTES);
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(ad) }, key, ownBytes(plain)));
  const out = new Uint8Array(IV_BYTES + ct.length);
  out.set(iv, 0);
  out.set(ct, IV_BYTES);
  return out;
}

/** Opens IV ‖ ciphertext ‖ tag; a wrong key, a changed byte or other associated data → VaultError('tampered'). */
export async function openBytes(key: CryptoKey, sealed: Uint8Array, ad: string): Promise<Bytes> {
  if (sealed.length < IV_BYTES + 16) throw new VaultError('tampered', 'The ciphertext is too short.');
  try {
    const iv = ownBytes(sealed.subarray(0, IV_BYTES));
    const ct = ownBytes(sealed.subarray(IV_BYTES));
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8(ad) }, key, ct));
  } catch (_e) {
    throw new VaultError('tampered', 'The ciphertext failed its authentication check.');
  }
}

/** `v1.<iv b64>.<ciphertext+tag b64>` */
export async function encrypt(key: CryptoKey, plain: Uint8Array, ad: string): Promise<string> {
  const sealed = await sealBytes(key, plain, ad);
  return `v1.${toB64(sealed.subarray(0, IV_BYTES))}.${toB64(sealed.subarray(IV_BYTES))}`;
}

export async function decrypt(key: CryptoKey, text: string, ad: string): Promise<Bytes> {
  if (!CIPHER_RE.test(text)) throw new VaultError('tampered', 'This is not Vault ciphertext.');
  const [, iv, ct] = text.split('.') as [string, string, string];
  let sealed: Bytes;
  try {
    sealed = concatBytes(fromB64(iv), fromB64(ct));
  } catch (_e) {
    throw new VaultError('tampered', 'This is not Vault ciphertext.');
  }
  return openBytes(key, sealed, ad);
}

export async function encryptText(key: CryptoKey, text: string, ad: string): Promise<string> {
  return encrypt(key, utf8(text), ad);
}

export async function decryptText(key: CryptoKey, cipher: string, ad: string): Promise<string> {
  const bytes = await decrypt(key, cipher, ad);
  try {
    return fromUtf8(bytes);
  } catch (_e) {
    throw new VaultError('tampered', 'The decrypted text is not UTF-8.');
  }
}

export async function encryptJson(key: CryptoKey, value: unknown, ad: string): Promise<string> {
  return encryptText(key, JSON.stringify(value), ad);
}

export async function decryptJson(key: CryptoKey, cipher: string, ad: string): Promise<unknown> {
  const text = await decryptText(key, cipher, ad);
  try {
    return JSON.parse(text) as unknown;
  } catch (_e) {
    throw new VaultError('tampered', 'The decrypted data is not JSON.');
  }
}
