// Resource quantities ("500m", "512Mi", "2") read into numbers and written back the way Kubernetes prints them.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The value in base units (cores for CPU, bytes for memory); NaN when the text is not a quantity. */
export function parseQuantity(text: string | number | undefined | null): number {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return NaN;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|K|M|G|T|P|E))?$/.exec(text.trim());
  if (!m) return NaN;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  const suffix = m[3] ?? '';
  return base * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

export function isQuantity(text: unknown): boolean {
  return (typeof text === 'string' || typeof text === 'number') && !Number.isNaN(parseQuantity(text));
}

/** CPU as Kubernetes prints it: whole cores when exact, else millicores. */
export function formatCpu(cores: number): string {
  const milli = Math.ceil(cores * 1000 - 1e-6);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes with the largest binary suffix that divides them exactly. */
export function formatBytes(bytes: number): string {
  const n = Math.ceil(bytes);
  for (const [suffix, size] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (n >= size && n % size === 0) return `${n / size}${suffix}`;
  }
  return String(n);
}

/** Formats a value the way its resource name suggests. */
export function formatQuantity(resourceName: string, value: number): string {
  if (resourceName === 'cpu' || resourceName.endsWith('.cpu')) return formatCpu(value);
  if (/memory|storage/.test(resourceName)) return formatBytes(value);
  return String(Math.ceil(value));
}
