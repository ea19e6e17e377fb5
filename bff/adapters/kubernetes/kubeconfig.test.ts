// Which cluster the BFF connects to, decided from a fake environment and file system; and loading merged files.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_ACCOUNT_TOKEN, loadKubeConfig, resolveClusterConfig } from './kubeconfig';

const probe = (...files: string[]) => ({ exists: (file: string) => files.includes(file) });

describe('resolveClusterConfig', () => {
  it('takes an explicit path first, even one that does not exist (a typo should fail loudly)', () => {
    const env = { KUBECONFIG: '/a', HOME: '/home/me', KUBERNETES_SERVICE_HOST: '10.0.0.1' };
    expect(resolveClusterConfig(env, probe('/a', '/home/me/.kube/config', SERVICE_ACCOUNT_TOKEN), '/etc/k.yaml')).toEqual({
      kind: 'file',
      path: '/etc/k.yaml',
      paths: ['/etc/k.yaml'],
      source: 'explicit',
    });
  });

  it('then KUBECONFIG, colon-separated, skipping files that do not exist', () => {
    const env = { KUBECONFIG: '/missing:/b::/c:/b', HOME: '/home/me' };
    expect(resolveClusterConfig(env, probe('/b', '/c', '/home/me/.kube/config'))).toEqual({ kind: 'file', path: '/b', paths: ['/b', '/c'], source: 'KUBECONFIG' });
  });

  it('then ~/.kube/config when KUBECONFIG names nothing that exists', () => {
    const env = { KUBECONFIG: '/missing', HOME: '/home/me' };
    expect(resolveClusterConfig(env, probe('/home/me/.kube/config'))).toEqual({
      kind: 'file',
      path: '/home/me/.kube/config',
      paths: ['/home/me/.kube/config'],
      source: 'home',
    });
  });

  it('then the in-cluster service account, which needs both the token file and KUBERNETES_SERVICE_HOST', () => {
    expect(resolveClusterConfig({ HOME: '/root', KUBERNETES_SERVICE_HOST: '10.43.0.1' }, probe(SERVICE_ACCOUNT_TOKEN))).toEqual({
      kind: 'in-cluster',
      source: 'service-account',
    });
    expect(resolveClusterConfig({ HOME: '/root' }, probe(SERVICE_ACCOUNT_TOKEN))).toBeNull();
    expect(resolveClusterConfig({ KUBERNETES_SERVICE_HOST: '10.43.0.1' }, probe())).toBeNull();
  });

  it('is null when nothing is configured: the caller starts the simulator', () => {
    expect(resolveClusterConfig({}, probe())).toBeNull();
    expect(resolveClusterConfig({ KUBECONFIG: '', HOME: '' }, probe('/.kube/config'))).toBeNull();
  });
});

function kubeconfigYaml(name: string, server: string, current = true): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    ...(current ? [`current-context: ${name}`] : []),
    `clusters: [{ name: ${name}, cluster: { server: "${server}" } }]`,
    `users: [{ name: ${name}, user: { token: t-${name} } }]`,
    `contexts: [{ name: ${name}, context: { cluster: ${name}, user: ${name} } }]`,
    '',
  ].join('\n');
}

describe('loadKubeConfig', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

  it('loads YAML text as given', () => {
    const kc = loadKubeConfig({ kubeconfig: kubeconfigYaml('sim', 'http://127.0.0.1:1') });
    expect(kc.getCurrentCluster()?.server).toBe('http://127.0.0.1:1');
  });

  it('merges KUBECONFIG files like kubectl: the first definition and the first current-context win', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kubeconfig-'));
    dirs.push(dir);
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    await fs.writeFile(a, kubeconfigYaml('one', 'https://one.example:6443'));
    await fs.writeFile(
      b,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: two',
        'clusters: [{ name: one, cluster: { server: "https://dup.example:6443" } }, { name: two, cluster: { server: "https://two.example:6443" } }]',
        'users: [{ name: two, user: { token: t-two } }]',
        'contexts: [{ name: two, context: { cluster: two, user: two } }]',
        '',
      ].join('\n'),
    );
    const kc = loadKubeConfig({}, { KUBECONFIG: `${a}${path.delimiter}${b}` });
    expect(kc.getCurrentContext()).toBe('one');
    expect(kc.getCurrentCluster()?.server).toBe('https://one.example:6443');
    expect(kc.getClusters().map((c) => c.name).sort()).toEqual(['one', 'two']);
  });

  it('says plainly when no cluster is configured', () => {
    expect(() => loadKubeConfig({}, {})).toThrow(/No Kubernetes cluster is configured/);
  });
});
