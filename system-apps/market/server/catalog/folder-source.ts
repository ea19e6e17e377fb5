// A local folder of charts as a catalogue source: every subfolder with an OlaresManifest.yaml is an app.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ManifestRenderOptions } from '../manifest';
import { MANIFEST_FILE, loadChartFolder } from './load-chart';
import { packChart } from './pack-chart';
import { SourceError, type LoadedChart, type SourceDriver, type SourceSnapshot } from './source-driver';
import type { CatalogSourceConfig } from './types';

/** Load every chart folder under `root`. Throws SourceError when `root` cannot be read. */
export async function scanChartFolders(root: string, sourceId: string, render?: ManifestRenderOptions): Promise<SourceSnapshot> {
  let entries;
  try {
    entries = await fs.readdir(root, { withFileTypes: true });
  } catch (err) {
    throw new SourceError(`catalogue folder ${root} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const snapshot: SourceSnapshot = { charts: [], invalid: [] };
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const dir = path.join(root, entry.name);
    try {
      await fs.access(path.join(dir, MANIFEST_FILE));
    } catch {
      continue;
    }
    const r = await loadChartFolder(dir, { sourceId, ...(render ? { render } : {}) });
    if (r.ok) snapshot.charts.push({ app: r.app, dir, warnings: r.warnings });
    else snapshot.invalid.push({ source: sourceId, app: r.name, errors: r.errors });
  }
  return snapshot;
}

export class FolderSource implements SourceDriver {
  constructor(
    private readonly config: CatalogSourceConfig,
    private readonly render?: ManifestRenderOptions,
  ) {}

  sync(): Promise<SourceSnapshot> {
    return scanChartFolders(this.config.location, this.config.id, this.render);
  }

  async cached(): Promise<undefined> {
    return undefined;
  }

  archive(chart: LoadedChart): Promise<Buffer> {
    return packChart(chart.dir);
  }
}
