// nvidia-smi's `--format=csv` output read by header names (never column positions): units split off, "[N/A]"-style values as null.

/** One column: the field name nvidia-smi was asked for and the unit its header names (`memory.total [MiB]`). */
export interface CsvColumn {
  name: string;
  unit: string | null;
}

export interface CsvTable {
  columns: CsvColumn[];
  /** Each row by field name; null where nvidia-smi had no value. */
  rows: Array<Record<string, string | null>>;
}

/** Values nvidia-smi prints where it has nothing (bracketed or not). */
const MISSING = /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions|GPU requires reset|Requested functionality has been deprecated)\]?$/i;

export function parseHeader(header: string): CsvColumn {
  const m = /^(.*?)\s*\[([^\]]*)\]\s*$/.exec(header.trim());
  return m ? { name: m[1] ?? '', unit: m[2] ?? null } : { name: header.trim(), unit: null };
}

/**
 * Splits one line. nvidia-smi separates with ", " and does not quote, so a value with ", " inside (a
 * process name) makes the row longer than the header: the extra pieces are joined back into the
 * column named `joinInto` (or the last column).
 */
function splitLine(line: string, width: number, joinAt: number): string[] {
  const parts = line.split(', ');
  if (parts.length <= width) return parts;
  const extra = parts.length - width;
  const at = joinAt >= 0 ? joinAt : width - 1;
  return [...parts.slice(0, at), parts.slice(at, at + extra + 1).join(', '), ...parts.slice(at + extra + 1)];
}

/** Parses the output of `nvidia-smi --query-…=… --format=csv` (with its header line). */
export function parseCsv(text: string, opts: { joinInto?: string } = {}): CsvTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = lines[0];
  if (head === undefined) return { columns: [], rows: [] };
  const columns = head.split(', ').map(parseHeader);
  const joinAt = opts.joinInto ? columns.findIndex((c) => c.name === opts.joinInto) : -1;
  const rows = lines.slice(1).map((line) => {
    const values = splitLine(line, columns.length, joinAt);
    const row: Record<string, string | null> = {};
    columns.forEach((c, i) => {
      const v = (values[i] ?? '').trim();
      row[c.name] = v === '' || MISSING.test(v) ? null : v;
    });
    return row;
  });
  return { columns, rows };
}

/** A number from a value with or without its unit ("81559 MiB", "69.85 W", "0 %", "41"); null when it is not one. */
export function numberOf(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const m = /^(-?\d+(?:\.\d+)?)(?:\s*[A-Za-z%/]+)?$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : null;
}

const BYTES: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** Bytes from a memory value: the unit in the value wins, else the header's (`MiB` when neither says). */
export function bytesOf(value: string | null | undefined, headerUnit: string | null = 'MiB'): number | null {
  const n = numberOf(value);
  if (n === null) return null;
  const inValue = /([KMG]?i?B)\s*$/.exec(value ?? '')?.[1];
  const unit = inValue && BYTES[inValue] ? inValue : headerUnit && BYTES[headerUnit] ? headerUnit : 'MiB';
  return Math.round(n * (BYTES[unit] ?? BYTES.MiB!));
}
