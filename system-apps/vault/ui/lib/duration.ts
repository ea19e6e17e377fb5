// A rough duration ("3 hours", "4 years") in the user's language, for how long a password would resist an offline attack.
const UNITS: [Intl.NumberFormatOptions['unit'], number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** null past a century (the caller says "centuries"), else the largest whole unit. */
export function roughDuration(seconds: number, locale: string): string | null {
  if (seconds >= 100 * UNITS[0]![1]) return null;
  const [unit, size] = UNITS.find(([, s]) => seconds >= s) ?? UNITS[UNITS.length - 1]!;
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(seconds / size)));
}
