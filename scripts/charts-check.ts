// `npm run charts:check -- <folder>`: loads every chart under a folder with the Market's own loader and prints one line per app.
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadChartFolder, MANIFEST_FILE } from '../system-apps/market/server/catalog';
import { describeIssues } from '../system-apps/market/server/manifest';
import { runWhenMain } from './run-cli';

/** Renders a manifest as a member (not the admin) sees it: templated charts have a second variant to check. */
const MEMBER_VIEW = { owner: 'member', admin: 'admin' };

/** The chart folders to check: the folder itself when it is a chart, else its subfolders that hold one. */
async function chartFolders(root: string): Promise<string[]> {
  const isChart = (dir: string) =>
    fs.access(path.join(dir, MANIFEST_FILE)).then(
      () => true,
      () => false,
    );
  if (await isChart(root)) return [root];
  const entries = await fs.readdir(root, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => path.join(root, e.name));
  const charts: string[] = [];
  for (const dir of dirs.sort()) if (await isChart(dir)) charts.push(dir);
  return charts;
}

/** One line per chart: `ok  <name> <version>` or `FAIL <name>: <file> <field>: <reason>; …`. */
export async function checkCharts(root: string, opts: { verbose?: boolean } = {}): Promise<{ lines: string[]; passed: number; failed: number }> {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const dir of await chartFolders(root)) {
    const admin = await loadChartFolder(dir);
    const member = admin.ok ? await loadChartFolder(dir, { render: MEMBER_VIEW }) : admin;
    if (admin.ok && member.ok) {
      passed += 1;
      lines.push(`ok  ${admin.app.name} ${admin.app.version}`);
      if (opts.verbose) for (const w of admin.warnings) lines.push(`    warning: ${describeIssues([w])}`);
    } else {
      failed += 1;
      const bad = admin.ok ? member : admin;
      if (bad.ok) continue;
      const prefix = admin.ok ? '(as a member) ' : '';
      lines.push(`FAIL ${bad.name}: ${prefix}${describeIssues(bad.errors)}`);
    }
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return { lines, passed, failed };
}

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const args = argv.filter((a) => a !== '--verbose' && a !== '-v');
  const usage = 'usage: npm run charts:check -- [--verbose] <folder of charts, or one chart folder>';
  if (args.length !== 1 || !args[0]) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const root = path.resolve(args[0]);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    process.stderr.write(`charts:check: ${args[0]} is not a folder\n${usage}\n`);
    return 2;
  }
  const { lines, failed } = await checkCharts(root, { verbose });
  process.stdout.write(`${lines.join('\n')}\n`);
  return failed > 0 ? 1 : 0;
}

runWhenMain(import.meta.url, 'charts:check', main);
