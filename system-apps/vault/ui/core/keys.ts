// The key hierarchy below the master key: the user key, the user's RSA-OAEP key pair, vault keys sealed per member, and public-key fingerprints.
import { AD, aesKey, decrypt, encrypt } from './cipher';
import { fromB64, ownBytes, randomBytes, toB64, toHex, utf8, type Bytes } from './encoding';
import { VaultError } from './types';

const RSA = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;
/** OAEP label: a sealed envelope is for a vault key and nothing else. */
const OAEP_LABEL = utf8('olares-vault vault-key');

/** A fresh user key (32 random bytes) wrapped under the password's encryption key. */
export async function newUserKey(encKey: CryptoKey): Promise<{ raw: Bytes; wrapped: string }> {
  const raw = randomBytes(32);
  return { raw, wrapped: await wrapUserKey(encKey, raw) };
}

export function wrapUserKey(encKey: CryptoKey, raw: Uint8Array): Promise<string> {
  return encrypt(encKey, raw, AD.userKey);
}

/** The raw user key; a key from another password fails the tag → VaultError('wrongPassword'). */
export async function unwrapUserKeyRaw(encKey: CryptoKey, wrapped: string): Promise<Bytes> {
  try {
    const raw = await decrypt(encKey, wrapped, AD.userKey);
    if (raw.length !== 32) throw new VaultError('tampered', 'The wrapped user key has the wrong length.');
    return raw;
  } catch (e) {
    if (e instanceof VaultError && e.code === 'tampered') throw new VaultError('wrongPassword', 'The master password is not correct.');
    throw e;
  }
}

export async function unwrapUserKey(encKey: CryptoKey, wrapped: string): Promise<CryptoKey> {
  const raw = await unwrapUserKeyRaw(encKey, wrapped);
  try {
    return await aesKey(raw);
  } finally {
    raw.fill(0);
  }
}

export interface NewKeyPair {
  /** SubjectPublicKeyInfo, base64: stored in clear so others can seal vault keys for this user. */
  publicKey: string;
  privateKey: CryptoKey;
  /** The PKCS#8 private key encrypted under the user key. */
  wrappedPrivateKey: string;
}

/** An RSA-OAEP-3072 / SHA-256 key pair, the private half wrapped under the user key. */
export async function newKeyPair(userKey: CryptoKey): Promise<NewKeyPair> {
  const pair = await crypto.subtle.generateKey({ ...RSA, modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['encrypt', 'decrypt']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  try {
    const wrappedPrivateKey = await encrypt(userKey, pkcs8, AD.privateKey);
    // A non-extractable copy for use; the extractable one is dropped here.
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, RSA, false, ['decrypt']);
    return { publicKey: toB64(spki), privateKey, wrappedPrivateKey };
  } finally {
    pkcs8.fill(0);
  }
}

export async function unwrapPrivateKey(userKey: CryptoKey, wrapped: string): Promise<CryptoKey> {
  const pkcs8 = await decrypt(userKey, wrapped, AD.privateKey);
  try {
    return await crypto.subtle.importKey('pkcs8', pkcs8, RSA, false, ['decrypt']);
  } catch (_e) {
    throw new VaultError('tampered', 'The private key cannot be read.');
  } finally {
    pkcs8.fill(0);
  }
}

async function importPublicKey(publicKeyB64: string): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('spki', fromB64(publicKeyB64), RSA, false, ['encrypt']);
  } catch (_e) {
    throw new Error('not an RSA-OAEP public key');
  }
}

/** A vault key sealed for one member: `rsa1.<RSA-OAEP-SHA256 ciphertext, base64>`. */
export async function sealKey(publicKeyB64: string, raw: Uint8Array): Promise<string> {
  const pub = await importPublicKey(publicKeyB64);
  const ct = await crypto.subtle.encrypt({ name: 'RSA-OAEP', label: OAEP_LABEL }, pub, ownBytes(raw));
  return `rsa1.${toB64(new Uint8Array(ct))}`;
}

/** Opens a sealed vault key; anything that does not open → VaultError('tampered'). */
export async function unsealKey(privateKey: CryptoKey, sealed: string): Promise<Bytes> {
  if (!sealed.startsWith('rsa1.')) throw new VaultError('tampered', 'This is not a sealed key.');
  try {
    const raw = new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP', label: OAEP_LABEL }, privateKey, fromB64(sealed.slice(5))));
    if (raw.length !== 32) throw new Error('length');
    return raw;
  } catch (_e) {
    throw new VaultError('tampered', 'The sealed vault key cannot be opened.');
  }
}

/**
 * SHA-256 of the SPKI, first 16 bytes as 8 groups of 4 upper-case hex digits
 * ("3F2A 9C01 …"): short enough to read aloud, long enough that no one can make a key to match.
 */
export async function fingerprint(publicKeyB64: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fromB64(publicKeyB64)));
  const hex = toHex(digest.subarray(0, 16)).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}
