// The REST surface through the real @kubernetes/client-node: CRUD, Status errors, selectors, patches, conflicts, discovery.
import { PatchStrategy, setHeaderOptions, type KubernetesObject, type V1ConfigMap } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, raw, startHarness, waitFor, type Harness } from './test-support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.core.createNamespace({ body: { metadata: { name: 'api' } } });
});
afterAll(async () => {
  await h.sim.close();
});

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

describe('discovery and version', () => {
  it('says it is a simulator in /version', async () => {
    const res = await fetch(`${h.sim.url}/version`);
    const v = (await res.json()) as Record<string, string>;
    expect(v.platform).toBe('olares-simulator');
    expect(v.gitVersion).toMatch(/^v1\.\d+\.\d+\+simulator$/);
    expect(v.major).toBe('1');
  });

  it('serves /api, /apis and resource lists', async () => {
    expect(((await raw(h, 'GET', '/api')).json as { versions: string[] }).versions).toEqual(['v1']);
    const groups = ((await raw(h, 'GET', '/apis')).json as { groups: Array<{ name: string }> }).groups.map((g) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['apps', 'batch', 'helm.cattle.io']));
    const appsList = (await raw(h, 'GET', '/apis/apps/v1')).json as { resources: Array<{ name: string; kind: string }> };
    expect(appsList.resources.find((r) => r.name === 'deployments')?.kind).toBe('Deployment');
    expect(appsList.resources.some((r) => r.name === 'deployments/scale')).toBe(true);
    expect((await raw(h, 'GET', '/apis/nope/v1')).status).toBe(404);
  });

  it('refuses requests without the token', async () => {
    const res = await fetch(`${h.sim.url}/api/v1/namespaces`, { headers: { Authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { reason: string }).reason).toBe('Unauthorized');
  });
});

