// The helm controller acted out: a HelmChart from a real Olares chart becomes Running pods and an entrance page; upgrade, delete and failures.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packChart, startHarness, waitFor, type Harness } from './test-support';

let h: Harness;
let mattermost: string;
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const helm = { group: 'helm.cattle.io', version: 'v1', plural: 'helmcharts' };

interface HelmChartObj {
  metadata: { name: string; finalizers?: string[]; resourceVersion?: string };
  spec: Record<string, unknown>;
  status?: { jobName?: string; conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
}

async function getChart(ns: string, name: string): Promise<HelmChartObj> {
  return (await h.custom.getNamespacedCustomObject({ ...helm, namespace: ns, name })) as HelmChartObj;
}

async function createChart(ns: string, name: string, spec: Record<string, unknown>, annotations?: Record<string, string>) {
  return h.custom.createNamespacedCustomObject({
    ...helm,
    namespace: ns,
    body: { apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name, ...(annotations ? { annotations } : {}) }, spec },
  });
}

beforeAll(async () => {
  h = await startHarness();
  mattermost = await packChart('mattermost');
  await h.core.createNamespace({ body: { metadata: { name: 'os-system' } } });
});
afterAll(async () => {
  await h.sim.close();
});

describe('helm controller', () => {
  it('installs a real chart: helm-install job, Deployment + Service per entrance, Running pods, entrance page', async () => {
    await createChart('os-system', 'mattermost', { chartContent: mattermost, targetNamespace: 'mattermost-alice', valuesContent: 'image:\n  tag: "11.8.3"\n' });
    const job = await waitFor(async () => {
      const j = await h.batch.readNamespacedJob({ namespace: 'os-system', name: 'helm-install-mattermost' });
      return j.status?.succeeded === 1 && j;
    }, 5000, 'install job to succeed');
    expect(job.metadata?.ownerReferences?.[0]?.kind).toBe('HelmChart');
    const hc = await getChart('os-system', 'mattermost');
    expect(hc.status?.jobName).toBe('helm-install-mattermost');
    expect(hc.status?.conditions?.find((c) => c.type === 'JobCreated')?.status).toBe('True');
    expect(hc.status?.conditions?.find((c) => c.type === 'Failed')?.status).toBe('False');
    expect(hc.metadata.finalizers).toContain('wrangler.cattle.io/on-helm-chart-remove');

    const d = await waitFor(async () => {
      const x = await h.apps.readNamespacedDeployment({ namespace: 'mattermost-alice', name: 'mattermost' });
      return x.status?.readyReplicas === 1 && x;
    }, 5000, 'deployment ready');
    expect(d.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/instance': 'mattermost' });
    expect(d.metadata?.annotations).toMatchObject({ 'meta.helm.sh/release-name': 'mattermost', 'meta.helm.sh/release-namespace': 'mattermost-alice' });
    const container = d.spec?.template.spec?.containers[0];
    expect(container?.image).toBe('docker.io/mattermost/mattermost-team-edition:11.8.3');
    expect(container?.resources?.requests).toEqual({ cpu: '50m', memory: '512Mi' });
    expect(container?.resources?.limits).toEqual({ cpu: '1', memory: '4Gi' });
    expect(container?.ports?.[0]?.containerPort).toBe(8065);

    const svc = await h.core.readNamespacedService({ namespace: 'mattermost-alice', name: 'mattermost' });
    expect(svc.spec?.ports?.[0]?.port).toBe(8065);
    const url = svc.metadata?.annotations?.['simulator.olares.dev/url'];
    expect(url).toBe(`${h.sim.url}/__entrance/mattermost-alice/mattermost/`);
    const res = await fetch(`${url}channels/town-square`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('Mattermost');
    expect(html).toContain('mattermost-alice');
    expect(html).toContain('/channels/town-square');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);

    const secrets = await h.core.listNamespacedSecret({ namespace: 'mattermost-alice', labelSelector: 'owner=helm,name=mattermost' });
    expect(secrets.items.map((s) => s.metadata?.labels?.status)).toEqual(['deployed']);
  });

  it('upgrades when the HelmChart changes: the job re-runs and the Deployment rolls', async () => {
    const podsBefore = (await h.core.listNamespacedPod({ namespace: 'mattermost-alice' })).items.map((p) => p.metadata?.name);
    await h.custom.patchNamespacedCustomObject({ ...helm, namespace: 'os-system', name: 'mattermost', body: { spec: { valuesContent: 'image:\n  tag: "12.0.0"\n' } } }, mergePatch);
    await waitFor(async () => {
      const x = await h.apps.readNamespacedDeployment({ namespace: 'mattermost-alice', name: 'mattermost' });
      return x.spec?.template.spec?.containers[0]?.image?.endsWith(':12.0.0') && x.status?.updatedReplicas === 1 && x.status.readyReplicas === 1 && x.status.replicas === 1;
    }, 8000, 'upgrade rolled out');
    const podsAfter = (await h.core.listNamespacedPod({ namespace: 'mattermost-alice' })).items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name);
    expect(podsAfter).toHaveLength(1);
    expect(podsBefore).not.toContain(podsAfter[0]);
    const secrets = await h.core.listNamespacedSecret({ namespace: 'mattermost-alice', labelSelector: 'owner=helm,name=mattermost' });
    expect(secrets.items.map((s) => `${s.metadata?.labels?.version}:${s.metadata?.labels?.status}`).sort()).toEqual(['1:superseded', '2:deployed']);
  });

  it('uninstalls on delete: helm-delete job, then the release objects and the HelmChart go', async () => {
    await h.custom.deleteNamespacedCustomObject({ ...helm, namespace: 'os-system', name: 'mattermost' });
    const seenDeleteJob = await waitFor(async () => {
      try {
        await h.batch.readNamespacedJob({ namespace: 'os-system', name: 'helm-delete-mattermost' });
        return true;
      } catch {
        return false;
      }
    }, 5000, 'delete job');
    expect(seenDeleteJob).toBe(true);
    await waitFor(async () => {
      try {
        await getChart('os-system', 'mattermost');
        return false;
      } catch {
        return true;
      }
    }, 5000, 'HelmChart gone');
    expect((await h.apps.listNamespacedDeployment({ namespace: 'mattermost-alice' })).items).toHaveLength(0);
    expect((await h.core.listNamespacedService({ namespace: 'mattermost-alice' })).items).toHaveLength(0);
    expect((await h.core.listNamespacedSecret({ namespace: 'mattermost-alice', labelSelector: 'owner=helm' })).items).toHaveLength(0);
    const res = await fetch(`${h.sim.url}/__entrance/mattermost-alice/mattermost/`);
    expect(res.status).toBe(404);
  });

  it('fails the install job on request (simulator.olares.dev/fail: helm)', async () => {
    await createChart('os-system', 'broken', { chartContent: mattermost, targetNamespace: 'broken-ns' }, { 'simulator.olares.dev/fail': 'helm' });
    const hc = await waitFor(async () => {
      const x = await getChart('os-system', 'broken');
      return x.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True') && x;
    }, 5000, 'Failed condition');
    expect(hc.status?.jobName).toBe('helm-install-broken');
    const job = await h.batch.readNamespacedJob({ namespace: 'os-system', name: 'helm-install-broken' });
    expect(job.status?.failed).toBe(1);
    expect(job.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True')).toBe(true);
    const jobPods = await h.core.listNamespacedPod({ namespace: 'os-system', labelSelector: 'job-name=helm-install-broken' });
    expect(jobPods.items[0]?.status?.phase).toBe('Failed');
    expect((await h.apps.listDeploymentForAllNamespaces({ labelSelector: 'app.kubernetes.io/instance=broken' })).items).toHaveLength(0);
  });

  it('passes image-pull failures on to the workloads it renders', async () => {
    await createChart('os-system', 'pullfail', { chartContent: mattermost, targetNamespace: 'pullfail-ns' }, { 'simulator.olares.dev/fail': 'image-pull' });
    await waitFor(async () => {
      const ps = await h.core.listNamespacedPod({ namespace: 'pullfail-ns' });
      return ps.items.some((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff');
    }, 8000, 'ImagePullBackOff in the release');
    const res = await fetch(`${h.sim.url}/__entrance/pullfail-ns/mattermost/`);
    expect(res.status).toBe(503);
  });

  it('renders one Deployment named after the chart when there are no entrances, and fails on a chart that is not an archive', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sim-plain-'));
    try {
      await fs.mkdir(path.join(dir, 'plain'));
      await fs.writeFile(path.join(dir, 'plain', 'Chart.yaml'), 'apiVersion: v2\nname: plain\nversion: 0.1.0\n');
      await fs.writeFile(path.join(dir, 'plain', 'values.yaml'), 'image: busybox:1.36\n');
      await createChart('os-system', 'plain', { chartContent: await packChart('plain', dir), targetNamespace: 'plain-ns' });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const d = await waitFor(async () => {
      try {
        const x = await h.apps.readNamespacedDeployment({ namespace: 'plain-ns', name: 'plain' });
        return x.status?.readyReplicas === 1 && x;
      } catch {
        return false;
      }
    }, 5000, 'plain deployment');
    expect(d.spec?.template.spec?.containers[0]?.image).toBe('busybox:1.36');

    await createChart('os-system', 'garbage', { chartContent: Buffer.from('not a chart').toString('base64'), targetNamespace: 'garbage-ns' });
    await waitFor(async () => (await getChart('os-system', 'garbage')).status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True'), 5000, 'garbage fails');
  });
});
