// CSV reading shared by the importers: papaparse into a header row and string rows, with malformed files refused clearly.
import Papa from 'papaparse';
import { VaultError } from '../types';

export interface CsvTable {
  headers: string[];
  /** Each row as strings, one per header (missing cells ''). */
  rows: string[][];
}

/** Parses CSV text with a header row; a file without one, or with a broken quote, → VaultError('badImport'). */
export function parseCsv(text: string): CsvTable {
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.trim()) throw new VaultError('badImport', 'The file is empty.');
  const out = Papa.parse<string[]>(clean, { header: false, skipEmptyLines: 'greedy' });
  const fatal = out.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new VaultError('badImport', `The CSV file is malformed near row ${(fatal.row ?? 0) + 1}: ${fatal.message}.`);
  const [head, ...body] = out.data;
  if (!head || head.every((h) => !h.trim())) throw new VaultError('badImport', 'The CSV file has no header row.');
  const headers = head.map((h) => h.trim());
  const rows = body.map((r) => headers.map((_, i) => r[i] ?? ''));
  return { headers, rows };
}

/** The value of `column` in `row` ('' when the column is absent). */
export function cell(table: CsvTable, row: string[], column: string): string {
  const i = table.headers.indexOf(column);
  return i < 0 ? '' : (row[i] ?? '');
}
