// The real client against the cluster simulator: CRUD, error mapping, impersonation and RBAC, workloads, logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubernetesAdapter } from './client';
import { KubeError } from './errors';
import { type ConfigMap, type Deployment, Kinds, type Pod } from './kinds';
import type { KubernetesAdapter } from './port';
import { type ClusterSimulator, startSimulator } from './simulator';
import { isDeploymentReady, nodeAllocatable, podPhase } from './status';

let sim: ClusterSimulator;
let k8s: KubernetesAdapter;

const ALICE = { user: 'alice', groups: ['olares:users'] };
const BOB = { user: 'bob', groups: ['olares:users'] };
const ADMIN = { user: 'carol', groups: ['olares:admin'] };

/** The rejection of a promise that must fail, as a KubeError. */
async function failure(promise: Promise<unknown>): Promise<KubeError> {
  const err = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KubeError);
  return err as KubeError;
}

beforeAll(async () => {
  sim = await startSimulator({
    timings: { scheduleMs: 20, createMs: 40, helmJobMs: 40, terminateMs: 20 },
    nodes: [{ name: 'node-1', cpu: '8', memory: '32Gi', gpus: 1 }],
  });
  k8s = await createKubernetesAdapter({ kubeconfig: sim.kubeconfig() });
  const system = k8s.system();
  await system.create(Kinds.namespace, { metadata: { name: 'alice-space', labels: { 'olares.dev/owner': 'alice' } } });
  await system.create(Kinds.namespace, { metadata: { name: 'shared' } });
});

afterAll(async () => {
  k8s?.close();
  await sim?.close();
});

