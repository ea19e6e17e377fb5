// loadChartFolder over the real charts, and on broken copies: every problem named by file and field.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadChartFolder } from './load-chart';
import { copyFixture, editYaml, fixtureApps, olaresAppsDir, tmpDir } from './testing/charts';

describe('loadChartFolder over the real charts', () => {
  it.each(fixtureApps())('%s loads', async (app) => {
    const r = await loadChartFolder(path.join(olaresAppsDir, app));
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    expect(r.app.name).toBe(app);
    expect(r.app.locales['en-US']?.title).toBeTruthy();
    expect(r.app.locales['zh-CN']?.title).toBeTruthy();
  });

  it('builds the store view of an app', async () => {
    const r = await loadChartFolder(path.join(olaresAppsDir, 'mattermost'), { sourceId: 'official' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const a = r.app;
    expect(a).toMatchObject({
      name: 'mattermost',
      version: '1.0.11',
      appVersion: '11.8.2',
      versionName: '11.8.2',
      type: 'app',
      title: 'Mattermost',
      categories: ['Productivity'],
      rawCategories: ['Productivity_v112'],
      developer: 'Mattermost',
      submitter: 'Olares',
      website: 'https://mattermost.com/',
      sourceCode: 'https://github.com/mattermost/mattermost',
      doc: 'https://docs.mattermost.com/',
      featuredImage: 'https://app.cdn.olares.com/appstore/mattermost/1.jpg',
      requirements: { cpuMillis: 50, memoryBytes: 512 * 1024 ** 2, diskBytes: 50 * 1024 ** 2 },
      limits: { cpuMillis: 1000, memoryBytes: 4096 * 1024 ** 2, diskBytes: 256 * 1024 ** 2 },
      supportArch: ['amd64'],
      onlyAdmin: false,
      allowMultipleInstall: false,
      permissions: [{ kind: 'appData' }, { kind: 'appCache' }],
      middleware: [{ kind: 'postgres', username: 'mattermost', names: ['mattermost'], extensions: [] }],
      conflicts: [],
      source: 'official',
    });
    expect(a.screenshots).toHaveLength(5);
    expect(a.locales['zh-CN']?.description).toBe('全生命周期的开发合作开源平台，确保您的通讯安全。');
    expect(a.locales['en-US']?.fullDescription).toContain('Mattermost is an open source platform');
    expect(a.manifest.metadata.name).toBe('mattermost');
    expect(JSON.stringify(a.middleware)).not.toContain('password');
  });

  it('takes requirements from the first accelerator profile when the spec declares none', async () => {
    const r = await loadChartFolder(path.join(olaresAppsDir, 'ollamagemma426bv3'));
    if (!r.ok) throw new Error('gemma');
    expect(r.app.requirements).toEqual({ cpuMillis: 1300, memoryBytes: 22 * 1024 ** 3, diskBytes: 50 * 1024 ** 2, gpu: { kind: 'memory', bytes: 23 * 1024 ** 3 } });
    expect(r.app.limits.gpu).toEqual({ kind: 'memory', bytes: 24 * 1024 ** 3 });
    expect(r.app.accelerators.map((x) => x.mode)).toEqual(['nvidia', 'nvidia-gb10']);
  });

  it('lists userData, outbound and exposed ports as permissions', async () => {
    const netdata = await loadChartFolder(path.join(olaresAppsDir, 'netdata'));
    if (!netdata.ok) throw new Error('netdata');
    expect(netdata.app.permissions).toContainEqual({ kind: 'outboundPorts', ports: [465, 587] });
    const windows = await loadChartFolder(path.join(olaresAppsDir, 'windows'));
    if (!windows.ok) throw new Error('windows');
    expect(windows.app.permissions).toContainEqual({ kind: 'exposedPorts', ports: [{ name: 'rdp-tcp-udp', port: 3389, protocol: 'tcp/udp' }] });
  });
});

describe('loadChartFolder on broken charts', () => {
  let root: string;
  beforeEach(async () => {
    root = await tmpDir();
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('names file and field for each problem', async () => {
    const dir = await copyFixture('mattermost', root);
    await editYaml(path.join(dir, 'OlaresManifest.yaml'), (m) => {
      m.spec.requiredMemory = '12Gx';
      m.entrances[0].port = 'web';
    });
    await editYaml(path.join(dir, 'Chart.yaml'), (c) => (c.version = 'latest'));
    const r = await loadChartFolder(dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.name).toBe('mattermost');
    expect(r.errors).toEqual([
      { file: 'Chart.yaml', path: 'version', reason: '"latest" is not a semantic version (Helm requires one)' },
      { file: 'OlaresManifest.yaml', path: 'entrances[0].port', reason: 'expected a whole number, got a string' },
      { file: 'OlaresManifest.yaml', path: 'spec.requiredMemory', reason: '"12Gx" is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 1Gi)' },
    ]);
  });

  it('reports missing files', async () => {
    const dir = await copyFixture('mattermost', root);
    await fs.rm(path.join(dir, 'Chart.yaml'));
    const r = await loadChartFolder(dir);
    expect(r.ok ? [] : r.errors).toEqual([{ path: '(file)', reason: 'is missing', file: 'Chart.yaml' }]);
    const empty = path.join(root, 'empty');
    await fs.mkdir(empty);
    const r2 = await loadChartFolder(empty);
    expect(r2.ok ? [] : r2.errors.map((e) => e.file)).toEqual(['OlaresManifest.yaml', 'Chart.yaml']);
  });

  it('warns when Chart.yaml and the manifest disagree on the name', async () => {
    const dir = await copyFixture('mattermost', root);
    await editYaml(path.join(dir, 'Chart.yaml'), (c) => (c.name = 'mattermost-chart'));
    const r = await loadChartFolder(dir);
    expect(r.ok).toBe(true);
    expect(r.warnings).toContainEqual({ file: 'Chart.yaml', path: 'name', reason: '"mattermost-chart" differs from metadata.name "mattermost" in OlaresManifest.yaml' });
  });

  it('reports a broken locale file with its path, and ignores folders that are not locales', async () => {
    const dir = await copyFixture('mattermost', root);
    await fs.writeFile(path.join(dir, 'i18n/zh-CN/OlaresManifest.yaml'), 'metadata:\n  title: [unclosed\n');
    await fs.mkdir(path.join(dir, 'i18n/not a locale'));
    await fs.writeFile(path.join(dir, 'i18n/not a locale/OlaresManifest.yaml'), 'metadata: {title: x}\n');
    const r = await loadChartFolder(dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.every((e) => e.file === 'i18n/zh-CN/OlaresManifest.yaml' && e.path === '(yaml)')).toBe(true);
    expect(r.warnings.map((w) => w.file)).toContain('i18n/not a locale/OlaresManifest.yaml');
  });

  it('requires relative images to exist inside the chart', async () => {
    const dir = await copyFixture('mattermost', root);
    await editYaml(path.join(dir, 'OlaresManifest.yaml'), (m) => (m.metadata.icon = 'icon.svg'));
    const r = await loadChartFolder(dir);
    expect(r.ok ? [] : r.errors).toEqual([{ path: 'metadata.icon', reason: '"icon.svg" is not a file in the chart folder', file: 'OlaresManifest.yaml' }]);
    await fs.writeFile(path.join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const ok = await loadChartFolder(dir);
    expect(ok.ok && ok.app.icon).toBe('icon.svg');
  });
});
