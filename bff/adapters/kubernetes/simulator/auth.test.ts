// Impersonation and the simulator's RBAC: admins do anything, users only act inside namespaces labelled as theirs.
import http from 'node:http';
import { CoreV1Api, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startHarness, type Harness } from './test-support';

let h: Harness;
let bob: CoreV1Api;

beforeAll(async () => {
  h = await startHarness();
  await h.core.createNamespace({ body: { metadata: { name: 'bob-home', labels: { 'olares.dev/owner': 'bob' } } } });
  await h.core.createNamespace({ body: { metadata: { name: 'alice-home', labels: { 'olares.dev/owner': 'alice' } } } });
  bob = h.as('bob').makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await h.sim.close();
});

/** A GET with one header line per group, as the API server expects several groups. */
function getWithGroups(path: string, user: string, groups: string[]): Promise<number> {
  const token = h.kc.getCurrentUser()?.token ?? '';
  return new Promise((resolve, reject) => {
    const req = http.request(`${h.sim.url}${path}`, { method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setHeader('Authorization', `Bearer ${token}`);
    req.setHeader('Impersonate-User', user);
    req.setHeader('Impersonate-Group', groups);
    req.on('error', reject);
    req.end();
  });
}

describe('impersonation', () => {
  it('lets a user work in their own namespace', async () => {
    await bob.createNamespacedConfigMap({ namespace: 'bob-home', body: { metadata: { name: 'mine' } } });
    expect((await bob.listNamespacedConfigMap({ namespace: 'bob-home' })).items.map((c) => c.metadata?.name)).toEqual(['mine']);
    await bob.deleteNamespacedConfigMap({ namespace: 'bob-home', name: 'mine' });
  });

  it('lets a user read nodes and namespaces but not change them', async () => {
    expect((await bob.listNode()).items.length).toBe(1);
    expect((await bob.listNamespace()).items.map((n) => n.metadata?.name)).toContain('alice-home');
    const denied = await expectStatus(bob.createNamespace({ body: { metadata: { name: 'bobs-new' } } }));
    expect(denied.code).toBe(403);
    expect(denied.body.message).toBe('namespaces is forbidden: User "bob" cannot create resource "namespaces" in API group "" at the cluster scope');
  });

  it('forbids other namespaces and cluster-wide lists with the API server wording', async () => {
    const other = await expectStatus(bob.listNamespacedPod({ namespace: 'alice-home' }));
    expect(other.code).toBe(403);
    expect(other.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403, details: { kind: 'pods' } });
    expect(other.body.message).toBe('pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "alice-home"');
    const named = await expectStatus(bob.readNamespacedSecret({ namespace: 'alice-home', name: 's' }));
    expect(named.body.message).toBe('secrets "s" is forbidden: User "bob" cannot get resource "secrets" in API group "" in the namespace "alice-home"');
    const all = await expectStatus(bob.listPodForAllNamespaces());
    expect(all.body.message).toBe('pods is forbidden: User "bob" cannot list resource "pods" in API group "" at the cluster scope');
  });

  it('lets members of olares:admin do everything', async () => {
    const asAdmin = setHeaderOptions('Impersonate-Group', 'olares:admin');
    await bob.createNamespacedConfigMap({ namespace: 'alice-home', body: { metadata: { name: 'by-admin' } } }, asAdmin);
    expect((await bob.listPodForAllNamespaces({}, asAdmin)).items).toBeDefined();
    expect(await getWithGroups('/api/v1/namespaces/alice-home/configmaps', 'bob', ['staff', 'olares:admin'])).toBe(200);
    expect(await getWithGroups('/api/v1/namespaces/alice-home/configmaps', 'bob', ['staff'])).toBe(403);
  });
});