describe('the client against the simulator', () => {
  it('knows it talks to the simulator', async () => {
    expect(k8s.simulated).toBe(true);
    expect(k8s.server).toBe(sim.url);
    expect((await k8s.version()).platform).toBe('olares-simulator');
  });

  it('creates, reads, lists, replaces, patches and deletes', async () => {
    const api = k8s.system();
    const created = await api.create(Kinds.configMap, { metadata: { name: 'settings', namespace: 'shared', labels: { app: 'demo' } }, data: { theme: 'dark' } });
    expect(created).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { theme: 'dark' } });
    expect(created.metadata.uid).toBeTruthy();

    const read = await api.get(Kinds.configMap, 'settings', 'shared');
    expect(read?.data).toEqual({ theme: 'dark' });
    expect(await api.get(Kinds.configMap, 'nothing-here', 'shared')).toBeNull();

    const listed = await api.list(Kinds.configMap, { namespace: 'shared', labelSelector: 'app=demo' });
    expect(listed.items.map((c) => [c.kind, c.metadata.name])).toEqual([['ConfigMap', 'settings']]);
    expect(Number(listed.resourceVersion)).toBeGreaterThan(0);
    expect((await api.list(Kinds.configMap, { namespace: 'shared', labelSelector: 'app=other' })).items).toEqual([]);

    const replaced = await api.replace<ConfigMap>(Kinds.configMap, { ...read!, data: { theme: 'light' } });
    expect(replaced.data).toEqual({ theme: 'light' });
    expect(replaced.metadata.resourceVersion).not.toBe(read!.metadata.resourceVersion);

    const merged = await api.patch(Kinds.configMap, 'settings', 'shared', { data: { font: 'mono' } });
    expect(merged.data).toEqual({ theme: 'light', font: 'mono' });
    const jsonPatched = await api.patch(Kinds.configMap, 'settings', 'shared', [{ op: 'remove', path: '/data/theme' }], 'json');
    expect(jsonPatched.data).toEqual({ font: 'mono' });

    expect(await api.delete(Kinds.configMap, 'settings', 'shared')).toBe(true);
    expect(await api.delete(Kinds.configMap, 'settings', 'shared')).toBe(false);
    expect(await api.get(Kinds.configMap, 'settings', 'shared')).toBeNull();
  });

  it('maps failures to KubeError with the Status reason and message', async () => {
    const api = k8s.system();
    const first = await api.create(Kinds.configMap, { metadata: { name: 'once', namespace: 'shared' }, data: { v: '1' } });

    const exists = await failure(api.create(Kinds.configMap, { metadata: { name: 'once', namespace: 'shared' } }));
    expect([exists.code, exists.reason]).toEqual([409, 'AlreadyExists']);
    expect(exists.message).toContain('once');

    await api.patch(Kinds.configMap, 'once', 'shared', { data: { v: '2' } });
    const stale = await failure(api.replace(Kinds.configMap, { ...first, data: { v: 'stale' } }));
    expect([stale.code, stale.reason]).toEqual([409, 'Conflict']);

    const invalid = await failure(api.create(Kinds.configMap, { metadata: { name: 'Not_A_Name', namespace: 'shared' } }));
    expect([invalid.code, invalid.reason]).toEqual([422, 'Invalid']);
    expect(invalid.message).toContain('Not_A_Name');

    const missing = await failure(api.patch(Kinds.configMap, 'ghost', 'shared', { data: {} }));
    expect([missing.code, missing.reason]).toEqual([404, 'NotFound']);
    const noPod = await failure(api.logs('shared', 'ghost'));
    expect(noPod.code).toBe(404);
  });

  it('impersonates: a user acts in the namespaces labelled as theirs and reads nodes and namespaces', async () => {
    const alice = k8s.asUser(ALICE);
    await alice.create(Kinds.configMap, { metadata: { name: 'mine', namespace: 'alice-space' }, data: { a: '1' } });
    expect((await alice.get(Kinds.configMap, 'mine', 'alice-space'))?.data).toEqual({ a: '1' });
    expect(await alice.delete(Kinds.configMap, 'mine', 'alice-space')).toBe(true);
    expect((await alice.list(Kinds.node)).items.map((n) => n.metadata.name)).toEqual(['node-1']);
    expect((await alice.list(Kinds.namespace)).items.map((n) => n.metadata.name)).toContain('alice-space');
  });

  it('impersonates: everything else is 403 Forbidden, for reads as for writes', async () => {
    const bob = k8s.asUser(BOB);
    const write = await failure(bob.create(Kinds.configMap, { metadata: { name: 'intruder', namespace: 'alice-space' } }));
    expect([write.code, write.reason]).toEqual([403, 'Forbidden']);
    expect(write.message).toContain('bob');
    const read = await failure(bob.get(Kinds.configMap, 'anything', 'alice-space'));
    expect(read.reason).toBe('Forbidden');
    const clusterWide = await failure(k8s.asUser(ALICE).list(Kinds.configMap));
    expect(clusterWide.reason).toBe('Forbidden');
    const nodes = await failure(k8s.asUser(ALICE).patch(Kinds.node, 'node-1', undefined, { metadata: { labels: { x: 'y' } } }));
    expect(nodes.reason).toBe('Forbidden');
  });

  it('impersonates: the olares:admin group may do everything', async () => {
    const admin = k8s.asUser(ADMIN);
    await admin.create(Kinds.configMap, { metadata: { name: 'by-admin', namespace: 'alice-space' } });
    expect(await admin.delete(Kinds.configMap, 'by-admin', 'alice-space')).toBe(true);
  });

  it('addresses custom kinds by group (HelmChart, helm.cattle.io/v1)', async () => {
    const api = k8s.system();
    const created = await api.create(Kinds.helmChart, {
      metadata: { name: 'demo-app', namespace: 'kube-system' },
      spec: { chart: 'demo-app', targetNamespace: 'shared', valuesContent: 'replicas: 1\n' },
    });
    expect(created).toMatchObject({ apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart' });
    const read = await api.get(Kinds.helmChart, 'demo-app', 'kube-system');
    expect(read?.spec.targetNamespace).toBe('shared');
    expect((await api.list(Kinds.helmChart, { namespace: 'kube-system' })).items.map((h) => h.metadata.name)).toContain('demo-app');
    expect(await api.delete(Kinds.helmChart, 'demo-app', 'kube-system')).toBe(true);
  });

  it('reads node capacity as the simulator was configured', async () => {
    const node = await k8s.system().get(Kinds.node, 'node-1');
    expect(nodeAllocatable(node!)).toMatchObject({ cpuMillis: expect.any(Number), memoryBytes: expect.any(Number), gpus: 1 });
    expect(nodeAllocatable(node!).cpuMillis).toBeGreaterThan(0);
    expect(nodeAllocatable(node!).cpuMillis).toBeLessThanOrEqual(8000);
  });

  it('runs a Deployment as the user, then reads and follows its pod logs', async () => {
    const alice = k8s.asUser(ALICE);
    const labels = { app: 'hello' };
    await alice.create<Deployment>(Kinds.deployment, {
      metadata: { name: 'hello', namespace: 'alice-space' },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    });
    await expect
      .poll(async () => isDeploymentReady((await alice.get(Kinds.deployment, 'hello', 'alice-space'))!), { timeout: 10_000, interval: 50 })
      .toBe(true);
    const pods = (await alice.list(Kinds.pod, { namespace: 'alice-space', labelSelector: 'app=hello' })).items;
    expect(pods).toHaveLength(2);
    expect(pods.map((p: Pod) => podPhase(p))).toEqual(['Running', 'Running']);

    const pod = pods[0]!.metadata.name!;
    const text = await alice.logs('alice-space', pod, { container: 'web' });
    expect(text).toContain('nginx:1.27');
    expect((await alice.logs('alice-space', pod, { tailLines: 1 })).trim().split('\n')).toHaveLength(1);

    const chunks: string[] = [];
    const follower = await alice.followLogs('alice-space', pod, { container: 'web', tailLines: 1 }, (chunk) => chunks.push(chunk));
    await expect.poll(() => chunks.join('').split('\n').filter(Boolean).length, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(2);
    follower.stop();
    expect(await follower.done).toEqual({ reason: 'stopped' });

    const denied = await failure(k8s.asUser(BOB).followLogs('alice-space', pod, {}, () => {}));
    expect(denied.reason).toBe('Forbidden');

    await alice.delete(Kinds.deployment, 'hello', 'alice-space', { propagationPolicy: 'Foreground' });
    await expect.poll(async () => (await alice.list(Kinds.pod, { namespace: 'alice-space' })).items.length, { timeout: 10_000, interval: 50 }).toBe(0);
  });
});
