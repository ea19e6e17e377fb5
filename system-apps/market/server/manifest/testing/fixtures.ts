// Test helpers: where the shared real-world charts live (<repo>/../shared/fixtures/olares-apps) and a small valid manifest to break.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

/** The repository root (the folder with package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** 44 app charts from the public Olares catalogue; never modified. */
export const olaresAppsDir = path.resolve(repoRoot, '../shared/fixtures/olares-apps');

/** The fixture folders that hold an app (an OlaresManifest.yaml). */
export function fixtureApps(): string[] {
  return fs
    .readdirSync(olaresAppsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(olaresAppsDir, d.name, 'OlaresManifest.yaml')))
    .map((d) => d.name)
    .sort();
}

export function readFixture(app: string, rel = 'OlaresManifest.yaml'): string {
  return fs.readFileSync(path.join(olaresAppsDir, app, rel), 'utf8');
}

/** A manifest as plain data that tests edit freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into any field of the sample
export type SampleDoc = Record<string, any>;

/** A small manifest that passes every check; tests change one field and look for the one issue. */
export function validManifest(): SampleDoc {
  return {
    'olaresManifest.version': '0.11.0',
    'olaresManifest.type': 'app',
    apiVersion: 'v2',
    metadata: { name: 'demo', appid: 'demo', title: 'Demo', icon: 'icon.svg', description: 'A demo app', version: '1.2.3', categories: ['Utilities_v112'] },
    entrances: [{ name: 'demo', host: 'demo-svc', port: 8080, title: 'Demo', authLevel: 'private', openMethod: 'default' }],
    spec: {
      versionName: '1.0',
      fullDescription: 'Long text',
      upgradeDescription: 'What changed',
      developer: 'Someone',
      locale: ['en-US', 'zh-CN'],
      requiredCpu: '50m',
      limitedCpu: '1',
      requiredMemory: '64Mi',
      limitedMemory: '256Mi',
      requiredDisk: '50Mi',
      limitedDisk: '1Gi',
      supportArch: ['amd64', 'arm64'],
    },
    permission: { appData: true, appCache: true, userData: ['Home/Documents'] },
    options: { dependencies: [{ name: 'olares', version: '>=1.12.0-0', type: 'system' }] },
  };
}

export function toYaml(doc: unknown): string {
  return stringify(doc);
}
