// The key hierarchy: user key wrap and unwrap (a wrong password is reported as such), key pair, sealed vault keys and fingerprints.
import { beforeAll, describe, expect, it } from 'vitest';
import { SealedKey, PublicKey, WrappedKey } from '../../shared/wire';
import { aesKey, newAesKey } from './cipher';
import { randomBytes } from './encoding';
import { fingerprint, newKeyPair, newUserKey, sealKey, unsealKey, unwrapPrivateKey, unwrapUserKey, unwrapUserKeyRaw, type NewKeyPair } from './keys';

describe('keys', () => {
  let userKey: CryptoKey;
  let pair: NewKeyPair;
  beforeAll(async () => {
    userKey = (await newAesKey()).key;
    pair = await newKeyPair(userKey);
  });

  it('wraps the user key so that only the same encryption key unwraps it', async () => {
    const enc = (await newAesKey()).key;
    const other = (await newAesKey()).key;
    const { raw, wrapped } = await newUserKey(enc);
    expect(WrappedKey.safeParse(wrapped).success).toBe(true);
    expect(await unwrapUserKeyRaw(enc, wrapped)).toEqual(raw);
    await unwrapUserKey(enc, wrapped);
    await expect(unwrapUserKeyRaw(other, wrapped)).rejects.toMatchObject({ code: 'wrongPassword' });
  });

  it('makes an RSA-OAEP-3072 pair whose private half only the user key opens', async () => {
    expect(PublicKey.safeParse(pair.publicKey).success).toBe(true);
    expect(WrappedKey.safeParse(pair.wrappedPrivateKey).success).toBe(true);
    const priv = await unwrapPrivateKey(userKey, pair.wrappedPrivateKey);
    expect(priv.extractable).toBe(false);
    await expect(unwrapPrivateKey((await newAesKey()).key, pair.wrappedPrivateKey)).rejects.toMatchObject({ code: 'tampered' });
  });

  it('seals a vault key for a public key; the matching private key opens it, others do not', async () => {
    const raw = randomBytes(32);
    const sealed = await sealKey(pair.publicKey, raw);
    expect(SealedKey.safeParse(sealed).success).toBe(true);
    expect(await unsealKey(pair.privateKey, sealed)).toEqual(raw);
    await aesKey(await unsealKey(pair.privateKey, sealed));
    const other = await newKeyPair(userKey);
    await expect(unsealKey(other.privateKey, sealed)).rejects.toMatchObject({ code: 'tampered' });
    await expect(unsealKey(pair.privateKey, 'rsa1.AAAA')).rejects.toMatchObject({ code: 'tampered' });
    await expect(sealKey('AAAA', raw)).rejects.toThrow('not an RSA-OAEP public key');
  });

  it('shows a stable, readable fingerprint', async () => {
    const f = await fingerprint(pair.publicKey);
    expect(f).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(await fingerprint(pair.publicKey)).toBe(f);
  });
});
