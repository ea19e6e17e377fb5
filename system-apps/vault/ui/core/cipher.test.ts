// AES-256-GCM in Vault's text format: round trips, fresh IVs, and every kind of tampering reported as such.
import { describe, expect, it } from 'vitest';
import { CIPHER_RE } from '../../shared/wire';
import { AD, decrypt, decryptJson, decryptText, encrypt, encryptJson, encryptText, newAesKey, openBytes, sealBytes } from './cipher';
import { fromB64, toB64, utf8 } from './encoding';
import { VaultError } from './types';

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof VaultError ? e.code : String(e)));

describe('cipher', () => {
  it('round-trips text and JSON in the v1 format with a fresh IV each time', async () => {
    const { key } = await newAesKey();
    const a = await encryptText(key, 'secret 密码', AD.item('x'));
    const b = await encryptText(key, 'secret 密码', AD.item('x'));
    expect(a).toMatch(CIPHER_RE);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(await decryptText(key, a, AD.item('x'))).toBe('secret 密码');
    const j = await encryptJson(key, { n: 1, s: ['a'] }, AD.backup);
    expect(await decryptJson(key, j, AD.backup)).toEqual({ n: 1, s: ['a'] });
  });

  it('reports a wrong key, other associated data, a flipped byte and garbage as tampered', async () => {
    const { key } = await newAesKey();
    const other = (await newAesKey()).key;
    const c = await encrypt(key, utf8('hello'), AD.item('a'));
    expect(await code(decrypt(other, c, AD.item('a')))).toBe('tampered');
    expect(await code(decrypt(key, c, AD.item('b')))).toBe('tampered');
    const [v, iv, ct] = c.split('.') as [string, string, string];
    const bytes = fromB64(ct);
    bytes[0] = bytes[0]! ^ 1;
    expect(await code(decrypt(key, `${v}.${iv}.${toB64(bytes)}`, AD.item('a')))).toBe('tampered');
    expect(await code(decrypt(key, 'v2.nonsense', AD.item('a')))).toBe('tampered');
    expect(await code(decrypt(key, '', AD.item('a')))).toBe('tampered');
  });

  it('seals raw bytes as IV ‖ ciphertext ‖ tag', async () => {
    const { key } = await newAesKey();
    const sealed = await sealBytes(key, new Uint8Array([1, 2, 3]), AD.attachment('f'));
    expect(sealed.length).toBe(12 + 3 + 16);
    expect(Array.from(await openBytes(key, sealed, AD.attachment('f')))).toEqual([1, 2, 3]);
    expect(await code(openBytes(key, sealed.subarray(0, 10), AD.attachment('f')))).toBe('tampered');
  });
});
