// Remote catalogues from a loopback server: ETag caching, one download per version, digests, unreachable and garbage sources, credentials.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogService } from './catalog-service';
import { packChart } from './pack-chart';
import { UrlSource } from './url-source';
import { digestOf, startFakeCatalog, type FakeCatalog } from './testing/catalog-server';
import { olaresAppsDir, tmpDir } from './testing/charts';

describe('remote catalogue source', () => {
  let cache: string;
  let cat: FakeCatalog;
  let radicale: Buffer;
  let vaultwarden: Buffer;

  beforeEach(async () => {
    cache = await tmpDir();
    cat = await startFakeCatalog();
    radicale = await packChart(path.join(olaresAppsDir, 'radicale'));
    vaultwarden = await packChart(path.join(olaresAppsDir, 'vaultwarden'));
    cat.files.set('charts/radicale-1.0.9.tgz', radicale);
    cat.files.set('charts/vaultwarden-1.0.2.tgz', vaultwarden);
    cat.index = {
      apiVersion: 1,
      apps: [
        { name: 'radicale', version: '1.0.9', chart: 'charts/radicale-1.0.9.tgz', digest: digestOf(radicale) },
        { name: 'vaultwarden', version: '1.0.2', chart: 'charts/vaultwarden-1.0.2.tgz' },
      ],
    };
  });
  afterEach(async () => {
    await cat.close();
    await fs.rm(cache, { recursive: true, force: true });
  });

  const service = (location = cat.base) => new CatalogService({ sources: [{ id: 'remote', kind: 'url', location }], cacheDir: cache });
  const chartRequests = () => cat.requests.filter((r) => r.path.endsWith('.tgz')).length;

  it('loads the apps of index.json, caches with ETag, and downloads each archive once', async () => {
    const svc = service();
    const [status] = await svc.sync();
    expect(status).toMatchObject({ id: 'remote', kind: 'url', location: cat.base, ok: true, apps: 2, invalid: 0 });
    expect(svc.list().map((a) => `${a.name}@${a.version}:${a.source}`)).toEqual(['radicale@1.0.9:remote', 'vaultwarden@1.0.2:remote']);
    expect(chartRequests()).toBe(2);
    expect((await svc.chartArchive('radicale')).equals(radicale)).toBe(true);

    await svc.sync();
    const indexRequests = cat.requests.filter((r) => r.path === '/cat/index.json');
    expect(indexRequests.map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"']);
    expect(chartRequests()).toBe(2);
    expect(svc.list()).toHaveLength(2);

    const files = await fs.readdir(path.join(cache, 'remote'));
    expect(files.sort()).toEqual(['archives', 'charts', 'state.json']);
  });

  it('fetches a new index when the ETag changes, and drops what it no longer lists', async () => {
    const svc = service();
    await svc.sync();
    cat.etag = '"v2"';
    cat.index = { apiVersion: 1, apps: [{ name: 'radicale', version: '1.0.9', chart: 'charts/radicale-1.0.9.tgz' }] };
    await svc.sync();
    expect(svc.list().map((a) => a.name)).toEqual(['radicale']);
    expect(await fs.readdir(path.join(cache, 'remote/archives'))).toEqual(['radicale-1.0.9.tgz']);
    expect((await fs.readdir(path.join(cache, 'remote/charts'))).every((d) => d.startsWith('radicale-1.0.9-'))).toBe(true);
    expect(chartRequests()).toBe(2);
  });

  it('refuses an archive whose digest does not match, and reports it', async () => {
    cat.index = { apiVersion: 1, apps: [{ name: 'radicale', version: '1.0.9', chart: 'charts/radicale-1.0.9.tgz', digest: digestOf(vaultwarden) }] };
    const svc = service();
    const [status] = await svc.sync();
    expect(status).toMatchObject({ ok: true, apps: 0, invalid: 1 });
    expect(svc.invalid()).toEqual([
      {
        source: 'remote',
        app: 'radicale',
        version: '1.0.9',
        errors: [{ path: 'chart', reason: `digest mismatch: index.json says ${digestOf(vaultwarden)}, the archive is ${digestOf(radicale)}`, file: 'index.json' }],
      },
    ]);
    const archives = await fs.readdir(path.join(cache, 'remote/archives')).catch(() => []);
    expect(archives).toEqual([]);
  });

  it('reports an archive that holds another app than the index says, and a missing one', async () => {
    cat.index = {
      apiVersion: 1,
      apps: [
        { name: 'radicale', version: '2.0.0', chart: 'charts/radicale-1.0.9.tgz' },
        { name: 'ghost', version: '1.0.0', chart: 'charts/ghost.tgz' },
      ],
    };
    const svc = service();
    await svc.sync();
    expect(svc.invalid().map((i) => i.errors[0]?.reason)).toEqual([
      'index.json lists radicale 2.0.0 but the archive holds radicale 1.0.9',
      `download of ${cat.base}/charts/ghost.tgz failed: HTTP 404`,
    ]);
  });

  it('keeps the last good copy when the catalogue becomes unreachable', async () => {
    const svc = service();
    const [first] = await svc.sync();
    await cat.close();
    const [status] = await svc.sync();
    expect(status).toMatchObject({ ok: false, error: `catalogue ${cat.base} is unreachable: connect ECONNREFUSED 127.0.0.1:${cat.port}`, apps: 2, lastSyncedAt: first?.lastSyncedAt });
    expect(svc.list()).toHaveLength(2);
    expect((await svc.chartArchive('radicale')).equals(radicale)).toBe(true);

    // A fresh process with the same cache serves the copy on disk.
    const restarted = service();
    const [cold] = await restarted.sync();
    expect(cold).toMatchObject({ ok: false, apps: 2, lastSyncedAt: null });
    expect(restarted.get('vaultwarden')?.version).toBe('1.0.2');
  });

  it('says what is wrong with a catalogue that answers garbage or an error', async () => {
    const svc = service();
    await svc.sync();
    cat.etag = '"v2"';
    cat.index = '<html>maintenance</html>';
    expect((await svc.sync())[0]).toMatchObject({ ok: false, error: `catalogue ${cat.base} sent an invalid index: index.json is not JSON`, apps: 2 });
    cat.index = JSON.stringify({ apiVersion: 1, apps: [{ name: 'x', version: 'one', chart: 'x.tgz' }] });
    expect((await svc.sync())[0]?.error).toBe(`catalogue ${cat.base} sent an invalid index: index.json apps[0].version: must be a semantic version`);
    cat.indexStatus = 503;
    expect((await svc.sync())[0]?.error).toBe(`catalogue ${cat.base} answered HTTP 503 for index.json`);
    expect(svc.list()).toHaveLength(2);
  });

  it('sends credentials from the URL as a header and never shows them', async () => {
    const location = `http://bob:s3cret@127.0.0.1:${cat.port}/cat/`;
    const svc = service(location);
    const [status] = await svc.sync();
    expect(status?.ok).toBe(true);
    expect(cat.requests.every((r) => r.authorization === `Basic ${Buffer.from('bob:s3cret').toString('base64')}`)).toBe(true);
    expect(status?.location).toBe(`http://127.0.0.1:${cat.port}/cat/`);
    await cat.close();
    const [down] = await svc.sync();
    expect(JSON.stringify(down)).not.toContain('s3cret');
    expect(JSON.stringify(svc.sources())).not.toContain('bob');
  });

  it('refuses archives above the size limit without buffering them', async () => {
    const source = new UrlSource({ id: 'remote', kind: 'url', location: cat.base }, { dir: path.join(cache, 'remote'), fetch, maxArchiveBytes: 1024 });
    const snapshot = await source.sync();
    expect(snapshot.charts).toEqual([]);
    expect(snapshot.invalid.map((i) => i.errors[0]?.reason)).toEqual(['the archive is larger than the 1Ki limit', 'the archive is larger than the 1Ki limit']);
  });
});
