// Why this exists: the one row shape (and the small statistics) that every part of `npm run bench` reports in.

/**
 * One line of the bench table and of bench-results.json. `direction` absent: ok when ratio >= target (the BFF
 * rows, unchanged); '<=': ok when ratio <= target (the shell rows, where less is better).
 */
export interface Row {
  name: string;
  ratio: number;
  target: number;
  ok: boolean;
  direction?: '<=';
}

/** What one part of the bench hands back: its rows, and lines to print under the table. */
export interface BenchPart {
  rows: Row[];
  notes: string[];
}

/** The middle value (the upper middle for an even count); 0 for none. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
}

/** The nearest-rank percentile `p` (0–100); 0 for none. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** A row where less is better. */
export function atMost(name: string, value: number, target: number, valid = true): Row {
  return { name, ratio: Math.round(value * 100) / 100, target, ok: valid && value <= target, direction: '<=' };
}
