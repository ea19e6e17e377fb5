// Test helpers for the catalogue: temp folders, copies of the real fixture charts, and in-place YAML edits.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { olaresAppsDir, type SampleDoc } from '../../manifest/testing/fixtures';

export { olaresAppsDir, fixtureApps } from '../../manifest/testing/fixtures';

/** A fresh temp folder; remove it with `fs.rm(dir, { recursive: true })` in afterEach. */
export function tmpDir(prefix = 'olares-catalog-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Copy a fixture chart to `<root>/<as>` and return its path. */
export async function copyFixture(app: string, root: string, as = app): Promise<string> {
  const dest = path.join(root, as);
  await fs.cp(path.join(olaresAppsDir, app), dest, { recursive: true });
  return dest;
}

/** Rewrite a YAML file of a copied chart (only for charts without {{ }} template blocks). */
export async function editYaml(file: string, change: (doc: SampleDoc) => void): Promise<void> {
  const text = await fs.readFile(file, 'utf8');
  if (text.includes('{{')) throw new Error(`${file} is a template; pick a chart without {{ }} blocks`);
  const doc = parse(text) as SampleDoc;
  change(doc);
  await fs.writeFile(file, stringify(doc));
}