describe('CRUD and errors', () => {
  it('creates, reads, lists and deletes a ConfigMap', async () => {
    const created = await h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'one', labels: { k: 'v' } }, data: { a: '1' } } });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(created.metadata?.namespace).toBe('api');
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    const got = await h.core.readNamespacedConfigMap({ namespace: 'api', name: 'one' });
    expect(got.data).toEqual({ a: '1' });
    const list = await h.core.listNamespacedConfigMap({ namespace: 'api' });
    expect(list.items.map((c) => c.metadata?.name)).toContain('one');
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThanOrEqual(Number(created.metadata?.resourceVersion));
    const status = await h.core.deleteNamespacedConfigMap({ namespace: 'api', name: 'one' });
    expect(status.status).toBe('Success');
    const nf = await expectStatus(h.core.readNamespacedConfigMap({ namespace: 'api', name: 'one' }));
    expect(nf.code).toBe(404);
    expect(nf.body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'configmaps "one" not found', details: { name: 'one', kind: 'configmaps' } });
  });

  it('answers 409 AlreadyExists, 422 Invalid and 404 for a missing namespace', async () => {
    await h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'dup' } } });
    const dup = await expectStatus(h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'dup' } } }));
    expect(dup.code).toBe(409);
    expect(dup.body).toMatchObject({ reason: 'AlreadyExists', details: { name: 'dup', kind: 'configmaps' } });

    const bad = await expectStatus(h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'Not_Valid' } } }));
    expect(bad.code).toBe(422);
    expect(bad.body).toMatchObject({ reason: 'Invalid', details: { name: 'Not_Valid', kind: 'ConfigMap' } });
    expect(String(bad.body.message)).toContain('metadata.name: Invalid value: "Not_Valid"');

    const noName = await expectStatus(h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: {} } }));
    expect(noName.code).toBe(422);
    expect(String(noName.body.message)).toContain('name or generateName is required');

    const mismatch = await expectStatus(h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'x', namespace: 'other' } } }));
    expect(mismatch.code).toBe(422);

    const noNs = await expectStatus(h.core.createNamespacedConfigMap({ namespace: 'ghost', body: { metadata: { name: 'x' } } }));
    expect(noNs.code).toBe(404);
    expect(noNs.body).toMatchObject({ reason: 'NotFound', details: { name: 'ghost', kind: 'namespaces' } });

    const badPod = await expectStatus(h.core.createNamespacedPod({ namespace: 'api', body: { metadata: { name: 'p' }, spec: { containers: [] } } }));
    expect(badPod.code).toBe(422);
    expect(String(badPod.body.message)).toContain('spec.containers: Required value');
  });

  it('supports generateName and dryRun', async () => {
    const gen = await h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { generateName: 'gen-' } } });
    expect(gen.metadata?.name).toMatch(/^gen-[a-z0-9]{5}$/);
    const dry = await h.core.createNamespacedConfigMap({ namespace: 'api', dryRun: 'All', body: { metadata: { name: 'dry' } } });
    expect(dry.metadata?.name).toBe('dry');
    await expectStatus(h.core.readNamespacedConfigMap({ namespace: 'api', name: 'dry' })).then((s) => expect(s.code).toBe(404));
  });

  it('replace checks resourceVersion (409 Conflict when stale)', async () => {
    const cm = await h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'rv' }, data: { v: '1' } } });
    const fresh: V1ConfigMap = { ...cm, data: { v: '2' } };
    const updated = await h.core.replaceNamespacedConfigMap({ namespace: 'api', name: 'rv', body: fresh });
    expect(updated.data).toEqual({ v: '2' });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(Number(cm.metadata?.resourceVersion));
    const stale = await expectStatus(h.core.replaceNamespacedConfigMap({ namespace: 'api', name: 'rv', body: { ...cm, data: { v: '3' } } }));
    expect(stale.code).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'Conflict', details: { name: 'rv', kind: 'configmaps' } });
    expect(String(stale.body.message)).toContain('the object has been modified');
    // A replace that changes nothing keeps the resourceVersion.
    const same = await h.core.replaceNamespacedConfigMap({ namespace: 'api', name: 'rv', body: updated });
    expect(same.metadata?.resourceVersion).toBe(updated.metadata?.resourceVersion);
  });

  it('patches with merge patch and JSON patch (test op included)', async () => {
    await h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'pt', labels: { a: '1' } }, data: { x: '1', y: '2' } } });
    const merged = await h.core.patchNamespacedConfigMap({ namespace: 'api', name: 'pt', body: { data: { y: null, z: '3' }, metadata: { labels: { b: '2' } } } }, mergePatch);
    expect(merged.data).toEqual({ x: '1', z: '3' });
    expect(merged.metadata?.labels).toEqual({ a: '1', b: '2' });
    // client-node's default patch type is JSON patch.
    const jp = await h.core.patchNamespacedConfigMap({ namespace: 'api', name: 'pt', body: [{ op: 'test', path: '/data/x', value: '1' }, { op: 'replace', path: '/data/x', value: '10' }] });
    expect(jp.data?.x).toBe('10');
    const failed = await expectStatus(h.core.patchNamespacedConfigMap({ namespace: 'api', name: 'pt', body: [{ op: 'test', path: '/data/x', value: 'nope' }] }));
    expect(failed.code).toBe(422);
    const strategic = await h.core.patchNamespacedConfigMap({ namespace: 'api', name: 'pt', body: { data: { s: 's' } } }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
    expect(strategic.data?.s).toBe('s');
    const badJson = await raw(h, 'PATCH', '/api/v1/namespaces/api/configmaps/pt', '{not json', { 'Content-Type': 'application/merge-patch+json' });
    expect(badJson.status).toBe(400);
    const unsupported = await raw(h, 'PATCH', '/api/v1/namespaces/api/configmaps/pt', '{}', { 'Content-Type': 'application/xml' });
    expect(unsupported.status).toBe(415);
    const stale = await expectStatus(h.core.patchNamespacedConfigMap({ namespace: 'api', name: 'pt', body: { metadata: { resourceVersion: '1' }, data: { q: '1' } } }, mergePatch));
    expect(stale.code).toBe(409);
  });

  it('lists with label and field selectors across namespaces', async () => {
    await h.core.createNamespace({ body: { metadata: { name: 'sel' } } });
    for (const [name, labels] of [['s1', { app: 'a', tier: 'web' }], ['s2', { app: 'b', tier: 'web' }], ['s3', { app: 'c' }]] as const) {
      await h.core.createNamespacedConfigMap({ namespace: 'sel', body: { metadata: { name, labels } } });
    }
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (await h.core.listNamespacedConfigMap({ namespace: 'sel', labelSelector, fieldSelector })).items.map((c) => c.metadata?.name);
    expect(await names('tier=web')).toEqual(['s1', 's2']);
    expect(await names('app!=a')).toEqual(['s2', 's3']);
    expect(await names('app in (a,c)')).toEqual(['s1', 's3']);
    expect(await names('app notin (a,c)')).toEqual(['s2']);
    expect(await names('tier')).toEqual(['s1', 's2']);
    expect(await names('!tier')).toEqual(['s3']);
    expect(await names(undefined, 'metadata.name=s2')).toEqual(['s2']);
    const all = await h.core.listConfigMapForAllNamespaces({ fieldSelector: 'metadata.namespace=sel', labelSelector: 'app=a' });
    expect(all.items.map((c) => `${c.metadata?.namespace}/${c.metadata?.name}`)).toEqual(['sel/s1']);
    const invalid = await expectStatus(h.core.listNamespacedConfigMap({ namespace: 'sel', labelSelector: 'app in (' }));
    expect(invalid.code).toBe(422);
    const unsupportedField = await expectStatus(h.core.listNamespacedConfigMap({ namespace: 'sel', fieldSelector: 'spec.nodeName=x' }));
    expect(unsupportedField.code).toBe(400);
    const page = await h.core.listNamespacedConfigMap({ namespace: 'sel', limit: 2 });
    expect(page.items).toHaveLength(2);
    const rest = await h.core.listNamespacedConfigMap({ namespace: 'sel', limit: 2, _continue: page.metadata?._continue });
    expect(rest.items.map((c) => c.metadata?.name)).toEqual(['s3']);
  });

  it('turns Secret stringData into data and validates Services', async () => {
    const s = await h.core.createNamespacedSecret({ namespace: 'api', body: { metadata: { name: 'sec' }, stringData: { pw: 'hunter2' } } });
    expect(s.data?.pw).toBe(Buffer.from('hunter2').toString('base64'));
    expect(s.type).toBe('Opaque');
    const svc = await h.core.createNamespacedService({ namespace: 'api', body: { metadata: { name: 'svc' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } } });
    expect(svc.spec?.clusterIP).toMatch(/^10\.43\./);
    expect(svc.spec?.ports?.[0]?.targetPort).toBe(80);
    const bad = await expectStatus(h.core.createNamespacedService({ namespace: 'api', body: { metadata: { name: '1svc' }, spec: { ports: [{ port: 80 }] } } }));
    expect(bad.code).toBe(422);
  });

  it('works with KubernetesObjectApi (plural resolution through discovery)', async () => {
    const spec = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'objapi', namespace: 'api' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
    const created = await h.objects.create<KubernetesObject>(spec);
    expect(created.metadata?.uid).toBeTruthy();
    const read = await h.objects.read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'objapi', namespace: 'api' } });
    expect(read.metadata?.name).toBe('objapi');
    const chart = { apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name: 'objchart', namespace: 'api' }, spec: { chart: 'nothing', targetNamespace: 'api' } };
    const hc = await h.objects.create<KubernetesObject>(chart);
    expect(hc.metadata?.name).toBe('objchart');
    const list = await h.objects.list('v1', 'ConfigMap', 'api');
    expect(list.items.length).toBeGreaterThan(0);
    await h.objects.delete({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'objapi', namespace: 'api' } });
    await expectStatus(h.objects.read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'objapi', namespace: 'api' } })).then((s) => expect(s.code).toBe(404));
  });

  it('keeps status out of main-resource writes and takes it through /status', async () => {
    await h.core.createNamespacedPersistentVolumeClaim({ namespace: 'api', body: { metadata: { name: 'claim' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } });
    const deploy = await h.apps.createNamespacedDeployment({ namespace: 'api', body: { metadata: { name: 'st' }, spec: { replicas: 0, selector: { matchLabels: { a: 'st' } }, template: { metadata: { labels: { a: 'st' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } }, status: { replicas: 99 } } });
    expect(deploy.status?.replicas ?? 0).not.toBe(99);
    expect(deploy.metadata?.generation).toBe(1);
    const scaled = await h.apps.patchNamespacedDeployment({ namespace: 'api', name: 'st', body: { spec: { replicas: 0, paused: false } } }, mergePatch);
    expect(scaled.metadata?.generation).toBe(2);
    const viaStatus = await h.apps.patchNamespacedDeploymentStatus({ namespace: 'api', name: 'st', body: { status: { observedGeneration: 7 } } }, mergePatch);
    expect(viaStatus.status?.observedGeneration).toBe(7);
  });

  it('answers 405 and 404 for paths and methods it does not serve', async () => {
    expect((await raw(h, 'GET', '/api/v1/widgets')).status).toBe(404);
    expect((await raw(h, 'POST', '/api/v1/namespaces/api/configmaps/x', {})).status).toBe(405);
    expect((await raw(h, 'PUT', '/api/v1/namespaces/api/configmaps', {})).status).toBe(405);
  });

  it('deletes collections by selector and orphans dependents on request', async () => {
    for (const name of ['dc1', 'dc2', 'dc3']) await h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name, labels: { batch: name === 'dc3' ? 'keep' : 'drop' } } } });
    await h.core.deleteCollectionNamespacedConfigMap({ namespace: 'api', labelSelector: 'batch=drop' });
    expect((await h.core.listNamespacedConfigMap({ namespace: 'api', labelSelector: 'batch' })).items.map((c) => c.metadata?.name)).toEqual(['dc3']);

    const owner = await h.core.readNamespacedConfigMap({ namespace: 'api', name: 'dc3' });
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'dc3', uid: owner.metadata?.uid ?? '' };
    await h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'child-gc', ownerReferences: [ref] } } });
    await h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'child-orphan', ownerReferences: [ref] } } });
    await h.core.deleteNamespacedConfigMap({ namespace: 'api', name: 'dc3', propagationPolicy: 'Orphan' });
    const orphan = await h.core.readNamespacedConfigMap({ namespace: 'api', name: 'child-orphan' });
    expect(orphan.metadata?.ownerReferences).toBeUndefined();
    // child-gc was orphaned too (same owner); a fresh owner/dependent pair shows the background cascade.
    const owner2 = await h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'owner2' } } });
    await h.core.createNamespacedConfigMap({ namespace: 'api', body: { metadata: { name: 'dependent', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner2', uid: owner2.metadata?.uid ?? '' }] } } });
    await h.core.deleteNamespacedConfigMap({ namespace: 'api', name: 'owner2', propagationPolicy: 'Background' });
    await waitFor(async () => (await expectStatus(h.core.readNamespacedConfigMap({ namespace: 'api', name: 'dependent' }))).code === 404, 3000, 'dependent collected');
  });

  it('accepts YAML bodies and rejects impersonated groups without a user', async () => {
    const res = await raw(h, 'POST', '/api/v1/namespaces/api/configmaps', 'metadata:\n  name: from-yaml\ndata:\n  k: v\n', { 'Content-Type': 'application/yaml' });
    expect(res.status).toBe(201);
    expect((await h.core.readNamespacedConfigMap({ namespace: 'api', name: 'from-yaml' })).data).toEqual({ k: 'v' });
    const groupOnly = await raw(h, 'GET', '/api/v1/namespaces', undefined, { 'Impersonate-Group': 'olares:admin' });
    expect(groupOnly.status).toBe(400);
  });
});
