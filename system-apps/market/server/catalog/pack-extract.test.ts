// Packing charts the way Helm reads them (one top folder, deterministic, .helmignore) and unpacking archives safely.
import fs from 'node:fs/promises';
import path from 'node:path';
import { create, list } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChartArchiveError, extractChartArchive } from './extract-chart';
import { helmIgnore } from './helmignore';
import { packChart } from './pack-chart';
import { copyFixture, olaresAppsDir, tmpDir } from './testing/charts';

function entries(archive: Buffer): string[] {
  const out: string[] = [];
  list({ sync: true, onReadEntry: (e) => void out.push(e.path) }).end(archive);
  return out;
}

async function tarOf(cwd: string, files: string[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of create({ gzip: true, cwd, portable: true }, files) as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('packChart', () => {
  let root: string;
  beforeEach(async () => {
    root = await tmpDir();
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('packs a chart under one top folder named after it, the way Helm reads it', async () => {
    const archive = await packChart(path.join(olaresAppsDir, 'mattermost'));
    expect(archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const names = entries(archive);
    expect(names.every((n) => n.startsWith('mattermost/'))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['mattermost/Chart.yaml', 'mattermost/OlaresManifest.yaml', 'mattermost/values.yaml', 'mattermost/templates/mattermost.yaml', 'mattermost/i18n/zh-CN/OlaresManifest.yaml']));
  });

  it('gives the same bytes for the same folder', async () => {
    const dir = path.join(olaresAppsDir, 'radicale');
    expect((await packChart(dir)).equals(await packChart(dir))).toBe(true);
  });

  it('round-trips through extractChartArchive', async () => {
    const archive = await packChart(path.join(olaresAppsDir, 'radicale'));
    const dest = path.join(root, 'out');
    expect(await extractChartArchive(archive, dest)).toBe('radicale');
    expect(await fs.readFile(path.join(dest, 'Chart.yaml'), 'utf8')).toBe(await fs.readFile(path.join(olaresAppsDir, 'radicale/Chart.yaml'), 'utf8'));
    expect((await fs.readdir(root)).sort()).toEqual(['out']);
  });

  it('leaves out .helmignore matches, .git and symlinks', async () => {
    const dir = await copyFixture('radicale', root);
    await fs.writeFile(path.join(dir, '.helmignore'), '# dev files\n*.md\nsecrets/\n');
    await fs.writeFile(path.join(dir, 'NOTES.md'), 'x');
    await fs.mkdir(path.join(dir, 'secrets'));
    await fs.writeFile(path.join(dir, 'secrets/key'), 'x');
    await fs.mkdir(path.join(dir, '.git'));
    await fs.writeFile(path.join(dir, '.git/HEAD'), 'x');
    await fs.symlink('/etc/passwd', path.join(dir, 'passwd'));
    const names = entries(await packChart(dir));
    expect(names.some((n) => /NOTES\.md|secrets|\.git\/|passwd/.test(n))).toBe(false);
    expect(names).toContain('radicale/.helmignore');
  });
});

describe('helmIgnore', () => {
  it('matches globs, folders, anchored paths and negations', () => {
    const ignored = helmIgnore('*.tmp\ndocs/\n/ci/*.yaml\n!keep.tmp\n');
    expect(ignored('a.tmp', false)).toBe(true);
    expect(ignored('sub/b.tmp', false)).toBe(true);
    expect(ignored('keep.tmp', false)).toBe(false);
    expect(ignored('docs', true)).toBe(true);
    expect(ignored('docs', false)).toBe(false);
    expect(ignored('ci/x.yaml', false)).toBe(true);
    expect(ignored('templates/x.yaml', false)).toBe(false);
  });
});

describe('extractChartArchive', () => {
  let root: string;
  beforeEach(async () => {
    root = await tmpDir();
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('refuses symlinks, several top folders, garbage and oversized archives', async () => {
    const src = path.join(root, 'src');
    await fs.mkdir(path.join(src, 'app'), { recursive: true });
    await fs.mkdir(path.join(src, 'other'), { recursive: true });
    await fs.writeFile(path.join(src, 'app/Chart.yaml'), 'name: app\n');
    await fs.writeFile(path.join(src, 'other/x'), 'x');
    await fs.symlink('/etc/passwd', path.join(src, 'app/link'));
    const dest = path.join(root, 'dest');
    await expect(extractChartArchive(await tarOf(src, ['app']), dest)).rejects.toThrow(/"app\/link" is a SymbolicLink/);
    await fs.rm(path.join(src, 'app/link'));
    await expect(extractChartArchive(await tarOf(src, ['app', 'other']), dest)).rejects.toThrow('expected one top folder, found 2');
    await expect(extractChartArchive(Buffer.from('not an archive at all'), dest)).rejects.toThrow(ChartArchiveError);
    await expect(extractChartArchive(await tarOf(src, ['app']), dest, { maxBytes: 3 })).rejects.toThrow(/unpacks to more than/);
    expect(await fs.readdir(root)).toEqual(['src']);
    expect(await extractChartArchive(await tarOf(src, ['app']), dest)).toBe('app');
    expect(await fs.readdir(dest)).toEqual(['Chart.yaml']);
  });
});
