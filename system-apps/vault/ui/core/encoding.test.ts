// Base64 and UTF-8 conversions round-trip, including large and non-ASCII inputs, and bad input is refused.
import { describe, expect, it } from 'vitest';
import { concatBytes, fromB64, fromUtf8, randomBytes, toB64, toHex, utf8 } from './encoding';

describe('encoding', () => {
  it('round-trips base64 like the platform does', () => {
    for (const n of [0, 1, 2, 3, 16, 100_001]) {
      const b = randomBytes(n);
      const text = toB64(b);
      expect(text).toBe(Buffer.from(b).toString('base64'));
      expect(fromB64(text)).toEqual(b);
    }
  });

  it('refuses text that is not base64', () => {
    expect(() => fromB64('abc')).toThrow('not base64');
    expect(() => fromB64('ab$=')).toThrow('not base64');
  });

  it('round-trips UTF-8 and refuses invalid sequences', () => {
    const s = 'pässwörd 密码 🔑';
    expect(fromUtf8(utf8(s))).toBe(s);
    expect(() => fromUtf8(new Uint8Array([0xff, 0xfe]))).toThrow();
  });

  it('concatenates and shows hex', () => {
    expect(toHex(concatBytes(new Uint8Array([1, 2]), new Uint8Array([255])))).toBe('0102ff');
  });
});
