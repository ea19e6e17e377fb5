// The demo catalogue: three small apps that load, serve their icons and render to Kubernetes objects.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { renderTemplate } from '../manifest';
import { repoRoot } from '../manifest/testing/fixtures';
import { CatalogService } from './catalog-service';
import { tmpDir } from './testing/charts';

const demo = path.join(repoRoot, 'system-apps/market/demo-catalog');

describe('the demo catalogue', () => {
  let cache: string;
  let svc: CatalogService;
  beforeEach(async () => {
    cache = await tmpDir();
    svc = new CatalogService({ sources: [{ id: 'demo', kind: 'folder', location: demo }], cacheDir: cache });
    await svc.sync();
  });
  afterEach(async () => {
    await fs.rm(cache, { recursive: true, force: true });
  });

  it('offers three small apps in both locales', () => {
    expect(svc.invalid()).toEqual([]);
    const apps = svc.list();
    expect(apps.map((a) => a.name)).toEqual(['gpu-lab', 'hello-web', 'notes']);
    for (const a of apps) {
      expect(a.icon).toBe('icon.svg');
      expect(Object.keys(a.locales)).toEqual(['en-US', 'zh-CN']);
      expect(a.requirements.cpuMillis).toBeLessThanOrEqual(100);
      expect(a.requirements.memoryBytes).toBeLessThanOrEqual(256 * 1024 ** 2);
    }
  });

  it('declares what each app is there to show', () => {
    expect(svc.get('hello-web')?.entrances).toMatchObject([{ name: 'hello-web', host: 'hello-web', port: 80 }]);
    expect(svc.get('notes')?.middleware).toEqual([{ kind: 'postgres', username: 'notes', names: ['notes'], extensions: [] }]);
    const lab = svc.get('gpu-lab');
    expect(lab?.requirements.gpu).toEqual({ kind: 'memory', bytes: 2 * 1024 ** 3 });
    expect(lab?.entrances[0]?.openMethod).toBe('window');
    expect(lab?.categories).toEqual(['AI', 'Developer Tools']);
  });

  it('serves its icons', async () => {
    for (const name of ['hello-web', 'notes', 'gpu-lab']) {
      const icon = await svc.asset(name, 'icon.svg');
      expect(icon?.contentType).toBe('image/svg+xml');
      expect(icon?.body.toString()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });

  it('has templates that render to Kubernetes objects whose Services match the entrances', async () => {
    for (const app of svc.list()) {
      const dir = path.join(demo, app.name);
      const values: unknown = parse(await fs.readFile(path.join(dir, 'values.yaml'), 'utf8'));
      const kinds: string[] = [];
      const services: string[] = [];
      for (const file of await fs.readdir(path.join(dir, 'templates'))) {
        const r = renderTemplate(await fs.readFile(path.join(dir, 'templates', file), 'utf8'), { Values: values, Release: { Name: app.name, Namespace: `${app.name}-alice` } });
        if (!r.ok) throw new Error(`${app.name}/${file}: ${r.reason}`);
        for (const doc of parseAllDocuments(r.text)) {
          const obj = doc.toJS() as { kind: string; metadata: { name: string; namespace: string } };
          kinds.push(obj.kind);
          expect(obj.metadata.namespace).toBe(`${app.name}-alice`);
          if (obj.kind === 'Service') services.push(obj.metadata.name);
        }
      }
      expect(kinds).toEqual(expect.arrayContaining(['Deployment', 'Service']));
      expect(services).toEqual(app.entrances.map((e) => e.host));
    }
  });
});
