// The state file: objects and the resourceVersion counter survive a restart, and running pods stay running.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment, startHarness, waitFor } from './test-support';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sim-state-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('state file', () => {
  it('saves after changes and loads on the next start', async () => {
    const stateFile = path.join(dir, 'nested', 'cluster.json');
    const first = await startHarness({ stateFile });
    await first.core.createNamespace({ body: { metadata: { name: 'keep' } } });
    await first.core.createNamespacedConfigMap({ namespace: 'keep', body: { metadata: { name: 'cm' }, data: { a: '1' } } });
    await first.apps.createNamespacedDeployment({ namespace: 'keep', body: deployment('web') });
    const pod = await waitFor(async () => (await first.core.listNamespacedPod({ namespace: 'keep' })).items.find((p) => p.status?.phase === 'Running'), 5000, 'running pod');
    // The debounced save happens without close().
    await waitFor(async () => (await fs.readFile(stateFile, 'utf8').catch(() => '')).includes(pod.metadata?.name ?? '?'), 3000, 'state saved');
    const lastRv = Number((await first.core.listNamespace()).metadata?.resourceVersion);
    await first.sim.close();
    expect((await fs.readdir(path.dirname(stateFile))).filter((f) => f.includes('.tmp'))).toEqual([]);

    const second = await startHarness({ stateFile });
    try {
      expect((await second.core.readNamespacedConfigMap({ namespace: 'keep', name: 'cm' })).data).toEqual({ a: '1' });
      const again = await second.core.readNamespacedPod({ namespace: 'keep', name: pod.metadata?.name ?? '' });
      expect(again.status?.phase).toBe('Running');
      expect(again.metadata?.uid).toBe(pod.metadata?.uid);
      const cm2 = await second.core.createNamespacedConfigMap({ namespace: 'keep', body: { metadata: { name: 'cm2' } } });
      expect(Number(cm2.metadata?.resourceVersion)).toBeGreaterThan(lastRv);
      // Controllers pick up where they were: scaling still works.
      await second.apps.patchNamespacedDeploymentScale({ namespace: 'keep', name: 'web', body: [{ op: 'replace', path: '/spec/replicas', value: 2 }] });
      await waitFor(async () => (await second.core.listNamespacedPod({ namespace: 'keep' })).items.filter((p) => p.status?.phase === 'Running').length === 2, 5000, 'second pod');
    } finally {
      await second.sim.close();
    }
  });

  it('sets a corrupt state file aside and starts empty', async () => {
    const stateFile = path.join(dir, 'corrupt.json');
    await fs.writeFile(stateFile, '{ not json');
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const h = await startHarness({ stateFile });
    try {
      expect((await h.core.listNamespace()).items.map((n) => n.metadata?.name)).toContain('default');
      expect((await fs.readdir(dir)).some((f) => f.startsWith('corrupt.json.corrupt-'))).toBe(true);
      await waitFor(() => warnings.some((w) => w.includes('could not be read')), 2000, 'warning');
    } finally {
      process.off('warning', onWarning);
      await h.sim.close();
    }
  });
});
