// Why this exists: `npm run bench` — the BFF (bench/bff.ts), the desktop shell in a browser (bench/shell.ts), Files, Wise and the Dashboard, one table, one bench-results.json.
import { writeFileSync } from 'node:fs';
import { runBff } from './bff';
import { runDashboard } from './dashboard';
import { runFiles } from './files';
import { runFilesTransfer } from './files-transfer';
import type { BenchPart, Row } from './row';
import { runShell } from './shell';
import { runWise } from './wise';

/** `npm run bench -- shell` runs only the parts named; no names runs them all. */
const only = process.argv.slice(2);
const rows: Row[] = [];
const notes: string[] = [];
let crashed = false;
for (const [name, part] of [
  ['bff', runBff],
  ['shell', runShell],
  ['files', runFiles],
  ['files-transfer', runFilesTransfer],
  ['wise', runWise],
  ['dashboard', runDashboard],
] as const) {
  if (only.length && !only.includes(name)) continue;
  try {
    const result: BenchPart = await part();
    rows.push(...result.rows);
    notes.push(...result.notes);
  } catch (err) {
    crashed = true;
    notes.push(`! the ${name} bench failed, its rows are missing: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

const target = (r: Row) => (r.direction ? `${r.direction} ${r.target}` : String(r.target));
const nameWidth = Math.max(40, ...rows.map((r) => r.name.length));
const targetWidth = Math.max(6, ...rows.map((r) => target(r).length));
const ratioWidth = Math.max(5, ...rows.map((r) => r.ratio.toFixed(2).length));
console.log(`\n${'name'.padEnd(nameWidth)} | ${'ratio'.padStart(ratioWidth)} | ${'target'.padStart(targetWidth)} | ok`);
console.log(`${'-'.repeat(nameWidth)}-|-${'-'.repeat(ratioWidth)}-|-${'-'.repeat(targetWidth)}-|----`);
for (const r of rows) console.log(`${r.name.padEnd(nameWidth)} | ${r.ratio.toFixed(2).padStart(ratioWidth)} | ${target(r).padStart(targetWidth)} | ${r.ok ? 'yes' : 'NO'}`);
for (const line of notes) console.log(line);
const missed = rows.filter((r) => !r.ok);
console.log(missed.length ? `\nMISSED: ${missed.map((r) => r.name).join(', ')}` : crashed ? '\nno target missed, but a part failed' : '\nall targets met');
writeFileSync('bench-results.json', JSON.stringify(rows, null, 2) + '\n');
if (crashed) process.exitCode = 1;
