// CatalogService over folder sources: listing, first source wins, invalid charts reported, last good copy, archives, assets, timer.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { list } from 'tar';
import { CatalogNotFoundError, CatalogService } from './catalog-service';
import { copyFixture, editYaml, olaresAppsDir, tmpDir } from './testing/charts';

describe('CatalogService with folder sources', () => {
  let root: string;
  beforeEach(async () => {
    root = await tmpDir();
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('lists every app of the real charts, newest first per name', async () => {
    const svc = new CatalogService({ sources: [{ id: 'fixtures', kind: 'folder', location: olaresAppsDir }], cacheDir: root });
    const statuses = await svc.sync();
    expect(statuses).toEqual([
      { id: 'fixtures', kind: 'folder', location: olaresAppsDir, ok: true, lastSyncedAt: expect.any(String), lastAttemptAt: expect.any(String), apps: 44, invalid: 0 },
    ]);
    expect(svc.list()).toHaveLength(44);
    expect(svc.invalid()).toEqual([]);
    expect(svc.get('mattermost')?.version).toBe('1.0.11');
    expect(svc.get('mattermost', '9.9.9')).toBeUndefined();
    expect(svc.get('nope')).toBeUndefined();
  });

  it('lets the first source win a name, and notes it', async () => {
    const local = path.join(root, 'local');
    await copyFixture('radicale', local);
    const dir = await copyFixture('mattermost', local);
    await editYaml(path.join(dir, 'OlaresManifest.yaml'), (m) => (m.metadata.title = 'Team Chat'));
    const svc = new CatalogService({
      sources: [
        { id: 'local', kind: 'folder', location: local },
        { id: 'fixtures', kind: 'folder', location: olaresAppsDir },
      ],
      cacheDir: root,
    });
    await svc.sync();
    expect(svc.list()).toHaveLength(44);
    expect(svc.get('mattermost')).toMatchObject({ title: 'Team Chat', source: 'local' });
    expect(svc.shadowed()).toEqual([
      { name: 'mattermost', source: 'fixtures', shadowedBy: 'local' },
      { name: 'radicale', source: 'fixtures', shadowedBy: 'local' },
    ]);
  });

  it('reports charts that fail to load instead of skipping them silently', async () => {
    const local = path.join(root, 'local');
    const dir = await copyFixture('mattermost', local);
    await copyFixture('radicale', local);
    await editYaml(path.join(dir, 'OlaresManifest.yaml'), (m) => (m.spec.requiredMemory = '12Gx'));
    await fs.mkdir(path.join(local, 'not-a-chart'));
    const svc = new CatalogService({ sources: [{ id: 'local', kind: 'folder', location: local }], cacheDir: root });
    const [status] = await svc.sync();
    expect(status).toMatchObject({ ok: true, apps: 1, invalid: 1 });
    expect(svc.invalid()).toEqual([
      { source: 'local', app: 'mattermost', errors: [{ path: 'spec.requiredMemory', reason: '"12Gx" is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 1Gi)', file: 'OlaresManifest.yaml' }] },
    ]);
  });

  it('keeps the last good copy when a folder disappears', async () => {
    const local = path.join(root, 'local');
    await copyFixture('radicale', local);
    const svc = new CatalogService({ sources: [{ id: 'local', kind: 'folder', location: local }], cacheDir: root });
    await svc.sync();
    await fs.rm(local, { recursive: true });
    const [status] = await svc.sync();
    expect(status).toMatchObject({ ok: false, error: `catalogue folder ${local} cannot be read: ENOENT`, apps: 1 });
    expect(svc.get('radicale')).toBeDefined();
  });

  it('packs the chart archive to install, and refuses unknown apps', async () => {
    const svc = new CatalogService({ sources: [{ id: 'fixtures', kind: 'folder', location: olaresAppsDir }], cacheDir: root });
    await svc.sync();
    const archive = await svc.chartArchive('radicale');
    const names: string[] = [];
    list({ sync: true, onReadEntry: (e) => void names.push(e.path) }).end(archive);
    expect(names).toContain('radicale/Chart.yaml');
    await expect(svc.chartArchive('nope')).rejects.toThrow(CatalogNotFoundError);
    await expect(svc.chartArchive('radicale', '0.0.1')).rejects.toThrow('no catalogue offers radicale 0.0.1');
  });

  it('serves chart images and rewrites them to asset URLs', async () => {
    const local = path.join(root, 'local');
    const dir = await copyFixture('radicale', local);
    await fs.writeFile(path.join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await editYaml(path.join(dir, 'OlaresManifest.yaml'), (m) => (m.metadata.icon = 'icon.svg'));
    const svc = new CatalogService({
      sources: [{ id: 'local', kind: 'folder', location: local }],
      cacheDir: root,
      assetUrl: (app, rel) => `/api/market/assets/${app.name}/${app.version}/${rel}`,
    });
    await svc.sync();
    const app = svc.get('radicale');
    expect(app?.icon).toBe(`/api/market/assets/radicale/${app?.version}/icon.svg`);
    expect(app?.manifest.metadata.icon).toBe('icon.svg');
    expect(await svc.asset('radicale', 'icon.svg')).toMatchObject({ contentType: 'image/svg+xml' });
    expect(await svc.asset('radicale', '../../etc/passwd')).toBeNull();
    expect(await svc.asset('radicale', 'values.yaml')).toBeNull();
    expect(await svc.asset('nope', 'icon.svg')).toBeNull();
  });

  it('syncs on a timer that start() schedules and stop() clears, and says when the list changed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const local = path.join(root, 'local');
      await copyFixture('radicale', local);
      const onChange = vi.fn();
      const svc = new CatalogService({ sources: [{ id: 'local', kind: 'folder', location: local }], cacheDir: root, syncIntervalMs: 1000, onChange });
      const sync = vi.spyOn(svc, 'sync');
      await svc.start();
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(sync).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1000);
      expect(sync).toHaveBeenCalledTimes(2);
      await sync.mock.results[1]?.value;
      expect(onChange).toHaveBeenCalledTimes(1);
      svc.stop();
      vi.advanceTimersByTime(5000);
      expect(sync).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shares one run between concurrent syncs', async () => {
    const svc = new CatalogService({ sources: [{ id: 'fixtures', kind: 'folder', location: olaresAppsDir }], cacheDir: root });
    const [a, b] = [svc.sync(), svc.sync()];
    expect(a).toBe(b);
    await a;
  });

  it('checks source ids and URLs up front', () => {
    expect(() => new CatalogService({ sources: [{ id: '../x', kind: 'folder', location: root }], cacheDir: root })).toThrow(/source id/);
    expect(
      () =>
        new CatalogService({
          sources: [
            { id: 'a', kind: 'folder', location: root },
            { id: 'a', kind: 'folder', location: root },
          ],
          cacheDir: root,
        }),
    ).toThrow(/used twice/);
    expect(() => new CatalogService({ sources: [{ id: 'r', kind: 'url', location: 'ftp://bob:pw@x/' }], cacheDir: root })).toThrow('catalogue source r: ftp://x/ is not an http(s) URL');
  });
});
