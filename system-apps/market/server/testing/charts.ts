// Small app charts written by tests into a temporary catalogue folder: real chart layout, tiny resource needs.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface TestChart {
  name: string;
  version?: string;
  title?: string;
  postgres?: string[];
  onlyAdmin?: boolean;
  allowMultipleInstall?: boolean;
  memory?: string;
  entrances?: Array<{ name: string; host: string; port: number; authLevel?: 'public' | 'private'; openMethod?: 'window' | 'iframe' }>;
}

export async function writeChart(root: string, c: TestChart): Promise<string> {
  const dir = path.join(root, c.name);
  const version = c.version ?? '1.0.0';
  const entrances = c.entrances ?? [{ name: c.name, host: c.name, port: 8080, authLevel: 'private' }];
  await fs.mkdir(path.join(dir, 'templates'), { recursive: true });
  await fs.mkdir(path.join(dir, 'i18n', 'zh-CN'), { recursive: true });
  await fs.writeFile(path.join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${c.name}\nversion: ${version}\nappVersion: "${version}"\ndescription: ${c.title ?? c.name}\ntype: application\n`);
  await fs.writeFile(path.join(dir, 'values.yaml'), 'image: nginx:1.27-alpine\n');
  await fs.writeFile(path.join(dir, 'templates', 'deployment.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  replicas: 1\n`);
  const lines = [
    "olaresManifest.version: '0.10.0'",
    'olaresManifest.type: app',
    'metadata:',
    `  name: ${c.name}`,
    `  title: ${c.title ?? c.name}`,
    `  description: A test app called ${c.name}`,
    '  icon: https://example.invalid/icon.png',
    `  version: ${version}`,
    '  categories:',
    '  - Utilities',
    'entrances:',
    ...entrances.flatMap((e) => [`- name: ${e.name}`, `  host: ${e.host}`, `  port: ${e.port}`, `  title: ${e.name}`, '  icon: https://example.invalid/icon.png', `  authLevel: ${e.authLevel ?? 'private'}`, ...(e.openMethod ? [`  openMethod: ${e.openMethod}`] : [])]),
    'spec:',
    `  versionName: '${version}'`,
    `  fullDescription: The ${c.name} test app.`,
    '  developer: Tests',
    '  requiredCpu: 50m',
    '  limitedCpu: 200m',
    `  requiredMemory: ${c.memory ?? '32Mi'}`,
    '  limitedMemory: 128Mi',
    '  requiredDisk: 10Mi',
    '  limitedDisk: 100Mi',
    '  supportArch:',
    '  - amd64',
    '  - arm64',
    ...(c.onlyAdmin ? ['  onlyAdmin: true'] : []),
    'permission:',
    '  appData: true',
    ...(c.postgres ? ['middleware:', '  postgres:', `    username: ${c.name}`, '    password: unused', '    databases:', ...c.postgres.map((d) => `    - name: ${d}`)] : []),
    'options:',
    ...(c.allowMultipleInstall ? ['  allowMultipleInstall: true'] : []),
    '  dependencies:',
    '  - name: olares',
    "    version: '>=1.10.0-0'",
    '    type: system',
  ];
  await fs.writeFile(path.join(dir, 'OlaresManifest.yaml'), lines.join('\n') + '\n');
  await fs.writeFile(path.join(dir, 'i18n', 'zh-CN', 'OlaresManifest.yaml'), `metadata:\n  title: ${c.title ?? c.name}（测试）\n  description: 测试应用\n`);
  return dir;
}
