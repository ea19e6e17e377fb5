// The generator: lengths and character sets honoured, every chosen set present, no bias across characters, passphrases from the EFF list, entropy figures.
import { describe, expect, it } from 'vitest';
import { generatePassphrase, generatePassword, passphraseEntropy, passwordEntropy, randomInt, WORDS } from './generator';

describe('generator', () => {
  it('makes passwords of the asked length with every chosen set and nothing else', () => {
    for (let i = 0; i < 200; i++) {
      const value = generatePassword({ length: 8, upper: true, lower: true, digits: true, symbols: true });
      expect(value).toHaveLength(8);
      expect(value).toMatch(/[A-Z]/);
      expect(value).toMatch(/[a-z]/);
      expect(value).toMatch(/[0-9]/);
      expect(value).toMatch(/[^A-Za-z0-9]/);
    }
    expect(generatePassword({ length: 128, upper: false, lower: false, digits: true, symbols: false })).toMatch(/^[0-9]{128}$/);
    expect(generatePassword({ length: 40, avoidAmbiguous: true })).not.toMatch(/[0Oo1lI|]/);
  });

  it('keeps lengths within 8–128 and gives nothing when no set is chosen', () => {
    expect(generatePassword({ length: 3 })).toHaveLength(8);
    expect(generatePassword({ length: 500 })).toHaveLength(128);
    expect(generatePassword({ upper: false, lower: false, digits: false, symbols: false })).toBe('');
    expect(passwordEntropy({ upper: false, lower: false, digits: false, symbols: false })).toBe(0);
  });

  it('reports entropy: exact for one set, slightly under length × log2(alphabet) with several', () => {
    expect(passwordEntropy({ length: 10, upper: false, lower: false, digits: true, symbols: false })).toBeCloseTo(10 * Math.log2(10), 6);
    const all = passwordEntropy({ length: 20 });
    expect(all).toBeLessThan(20 * Math.log2(26 + 26 + 10 + 28));
    expect(all).toBeGreaterThan(20 * Math.log2(26 + 26 + 10 + 28) - 1);
  });

  it('draws without bias', () => {
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[randomInt(7)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(600);
    expect(() => randomInt(0)).toThrow(RangeError);
  });

  it('makes passphrases from the EFF long list', () => {
    expect(WORDS).toHaveLength(7776);
    const words = generatePassphrase({ words: 6, separator: ' ', capitalize: false, number: false }).split(' ');
    expect(words).toHaveLength(6);
    for (const w of words) expect(WORDS).toContain(w);
    expect(passphraseEntropy({ words: 6, number: false })).toBeCloseTo(6 * Math.log2(7776), 6);
    const fancy = generatePassphrase({ words: 3, separator: '.', capitalize: true, number: true });
    expect(fancy).toMatch(/^[A-Z][a-z-]*\d?\.[A-Z][a-z-]*\d?\.[A-Z][a-z-]*\d?$/);
    expect(fancy.match(/\d/g)).toHaveLength(1);
    expect(passphraseEntropy({ words: 3, number: true })).toBeGreaterThan(3 * Math.log2(7776));
    expect(generatePassphrase({ words: 1, separator: ' ' }).split(' ')).toHaveLength(3);
    expect(generatePassphrase({ words: 50, separator: ' ' }).split(' ')).toHaveLength(20);
  });
});
