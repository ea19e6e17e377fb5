// loadChartFolder: one chart folder on disk (OlaresManifest.yaml, Chart.yaml, i18n/) read into a CatalogApp, or every problem named by file and field.
import fs from 'node:fs/promises';
import path from 'node:path';
import { isLocaleTag, mergeManifestI18n, parseManifest, parseManifestI18n, type ManifestIssue, type ManifestLocaleText, type ManifestRenderOptions } from '../manifest';
import { Issues } from '../manifest/issues';
import { readChartYaml } from './chart-yaml';
import { isChartAssetRef, resolveInsideChart } from './chart-asset';
import { toCatalogApp } from './to-catalog-app';
import type { ChartLoadResult } from './types';

export const MANIFEST_FILE = 'OlaresManifest.yaml';

export interface LoadChartOptions {
  /** The catalogue source id recorded on the app. Default "local". */
  sourceId?: string;
  /** Who the manifest is rendered for; default an admin (the full variant). */
  render?: ManifestRenderOptions;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Every `i18n/<locale>/OlaresManifest.yaml` of the chart, parsed. */
async function loadLocales(dir: string, render: ManifestRenderOptions | undefined, errors: ManifestIssue[], warnings: ManifestIssue[]) {
  const out: Record<string, ManifestLocaleText> = {};
  let entries: string[];
  try {
    entries = (await fs.readdir(path.join(dir, 'i18n'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return out;
  }
  for (const locale of entries.sort()) {
    const file = `i18n/${locale}/${MANIFEST_FILE}`;
    const text = await readText(path.join(dir, file));
    if (text === undefined) continue;
    if (!isLocaleTag(locale)) {
      warnings.push({ path: '(file)', reason: `${JSON.stringify(locale)} is not a locale tag like en-US; folder ignored`, file });
      continue;
    }
    const r = parseManifestI18n(text, { file, ...(render ? { render } : {}) });
    warnings.push(...r.warnings);
    if (r.ok) out[locale] = r.text;
    else errors.push(...r.errors);
  }
  return out;
}

/** Relative images (icon, screenshots) must exist inside the chart folder. */
async function checkAssets(dir: string, refs: Array<[string, string | undefined]>, errors: ManifestIssue[]): Promise<void> {
  for (const [field, ref] of refs) {
    if (!ref || !isChartAssetRef(ref)) continue;
    if (!(await resolveInsideChart(dir, ref))) errors.push({ path: field, reason: `${JSON.stringify(ref)} is not a file in the chart folder`, file: MANIFEST_FILE });
  }
}

/** Load one chart folder. Never throws for a broken chart: the result lists what is wrong. */
export async function loadChartFolder(dir: string, opts: LoadChartOptions = {}): Promise<ChartLoadResult> {
  const folderName = path.basename(dir);
  const errors: ManifestIssue[] = [];
  const warnings: ManifestIssue[] = [];
  const fail = (name: string): ChartLoadResult => ({ ok: false, name, errors, warnings });

  const manifestText = await readText(path.join(dir, MANIFEST_FILE));
  const chartText = await readText(path.join(dir, 'Chart.yaml'));
  if (manifestText === undefined) errors.push({ path: '(file)', reason: 'is missing', file: MANIFEST_FILE });
  if (chartText === undefined) errors.push({ path: '(file)', reason: 'is missing', file: 'Chart.yaml' });

  const chartIssues = new Issues('Chart.yaml');
  const chart = chartText === undefined ? undefined : readChartYaml(chartText, chartIssues);
  errors.push(...chartIssues.errors);
  warnings.push(...chartIssues.warnings);

  const parsed = manifestText === undefined ? undefined : parseManifest(manifestText, { file: MANIFEST_FILE, render: { releaseName: chart?.name || folderName, ...opts.render } });
  if (parsed) {
    warnings.push(...parsed.warnings);
    if (!parsed.ok) errors.push(...parsed.errors);
  }
  const locales = await loadLocales(dir, opts.render, errors, warnings);
  const manifest = parsed?.ok ? parsed.manifest : undefined;
  const name = manifest?.metadata.name || chart?.name || folderName;
  if (!manifest || !chart) return fail(name);

  if (chart.name !== manifest.metadata.name) {
    warnings.push({ path: 'name', reason: `${JSON.stringify(chart.name)} differs from metadata.name ${JSON.stringify(manifest.metadata.name)} in ${MANIFEST_FILE}`, file: 'Chart.yaml' });
  }
  if (chart.version !== manifest.metadata.version) {
    warnings.push({ path: 'version', reason: `${chart.version} differs from metadata.version ${manifest.metadata.version} in ${MANIFEST_FILE}`, file: 'Chart.yaml' });
  }
  await checkAssets(
    dir,
    [
      ['metadata.icon', manifest.metadata.icon],
      ['spec.featuredImage', manifest.spec.featuredImage],
      ...manifest.spec.promoteImage.map((img, i): [string, string] => [`spec.promoteImage[${i}]`, img]),
      ...manifest.entrances.map((e, i): [string, string | undefined] => [`entrances[${i}].icon`, e.icon]),
    ],
    errors,
  );
  if (errors.length > 0) return fail(name);
  const withI18n = mergeManifestI18n(manifest, locales);
  return { ok: true, app: toCatalogApp(withI18n, chart, opts.sourceId ?? 'local'), warnings };
}
