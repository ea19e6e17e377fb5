// Test support: the recorded CSV sections of the real nvidia-smi captures in ../shared/fixtures/nvidia-smi (read in place, never copied).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', 'shared', 'fixtures', 'nvidia-smi');

export const CAPTURES = {
  rtx2080: 'linux-x86_64__nvidia-geforce-rtx-2080-super__595.71.05.txt',
  h100: 'linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt',
  h200: 'linux-x86_64__nvidia-h200-mig__590.48.01.txt',
  l40s: 'linux-x86_64__nvidia-l40s__595.80.txt',
} as const;

/** The body of the section whose banner is `# <phase> :: <title>…`, as nvidia-smi printed it. */
export function captureSection(capture: keyof typeof CAPTURES, phase: 'idle' | 'load', title: 'query-gpu' | 'query-compute-apps'): string {
  const lines = fs.readFileSync(path.join(FIXTURES_DIR, CAPTURES[capture]), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(`# ${phase} :: ${title} `));
  if (start < 0) throw new Error(`${capture}: no ${phase} ${title} section`);
  let i = start + 1;
  while (i < lines.length && lines[i]!.startsWith('#')) i++;
  const body: string[] = [];
  while (i < lines.length && !lines[i]!.startsWith('##########')) body.push(lines[i++]!);
  return body.join('\n').trim();
}
