// Kubernetes resource quantities ("500m", "0.5", "512Mi", "1e3") turned into exact numbers: CPU in millicores, memory in bytes.

/** Thrown by the parse helpers; `reason` is the text a chart author sees. */
export class QuantityError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'QuantityError';
  }
}

/** The Kubernetes grammar: signed decimal number, then a binary-SI, decimal-SI or exponent suffix. */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|m|k|M|G|T|P|E)?$/;

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** A parsed quantity: sign * mantissa * 2^pow2 * 10^pow10, kept exact. */
interface Exact {
  negative: boolean;
  mantissa: bigint;
  pow2: number;
  pow10: number;
  /** True when the suffix says bytes-like units (Ki…Ei, k…E), false for a bare number, millis or an exponent. */
  sized: boolean;
}

function parseExact(input: string | number): Exact {
  const text = typeof input === 'number' ? numberText(input) : input.trim();
  const m = QUANTITY.exec(text);
  if (!m) throw new QuantityError(`${JSON.stringify(String(input))} is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 1Gi)`);
  const [, sign = '', num = '', suffix = ''] = m;
  const [intPart = '', fracPart = ''] = num.split('.');
  let pow10 = -fracPart.length;
  let pow2 = 0;
  let sized = false;
  if (suffix in BINARY) {
    pow2 = BINARY[suffix] ?? 0;
    sized = true;
  } else if (suffix in DECIMAL) {
    pow10 += DECIMAL[suffix] ?? 0;
    sized = suffix !== 'm';
  } else if (suffix !== '') {
    const exp = Number(suffix.slice(1));
    if (Math.abs(exp) > 30) throw new QuantityError(`${JSON.stringify(text)} is out of range`);
    pow10 += exp;
  }
  return { negative: sign === '-', mantissa: BigInt((intPart || '0') + fracPart), pow2, pow10, sized };
}

/** YAML numbers arrive as JS numbers: 0.5, 4, 1e21 — print them the way the grammar reads them. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(`${String(n)} is not a Kubernetes quantity`);
  return String(n).replace('e+', 'e');
}

/** The exact value scaled by 10^extra, rounded up to a whole number (Kubernetes rounds requests up). */
function toWhole(q: Exact, extraPow10: number): number {
  let value = q.mantissa * 2n ** BigInt(q.pow2);
  const pow10 = q.pow10 + extraPow10;
  if (pow10 >= 0) value *= 10n ** BigInt(pow10);
  else {
    const div = 10n ** BigInt(-pow10);
    value = (value + div - 1n) / div;
  }
  return Number(q.negative ? -value : value);
}

/** The quantity in base units (cores, bytes, or a plain count), as a float. Throws QuantityError. */
export function parseQuantity(input: string | number): number {
  const q = parseExact(input);
  const value = Number(q.mantissa) * 2 ** q.pow2 * 10 ** q.pow10;
  return q.negative ? -value : value;
}

function nonNegative(q: Exact, input: string | number): Exact {
  if (q.negative && q.mantissa !== 0n) throw new QuantityError(`${JSON.stringify(input)} must not be negative`);
  return q;
}

/** CPU: "500m" → 500, "0.5" → 500, 2 → 2000. Rounded up to whole millicores. Throws QuantityError. */
export function parseCpuMillis(input: string | number): number {
  return toWhole(nonNegative(parseExact(input), input), 3);
}

/** Memory, disk, GPU memory: "512Mi" → 536870912, "1G" → 1e9. Rounded up to whole bytes. Throws QuantityError. */
export function parseBytes(input: string | number): number {
  return toWhole(nonNegative(parseExact(input), input), 0);
}

/** True when the quantity carries a size suffix (Ki…Ei or k…E): "16Gi" is GPU memory, "1" is a GPU count. */
export function isSizedQuantity(input: string | number): boolean {
  return parseExact(input).sized;
}

/** Result-typed wrapper for the readers: never throws. */
export function tryQuantity<T>(parse: (input: string | number) => T, input: string | number): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: parse(input) };
  } catch (err) {
    if (err instanceof QuantityError) return { ok: false, reason: err.reason };
    throw err;
  }
}

/** 536870912 → "512Mi", 1500000000 → "1.4Gi": for messages and the UI. */
export function formatBytes(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i += 1;
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${shown}${units[i] ?? ''}`;
}

/** 500 → "500m", 2000 → "2": for messages and the UI. */
export function formatCpuMillis(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}
