// From a master password to keys: Argon2id (hash-wasm) or PBKDF2-SHA256 (WebCrypto), then HKDF into an encryption key and an authentication key.
import { argon2id } from 'hash-wasm';
import { DEFAULT_KDF, kdfProblem, type KdfParams } from '../../shared/wire';
import { fromB64, ownBytes, randomBytes, toB64, utf8, type Bytes } from './encoding';

const INFO_ENC = 'olares-vault enc';
const INFO_AUTH = 'olares-vault auth';

/** Refused locally before any work: parameters below Vault's floor or above its ceiling. */
export class KdfRefused extends Error {
  constructor(readonly problem: 'tooWeak' | 'tooCostly') {
    super(problem === 'tooWeak' ? 'The key derivation settings are weaker than Vault allows.' : 'The key derivation settings are more costly than Vault allows.');
    this.name = 'KdfRefused';
  }
}

/** Fresh parameters for a new account, password or backup: DEFAULT_KDF with a new 16-byte salt. */
export function newKdf(): KdfParams {
  return { ...DEFAULT_KDF, salt: toB64(randomBytes(16)) };
}

/**
 * The password as bytes. Unicode is normalised (NFC) so that the same password typed on another
 * keyboard or system gives the same key.
 */
function passwordBytes(password: string): Bytes {
  return utf8(password.normalize('NFC'));
}

/** The 32-byte master key. Throws KdfRefused for parameters outside floor and ceiling. */
export async function deriveMasterKey(password: string, kdf: KdfParams): Promise<Bytes> {
  const problem = kdfProblem(kdf);
  if (problem) throw new KdfRefused(problem);
  const salt = fromB64(kdf.salt);
  if (kdf.alg === 'argon2id') {
    const out = await argon2id({
      password: passwordBytes(password),
      salt,
      parallelism: kdf.parallelism,
      iterations: kdf.iterations,
      memorySize: kdf.memoryKiB,
      hashLength: 32,
      outputType: 'binary',
    });
    return ownBytes(out);
  }
  const base = await crypto.subtle.importKey('raw', passwordBytes(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: kdf.iterations }, base, 256);
  return new Uint8Array(bits);
}

export interface StretchedKeys {
  /** AES-256-GCM, non-extractable: wraps the user key (or a backup's contents). */
  encKey: CryptoKey;
  /** 32 bytes, base64: proves the password to the server, which keeps only a hash of it. */
  authKey: string;
}

/** HKDF-SHA256 (empty salt) of the master key into the encryption key and the authentication key. */
export async function stretch(masterKey: Uint8Array): Promise<StretchedKeys> {
  const base = await crypto.subtle.importKey('raw', ownBytes(masterKey), 'HKDF', false, ['deriveKey', 'deriveBits']);
  const salt = new Uint8Array(0);
  const encKey = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8(INFO_ENC) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const auth = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8(INFO_AUTH) }, base, 256);
  return { encKey, authKey: toB64(new Uint8Array(auth)) };
}

/** Master password + parameters → encryption key and authentication key. */
export async function deriveKeys(password: string, kdf: KdfParams): Promise<StretchedKeys> {
  const mk = await deriveMasterKey(password, kdf);
  try {
    return await stretch(mk);
  } finally {
    mk.fill(0);
  }
}
