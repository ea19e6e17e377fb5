// The 44 real charts of the Olares catalogue parse as an admin and as a member, with their i18n files, into the expected shapes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifestI18n } from './i18n';
import { parseManifest } from './parse-manifest';
import { fixtureApps, olaresAppsDir, readFixture } from './testing/fixtures';

const apps = fixtureApps();

describe('the 44 real charts of the Olares catalogue', () => {
  it('are all there', () => {
    expect(apps.length).toBe(44);
  });

  it.each(apps)('%s parses without errors, as an admin and as a member', (app) => {
    const text = readFixture(app);
    const admin = parseManifest(text, { file: 'OlaresManifest.yaml' });
    expect(admin.ok ? [] : admin.errors).toEqual([]);
    const member = parseManifest(text, { file: 'OlaresManifest.yaml', render: { owner: 'bob', admin: 'alice' } });
    expect(member.ok ? [] : member.errors).toEqual([]);
    if (!admin.ok) return;
    expect(admin.manifest.metadata.name).toBe(app);
    expect(admin.manifest.entrances.length).toBeGreaterThan(0);
  });

  it.each(apps)('%s has i18n files that parse', (app) => {
    const dir = path.join(olaresAppsDir, app, 'i18n');
    for (const locale of fs.readdirSync(dir)) {
      const r = parseManifestI18n(readFixture(app, `i18n/${locale}/OlaresManifest.yaml`));
      expect(r.ok ? [] : r.errors).toEqual([]);
      if (r.ok) expect(r.text.title ?? r.text.description).toBeTruthy();
    }
  });

  it('reads the shapes that matter from real charts', () => {
    const mattermost = parseManifest(readFixture('mattermost'));
    if (!mattermost.ok) throw new Error('mattermost');
    const m = mattermost.manifest;
    expect(m.middleware.postgres).toEqual({ username: 'mattermost', password: 'mattermost', databases: [{ name: 'mattermost', distributed: true, extensions: [], scripts: [] }] });
    expect(m.spec.required).toEqual({ cpuMillis: 50, memoryBytes: 512 * 1024 ** 2, diskBytes: 50 * 1024 ** 2 });
    expect(m.spec.limited.memoryBytes).toBe(4096 * 1024 ** 2);
    expect(m.entrances[0]).toMatchObject({ name: 'mattermost', port: 8065, openMethod: 'window', authLevel: 'public' });
    expect(m.options.dependencies[0]).toEqual({ name: 'olares', version: '>=1.12.6-0', range: '>=1.12.6-0', type: 'system', mandatory: false });

    const gemma = parseManifest(readFixture('ollamagemma426bv3'));
    if (!gemma.ok) throw new Error('gemma');
    expect(gemma.manifest.spec.accelerators.map((a) => a.mode)).toEqual(['nvidia', 'nvidia-gb10']);
    expect(gemma.manifest.spec.accelerators[0]?.required.gpu).toEqual({ kind: 'memory', bytes: 23 * 1024 ** 3 });
    expect(gemma.manifest.sharedEntrances[0]).toMatchObject({ name: 'ollamagemma426bv3', port: 0, invisible: true });

    const windows = parseManifest(readFixture('windows'));
    if (!windows.ok) throw new Error('windows');
    expect(windows.manifest.ports).toEqual([{ name: 'rdp-tcp-udp', host: 'windows-svc', port: 3389, protocol: '', addToTailscaleAcl: true }]);
    expect(windows.manifest.options.allowMultipleInstall).toBe(true);
    expect(windows.manifest.envs.find((e) => e.envName === 'SYSTEM_CDN_SERVICE')?.valueFrom).toEqual({ envName: 'OLARES_SYSTEM_CDN_SERVICE' });
  });

  it('renders the per-role resource envelopes of templated charts', () => {
    const text = readFixture('vllmhymt1518bv2');
    const admin = parseManifest(text);
    const member = parseManifest(text, { render: { owner: 'bob', admin: 'alice' } });
    if (!admin.ok || !member.ok) throw new Error('vllm');
    expect(admin.manifest.spec.required.gpu).toEqual({ kind: 'memory', bytes: 8 * 1024 ** 3 });
    expect(member.manifest.spec.required).toEqual({ cpuMillis: 10, memoryBytes: 64 * 1024 ** 2, diskBytes: 50 * 1024 ** 2 });
    expect(member.manifest.envs).toEqual([]);
  });

  it('keeps a Go-style comma range usable with npm semver', () => {
    const found = apps
      .map((a) => parseManifest(readFixture(a)))
      .flatMap((r) => (r.ok ? r.manifest.options.dependencies : []))
      .find((d) => d.version.includes(','));
    expect(found?.range).not.toContain(',');
  });
});
