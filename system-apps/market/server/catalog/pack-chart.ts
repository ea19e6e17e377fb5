// packChart: a chart folder as the .tgz Helm (and a HelmChart's spec.chartContent) expects — one top folder named after the chart.
import fs from 'node:fs/promises';
import path from 'node:path';
import { create } from 'tar';
import { Issues } from '../manifest/issues';
import { readChartYaml } from './chart-yaml';
import { helmIgnore } from './helmignore';

/** Every archive gets the same mtime, so packing the same folder twice gives the same bytes (and digest). */
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

/** The chart's name from its Chart.yaml (the top folder of the archive); throws when Chart.yaml is unusable. */
async function chartName(dir: string): Promise<string> {
  const issues = new Issues('Chart.yaml');
  const chart = readChartYaml(await fs.readFile(path.join(dir, 'Chart.yaml'), 'utf8'), issues);
  if (!chart || issues.errors.length > 0) throw new Error(`cannot pack ${path.basename(dir)}: Chart.yaml is not valid`);
  return chart.name;
}

/** Files to pack, chart-relative, sorted; symlinks and .helmignore'd paths left out. */
async function listFiles(dir: string): Promise<string[]> {
  const ignore = helmIgnore(await fs.readFile(path.join(dir, '.helmignore'), 'utf8').catch(() => undefined));
  const out: string[] = [];
  const walk = async (rel: string) => {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink() || ignore(child, e.isDirectory())) continue;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  await walk('');
  return out;
}

/** Pack `dir` into a gzipped tar with every path under `<name>/`. The name defaults to Chart.yaml's. */
export async function packChart(dir: string, opts: { name?: string } = {}): Promise<Buffer> {
  const name = opts.name ?? (await chartName(dir));
  const files = await listFiles(dir);
  const stream = create({ gzip: true, cwd: dir, prefix: name, portable: true, mtime: FIXED_MTIME }, files);
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
