// Synthetic pod logs through client-node's Log and plain HTTP: start-up lines, tailLines, timestamps, follow until the pod stops.
import { PassThrough } from 'node:stream';
import { Log } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment, expectStatus, raw, startHarness, waitFor, type Harness } from './test-support';

let h: Harness;
let podName = '';

beforeAll(async () => {
  h = await startHarness();
  await h.core.createNamespace({ body: { metadata: { name: 'logs' } } });
  await h.apps.createNamespacedDeployment({ namespace: 'logs', body: deployment('app', { image: 'ghcr.io/example/app:2.1' }) });
  const pod = await waitFor(async () => (await h.core.listNamespacedPod({ namespace: 'logs' })).items.find((p) => p.status?.phase === 'Running'), 5000, 'running pod');
  podName = pod.metadata?.name ?? '';
});
afterAll(async () => {
  await h.sim.close();
});

describe('pod logs', () => {
  it('starts with lines naming the image and keeps adding lines while running', async () => {
    const first = await h.core.readNamespacedPodLog({ namespace: 'logs', name: podName, container: 'main' });
    expect(first).toContain('ghcr.io/example/app:2.1');
    await new Promise((r) => setTimeout(r, 200));
    const later = await h.core.readNamespacedPodLog({ namespace: 'logs', name: podName });
    expect(later.split('\n').length).toBeGreaterThan(first.split('\n').length);
  });

  it('honours tailLines and timestamps', async () => {
    const res = await raw(h, 'GET', `/api/v1/namespaces/logs/pods/${podName}/log?tailLines=2&timestamps=true`);
    expect(res.status).toBe(200);
    const lines = res.text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
  });

  it('follows until the pod stops', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const ended = new Promise<void>((resolve) => out.on('end', () => resolve()));
    await new Log(h.kc).log('logs', podName, 'main', out, { follow: true, tailLines: 1 });
    await waitFor(() => text.split('\n').length > 3, 3000, 'streamed lines');
    await h.apps.patchNamespacedDeploymentScale({ namespace: 'logs', name: 'app', body: [{ op: 'replace', path: '/spec/replicas', value: 0 }] });
    await ended;
    expect(text).toMatch(/seq=\d+/);
  });

  it('answers 400 for a container that is not there and 404 for a missing pod', async () => {
    await h.core.createNamespacedPod({ namespace: 'logs', body: { metadata: { name: 'two' }, spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } });
    const pick = await expectStatus(h.core.readNamespacedPodLog({ namespace: 'logs', name: 'two' }));
    expect(pick.code).toBe(400);
    const wrong = await raw(h, 'GET', '/api/v1/namespaces/logs/pods/two/log?container=c');
    expect(wrong.status).toBe(400);
    expect((await raw(h, 'GET', '/api/v1/namespaces/logs/pods/none/log')).status).toBe(404);
  });
});
