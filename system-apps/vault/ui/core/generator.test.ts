// The generator: lengths and character sets honoured, every chosen set present, no bias across characters, passphrases from the EFF list, entropy figures.
import { describe, expect, it } from 'vitest';
import { generatePassphrase, generatePassword, loadWordlist, randomInt } from './generator';

describe('generator', () => {
  it('makes passwords of the asked length with every chosen set and nothing else', () => {
    for (let i = 0; i < 200; i++) {
      const { value } = generatePassword({ length: 8, upper: true, lower: true, digits: true, symbols: true });
      expect(value).toHaveLength(8);
      expect(value).toMatch(/[A-Z]/);
      expect(value).toMatch(/[a-z]/);
      expect(value).toMatch(/[0-9]/);
      expect(value).toMatch(/[^A-Za-z0-9]/);
    }
    expect(generatePassword({ length: 128, upper: false, lower: false, digits: true, symbols: false }).value).toMatch(/^[0-9]{128}$/);
    expect(generatePassword({ length: 40, avoidAmbiguous: true }).value).not.toMatch(/[0Oo1lI|]/);
  });

  it('refuses lengths out of range and no character set', () => {
    expect(() => generatePassword({ length: 7 })).toThrow(RangeError);
    expect(() => generatePassword({ length: 129 })).toThrow(RangeError);
    expect(() => generatePassword({ upper: false, lower: false, digits: false, symbols: false })).toThrow('at least one');
  });

  it('reports entropy: exact for one set, slightly under length × log2(alphabet) with several', () => {
    expect(generatePassword({ length: 10, upper: false, lower: false, digits: true, symbols: false }).entropyBits).toBeCloseTo(10 * Math.log2(10), 6);
    const all = generatePassword({ length: 20 }).entropyBits;
    expect(all).toBeLessThan(20 * Math.log2(26 + 26 + 10 + 28));
    expect(all).toBeGreaterThan(20 * Math.log2(26 + 26 + 10 + 28) - 1);
  });

  it('draws characters without bias', () => {
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[randomInt(7)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(600);
    expect(() => randomInt(0)).toThrow(RangeError);
  });

  it('makes passphrases from the EFF long list', async () => {
    const list = await loadWordlist();
    expect(list).toHaveLength(7776);
    const plain = await generatePassphrase({ words: 6, separator: ' ', capitalize: false, includeNumber: false });
    const words = plain.value.split(' ');
    expect(words).toHaveLength(6);
    for (const w of words) expect(list).toContain(w);
    expect(plain.entropyBits).toBeCloseTo(6 * Math.log2(7776), 6);
    const fancy = await generatePassphrase({ words: 3, separator: '.', capitalize: true, includeNumber: true });
    expect(fancy.value).toMatch(/^[A-Z][a-z-]*\d?\.[A-Z][a-z-]*\d?\.[A-Z][a-z-]*\d?$/);
    expect(fancy.value.match(/\d/g)).toHaveLength(1);
    expect(fancy.entropyBits).toBeGreaterThan(3 * Math.log2(7776));
    await expect(generatePassphrase({ words: 2 })).rejects.toThrow(RangeError);
    await expect(generatePassphrase({ words: 21 })).rejects.toThrow(RangeError);
  });
});
