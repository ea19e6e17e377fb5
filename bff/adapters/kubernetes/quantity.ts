// Kubernetes resource quantities ("500m", "1.5", "128Mi", "2G", "1e3") as numbers.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** The value of a quantity in base units (cores, bytes, counts); NaN when it is not a quantity. */
export function parseQuantity(quantity: string | number | undefined | null): number {
  if (typeof quantity === 'number') return quantity;
  if (!quantity) return Number.NaN;
  const match = QUANTITY.exec(quantity.trim());
  if (!match) return Number.NaN;
  const [, number, exponent, suffix = ''] = match;
  const value = Number(number);
  if (exponent) return value * 10 ** Number(exponent.slice(1));
  return value * (BINARY[suffix] ?? DECIMAL[suffix] ?? Number.NaN);
}

/** CPU in millicores, rounded up as Kubernetes does ("100m" → 100, "1.5" → 1500); 0 when absent or invalid. */
export function cpuMillis(quantity: string | number | undefined | null): number {
  const value = parseQuantity(quantity);
  return Number.isFinite(value) ? Math.ceil(Math.round(value * 1e6) / 1e3) : 0;
}

/** Bytes ("1Gi" → 1073741824); 0 when absent or invalid. */
export function bytes(quantity: string | number | undefined | null): number {
  const value = parseQuantity(quantity);
  return Number.isFinite(value) ? Math.round(value) : 0;
}
