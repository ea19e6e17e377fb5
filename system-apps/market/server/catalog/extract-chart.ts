// Unpacks a downloaded chart archive safely: one top folder, plain files and folders only, bounded size, written atomically.
import fs from 'node:fs/promises';
import path from 'node:path';
import { extract, list, type ReadEntry } from 'tar';
import { formatBytes } from '../manifest/quantity';

/** Largest unpacked chart accepted (charts are YAML and a few images). */
export const MAX_CHART_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 5000;

export class ChartArchiveError extends Error {}

/** The archive's single top folder; throws when entries are unsafe or spread over several roots. */
function inspect(archive: Buffer, maxBytes: number): string {
  const roots = new Set<string>();
  let total = 0;
  let count = 0;
  let problem: string | undefined;
  const parser = list({
    sync: true,
    onReadEntry: (entry: ReadEntry) => {
      count += 1;
      total += entry.size;
      const p = entry.path.replace(/^\.\//, '');
      if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'Directory') problem ??= `${JSON.stringify(p)} is a ${entry.type}; only files and folders are allowed`;
      if (p.startsWith('/') || p.split('/').includes('..')) problem ??= `${JSON.stringify(p)} leaves the chart folder`;
      const root = p.split('/')[0];
      if (root) roots.add(root);
    },
  });
  try {
    parser.end(archive);
  } catch (err) {
    throw new ChartArchiveError(`not a gzipped tar archive (${(err as Error).message})`);
  }
  if (problem) throw new ChartArchiveError(problem);
  if (count === 0) throw new ChartArchiveError('the archive is empty');
  if (count > MAX_ENTRIES) throw new ChartArchiveError(`more than ${MAX_ENTRIES} entries`);
  if (total > maxBytes) throw new ChartArchiveError(`unpacks to more than ${formatBytes(maxBytes)}`);
  if (roots.size !== 1) throw new ChartArchiveError(`expected one top folder, found ${roots.size}`);
  return [...roots][0] ?? '';
}

/**
 * Unpack `archive` so that the chart's files land directly in `dest` (the top folder stripped). The folder appears
 * complete or not at all: it is unpacked beside `dest` and renamed into place. Returns the top folder's name.
 */
export async function extractChartArchive(archive: Buffer, dest: string, opts: { maxBytes?: number } = {}): Promise<string> {
  const top = inspect(archive, opts.maxBytes ?? MAX_CHART_BYTES);
  await fs.mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${process.pid}-${Date.now()}`;
  await fs.mkdir(tmp, { recursive: true });
  try {
    const unpack = extract({
      sync: true,
      cwd: tmp,
      strip: 1,
      strict: true,
      preservePaths: false,
      noChmod: true,
      filter: (_p: string, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'Directory'),
    });
    unpack.end(archive);
    await fs.rm(dest, { recursive: true, force: true });
    await fs.rename(tmp, dest);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err instanceof ChartArchiveError ? err : new ChartArchiveError(`cannot unpack: ${(err as Error).message}`);
  }
  return top;
}
