// Chart images: served from inside the chart folder only, images only.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChartAsset } from './chart-asset';
import { tmpDir } from './testing/charts';

describe('chart assets', () => {
  let root: string;
  let chart: string;
  beforeEach(async () => {
    root = await tmpDir();
    chart = path.join(root, 'app');
    await fs.mkdir(path.join(chart, 'shots'), { recursive: true });
    await fs.writeFile(path.join(chart, 'icon.svg'), '<svg/>');
    await fs.writeFile(path.join(chart, 'shots/1.PNG'), 'png');
    await fs.writeFile(path.join(chart, 'values.yaml'), 'secret: x');
    await fs.writeFile(path.join(root, 'outside.png'), 'outside');
    await fs.symlink(path.join(root, 'outside.png'), path.join(chart, 'link.png'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('serves images inside the chart with their content type', async () => {
    expect(await readChartAsset(chart, 'icon.svg')).toEqual({ body: Buffer.from('<svg/>'), contentType: 'image/svg+xml' });
    expect((await readChartAsset(chart, 'shots/1.PNG'))?.contentType).toBe('image/png');
    expect((await readChartAsset(chart, './shots/1.PNG'))?.contentType).toBe('image/png');
  });

  it('refuses paths that escape the chart folder', async () => {
    for (const rel of ['../outside.png', 'shots/../../outside.png', path.join(root, 'outside.png'), 'link.png', 'shots\\..\\..\\outside.png', 'file:///etc/x.png', 'a\0.png']) {
      expect(await readChartAsset(chart, rel), rel).toBeNull();
    }
  });

  it('refuses files that are not images, folders and missing files', async () => {
    expect(await readChartAsset(chart, 'values.yaml')).toBeNull();
    expect(await readChartAsset(chart, 'shots')).toBeNull();
    expect(await readChartAsset(chart, 'nope.png')).toBeNull();
  });
});
