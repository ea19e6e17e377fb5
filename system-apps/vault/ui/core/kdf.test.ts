// Key derivation: known Argon2id and PBKDF2 outputs, HKDF separation of the two keys, and the floor refused locally.
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { AD, decryptText, encryptText } from './cipher';
import { fromB64, toHex, utf8 } from './encoding';
import { deriveKeys, deriveMasterKey, KdfRefused, newKdf, stretch } from './kdf';

const SALT = 'c2FsdHNhbHRzYWx0c2FsdA=='; // "saltsaltsaltsalt"

describe('kdf', () => {
  it('derives Argon2id with the given parameters', async () => {
    const kdf = { alg: 'argon2id' as const, memoryKiB: 65_536, iterations: 3, parallelism: 1, salt: SALT };
    const mk = await deriveMasterKey('correct horse', kdf);
    const expected = await argon2id({ password: 'correct horse', salt: fromB64(SALT), parallelism: 1, iterations: 3, memorySize: 65_536, hashLength: 32, outputType: 'hex' });
    expect(toHex(mk)).toBe(expected);
  });

  it('derives PBKDF2-SHA256 like Node does', async () => {
    const { pbkdf2Sync } = await import('node:crypto');
    const kdf = { alg: 'pbkdf2-sha256' as const, iterations: 600_000, salt: SALT };
    const mk = await deriveMasterKey('pässword', kdf);
    expect(toHex(mk)).toBe(pbkdf2Sync(utf8('pässword'.normalize('NFC')), fromB64(SALT), 600_000, 32, 'sha256').toString('hex'));
  });

  it('refuses parameters below the floor or above the ceiling before deriving', async () => {
    await expect(deriveMasterKey('x', { alg: 'argon2id', memoryKiB: 1024, iterations: 3, parallelism: 1, salt: SALT })).rejects.toBeInstanceOf(KdfRefused);
    await expect(deriveMasterKey('x', { alg: 'pbkdf2-sha256', iterations: 100_000, salt: SALT })).rejects.toMatchObject({ problem: 'tooWeak' });
    await expect(deriveMasterKey('x', { alg: 'argon2id', memoryKiB: 65_536, iterations: 21, parallelism: 1, salt: SALT })).rejects.toMatchObject({ problem: 'tooCostly' });
  });

  it('stretches into distinct, deterministic keys; the same password opens, another does not', async () => {
    const mk = new Uint8Array(32).fill(7);
    const a = await stretch(mk);
    const b = await stretch(mk);
    expect(a.authKey).toBe(b.authKey);
    expect(fromB64(a.authKey)).toHaveLength(32);
    const c = await encryptText(a.encKey, 'hi', AD.userKey);
    expect(await decryptText(b.encKey, c, AD.userKey)).toBe('hi');
    const other = await stretch(new Uint8Array(32).fill(8));
    expect(other.authKey).not.toBe(a.authKey);
    await expect(decryptText(other.encKey, c, AD.userKey)).rejects.toMatchObject({ code: 'tampered' });
  });

  it('gives fresh salts', async () => {
    const a = newKdf();
    const b = newKdf();
    expect(a.salt).not.toBe(b.salt);
    expect(a).toMatchObject({ alg: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 1 });
    const keys = await deriveKeys('pw', { alg: 'pbkdf2-sha256', iterations: 600_000, salt: a.salt });
    expect(keys.authKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});
