// The acted-out cluster: pods going Pending → Running, Deployments scaling and cascading, failures on request, Jobs, StatefulSets, namespaces.
import { PatchStrategy, setHeaderOptions, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST, deployment, expectStatus, startHarness, waitFor, type Harness } from './test-support';

let h: Harness;
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

beforeAll(async () => {
  // Terminating lasts long enough here for polling to see it, even on a busy machine.
  h = await startHarness({ nodes: [{ name: 'node-1', cpu: '4', memory: '8Gi', gpus: 1, gpuModel: 'NVIDIA GeForce RTX 4090' }], timings: { ...FAST, terminateMs: 400 } });
  for (const name of ['wl', 'fail', 'gone', 'quota']) await h.core.createNamespace({ body: { metadata: { name } } });
});
afterAll(async () => {
  await h.sim.close();
});

const pods = async (ns: string, labelSelector?: string): Promise<V1Pod[]> => (await h.core.listNamespacedPod({ namespace: ns, labelSelector })).items;
const running = (p: V1Pod) => p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

describe('nodes', () => {
  it('describes capacity, GPUs and labels', async () => {
    const node = await h.core.readNode({ name: 'node-1' });
    expect(node.status?.capacity).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110', 'nvidia.com/gpu': '1' });
    expect(node.status?.allocatable?.['nvidia.com/gpu']).toBe('1');
    expect(node.metadata?.labels).toMatchObject({ 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'node-1', 'nvidia.com/gpu.product': 'NVIDIA-GeForce-RTX-4090' });
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});

describe('deployments', () => {
  it('runs pods through Pending → ContainerCreating → Running with events', async () => {
    const seen = new Set<string>();
    await h.apps.createNamespacedDeployment({ namespace: 'wl', body: deployment('web', { replicas: 2 }) });
    const list = await waitFor(async () => {
      const ps = await pods('wl', 'app=web');
      for (const p of ps) {
        const waiting = p.status?.containerStatuses?.[0]?.state?.waiting?.reason;
        seen.add(p.spec?.nodeName ? (waiting ?? p.status?.phase ?? '') : 'unscheduled');
      }
      return ps.length === 2 && ps.every(running) && ps;
    }, 5000, 'two running pods');
    expect(seen.has('Running')).toBe(true);
    const pod = list[0]!;
    expect(pod.spec?.nodeName).toBe('node-1');
    expect(pod.status?.podIP).toMatch(/^10\.42\./);
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ name: 'main', ready: true, restartCount: 0, image: 'docker.io/library/nginx:1.27' });
    expect(pod.metadata?.ownerReferences?.[0]?.kind).toBe('ReplicaSet');
    const d = await waitFor(async () => {
      const x = await h.apps.readNamespacedDeployment({ namespace: 'wl', name: 'web' });
      return x.status?.readyReplicas === 2 && x;
    });
    expect(d.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2, observedGeneration: 1 });
    expect(d.status?.conditions?.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['Available=True/MinimumReplicasAvailable', 'Progressing=True/NewReplicaSetAvailable']);
    const events = await h.core.listNamespacedEvent({ namespace: 'wl', fieldSelector: `involvedObject.name=${pod.metadata?.name},involvedObject.kind=Pod` });
    const reasons = events.items.map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
    expect(events.items.find((e) => e.reason === 'Scheduled')?.source?.component).toBe('default-scheduler');
  });

  it('scales to 0 (pods terminate, Killing events) and back to 1', async () => {
    await h.apps.patchNamespacedDeploymentScale({ namespace: 'wl', name: 'web', body: { spec: { replicas: 0 } } }, mergePatch);
    const terminating = await waitFor(async () => (await pods('wl', 'app=web')).find((p) => p.metadata?.deletionTimestamp));
    expect(terminating.metadata?.deletionGracePeriodSeconds).toBe(30);
    await waitFor(async () => (await pods('wl', 'app=web')).length === 0, 5000, 'pods gone');
    const killing = await h.core.listNamespacedEvent({ namespace: 'wl', fieldSelector: 'reason=Killing' });
    expect(killing.items.length).toBeGreaterThan(0);
    const stopped = await waitFor(async () => {
      const d = await h.apps.readNamespacedDeployment({ namespace: 'wl', name: 'web' });
      return (d.status?.replicas ?? 0) === 0 && d;
    });
    expect(stopped.spec?.replicas).toBe(0);
    const scale = await h.apps.readNamespacedDeploymentScale({ namespace: 'wl', name: 'web' });
    expect(scale.spec?.replicas).toBe(0);
    expect(scale.status?.selector).toBe('app=web');
    await h.apps.replaceNamespacedDeploymentScale({ namespace: 'wl', name: 'web', body: { metadata: { name: 'web', namespace: 'wl' }, spec: { replicas: 1 } } });
    await waitFor(async () => {
      const ps = await pods('wl', 'app=web');
      return ps.length === 1 && ps.every(running);
    }, 5000, 'pod back');
  });

  it('rolls out a new ReplicaSet when the template changes', async () => {
    const before = await h.apps.listNamespacedReplicaSet({ namespace: 'wl', labelSelector: 'app=web' });
    await h.apps.patchNamespacedDeployment({ namespace: 'wl', name: 'web', body: { spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:1.28' }] } } } } }, mergePatch);
    await waitFor(async () => {
      const ps = await pods('wl', 'app=web');
      return ps.length === 1 && ps.every(running) && ps[0]?.spec?.containers[0]?.image === 'nginx:1.28';
    }, 5000, 'new pod');
    const after = await h.apps.listNamespacedReplicaSet({ namespace: 'wl', labelSelector: 'app=web' });
    expect(after.items.length).toBe(before.items.length + 1);
    const d = await h.apps.readNamespacedDeployment({ namespace: 'wl', name: 'web' });
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('deleting a Deployment removes its ReplicaSets and Pods', async () => {
    await h.apps.deleteNamespacedDeployment({ namespace: 'wl', name: 'web' });
    await waitFor(async () => (await h.apps.listNamespacedReplicaSet({ namespace: 'wl', labelSelector: 'app=web' })).items.length === 0, 5000, 'replicasets gone');
    await waitFor(async () => (await pods('wl', 'app=web')).length === 0, 5000, 'pods gone');
  });
});

describe('failures on request', () => {
  it('image-pull: ErrImagePull then ImagePullBackOff, never Ready', async () => {
    await h.apps.createNamespacedDeployment({ namespace: 'fail', body: deployment('pull', { annotations: { 'simulator.olares.dev/fail': 'image-pull' } }) });
    const pod = await waitFor(async () => (await pods('fail', 'app=pull')).find((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'), 5000, 'ImagePullBackOff');
    expect(pod.status?.phase).toBe('Pending');
    const events = await h.core.listNamespacedEvent({ namespace: 'fail', fieldSelector: `involvedObject.name=${pod.metadata?.name}` });
    expect(events.items.map((e) => e.message)).toEqual(expect.arrayContaining(['Error: ErrImagePull', 'Error: ImagePullBackOff']));
    const d = await h.apps.readNamespacedDeployment({ namespace: 'fail', name: 'pull' });
    expect(d.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('False');
  });

  it('crash: CrashLoopBackOff with a growing restartCount', async () => {
    await h.apps.createNamespacedDeployment({ namespace: 'fail', body: deployment('crash', { annotations: { 'simulator.olares.dev/fail': 'crash' } }) });
    const pod = await waitFor(async () => (await pods('fail', 'app=crash')).find((p) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 2), 8000, 'two restarts');
    const cs = pod.status?.containerStatuses?.[0];
    expect(cs?.lastState?.terminated?.exitCode).toBe(1);
    await waitFor(async () => (await pods('fail', 'app=crash')).some((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff'), 5000, 'CrashLoopBackOff');
  });

  it('unschedulable: on request, and when requests exceed the node', async () => {
    await h.apps.createNamespacedDeployment({ namespace: 'fail', body: deployment('huge', { requests: { memory: '64Gi', cpu: '100m' } }) });
    await h.apps.createNamespacedDeployment({ namespace: 'fail', body: deployment('nowhere', { annotations: { 'simulator.olares.dev/fail': 'unschedulable' } }) });
    const huge = await waitFor(async () => (await pods('fail', 'app=huge')).find((p) => p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable')), 5000, 'Unschedulable');
    expect(huge.spec?.nodeName).toBeUndefined();
    expect(huge.status?.phase).toBe('Pending');
    const cond = huge.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(cond?.message).toBe('0/1 nodes are available: 1 Insufficient memory.');
    const ev = await h.core.listNamespacedEvent({ namespace: 'fail', fieldSelector: `involvedObject.name=${huge.metadata?.name},reason=FailedScheduling` });
    expect(ev.items[0]?.message).toBe('0/1 nodes are available: 1 Insufficient memory.');
    expect(ev.items[0]?.type).toBe('Warning');
    await waitFor(async () => (await pods('fail', 'app=nowhere')).some((p) => p.status?.conditions?.some((c) => c.reason === 'Unschedulable')), 5000, 'nowhere Unschedulable');
    // Making room schedules it: shrink the request.
    await h.apps.patchNamespacedDeployment({ namespace: 'fail', name: 'huge', body: { spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:1.27', resources: { requests: { memory: '1Gi' } } }] } } } } }, mergePatch);
    await waitFor(async () => (await pods('fail', 'app=huge')).some(running), 5000, 'huge fits now');
  });

  it('counts GPUs: a second GPU pod does not fit a one-GPU node', async () => {
    const gpuPod = (name: string) => ({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'cuda', resources: { limits: { 'nvidia.com/gpu': '1' } } }] } });
    await h.core.createNamespacedPod({ namespace: 'fail', body: gpuPod('gpu-1') });
    await waitFor(async () => running(await h.core.readNamespacedPod({ namespace: 'fail', name: 'gpu-1' })), 5000, 'gpu-1 running');
    await h.core.createNamespacedPod({ namespace: 'fail', body: gpuPod('gpu-2') });
    const p = await waitFor(async () => {
      const x = await h.core.readNamespacedPod({ namespace: 'fail', name: 'gpu-2' });
      return x.status?.conditions?.some((c) => c.reason === 'Unschedulable') && x;
    });
    expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message).toContain('Insufficient nvidia.com/gpu');
  });

  it('leaves HAMi’s own resources (gpumem, gpumem-percentage, gpucores) to HAMi: nodes do not advertise them', async () => {
    const limits = { 'nvidia.com/gpumem': '1024', 'nvidia.com/gpumem-percentage': '50', 'nvidia.com/gpucores': '50' };
    await h.core.createNamespacedPod({ namespace: 'fail', body: { metadata: { name: 'hami' }, spec: { containers: [{ name: 'c', image: 'cuda', resources: { limits } }] } } });
    await waitFor(async () => running(await h.core.readNamespacedPod({ namespace: 'fail', name: 'hami' })), 5000, 'hami running');
  });
});

describe('other workloads', () => {
  it('a Job runs a pod to completion', async () => {
    await h.batch.createNamespacedJob({ namespace: 'wl', body: { metadata: { name: 'once' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } });
    const job = await waitFor(async () => {
      const j = await h.batch.readNamespacedJob({ namespace: 'wl', name: 'once' });
      return j.status?.succeeded === 1 && j;
    }, 5000, 'job complete');
    expect(job.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True')).toBe(true);
    const ps = await pods('wl', 'job-name=once');
    expect(ps[0]?.status?.phase).toBe('Succeeded');
    expect(ps[0]?.status?.containerStatuses?.[0]?.state?.terminated?.reason).toBe('Completed');
  });

  it('a StatefulSet creates <name>-0.. in order with volume claims', async () => {
    await h.apps.createNamespacedStatefulSet({
      namespace: 'wl',
      body: {
        metadata: { name: 'db' },
        spec: {
          replicas: 2,
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } }],
        },
      },
    });
    await waitFor(async () => {
      const s = await h.apps.readNamespacedStatefulSet({ namespace: 'wl', name: 'db' });
      return s.status?.readyReplicas === 2;
    }, 5000, 'statefulset ready');
    expect((await pods('wl', 'app=db')).map((p) => p.metadata?.name).sort()).toEqual(['db-0', 'db-1']);
    const pvc = await h.core.readNamespacedPersistentVolumeClaim({ namespace: 'wl', name: 'data-db-0' });
    expect(pvc.status?.phase).toBe('Bound');
    await h.apps.patchNamespacedStatefulSetScale({ namespace: 'wl', name: 'db', body: { spec: { replicas: 1 } } }, mergePatch);
    await waitFor(async () => (await pods('wl', 'app=db')).map((p) => p.metadata?.name).join() === 'db-0', 5000, 'scaled to 1');
  });

  it('a DaemonSet runs one pod per node', async () => {
    await h.apps.createNamespacedDaemonSet({ namespace: 'wl', body: { metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent' }] } } } } });
    const ds = await waitFor(async () => {
      const d = await h.apps.readNamespacedDaemonSet({ namespace: 'wl', name: 'agent' });
      return d.status?.numberReady === 1 && d;
    }, 5000, 'daemonset ready');
    expect(ds.status?.desiredNumberScheduled).toBe(1);
  });

  it('a ResourceQuota refuses pods over it and reports usage', async () => {
    await h.core.createNamespacedResourceQuota({ namespace: 'quota', body: { metadata: { name: 'q' }, spec: { hard: { 'requests.memory': '1Gi', pods: '5' } } } });
    const denied = await expectStatus(h.core.createNamespacedPod({ namespace: 'quota', body: { metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { memory: '2Gi' } } }] } } }));
    expect(denied.code).toBe(403);
    expect(String(denied.body.message)).toContain('exceeded quota: q');
    await h.core.createNamespacedPod({ namespace: 'quota', body: { metadata: { name: 'small' }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { memory: '256Mi' } } }] } } });
    await waitFor(async () => (await h.core.readNamespacedResourceQuota({ namespace: 'quota', name: 'q' })).status?.used?.['requests.memory'] === '256Mi', 5000, 'quota usage');
  });
});

describe('namespaces', () => {
  it('deleting a namespace terminates it and removes everything inside', async () => {
    await h.apps.createNamespacedDeployment({ namespace: 'gone', body: deployment('inside') });
    await h.core.createNamespacedConfigMap({ namespace: 'gone', body: { metadata: { name: 'cm' } } });
    await waitFor(async () => (await pods('gone')).some(running), 5000, 'pod running');
    const ns = await h.core.deleteNamespace({ name: 'gone' });
    expect(ns).toMatchObject({ status: { phase: 'Terminating' } });
    const refused = await expectStatus(h.core.createNamespacedConfigMap({ namespace: 'gone', body: { metadata: { name: 'late' } } }));
    expect(refused.code).toBe(403);
    await waitFor(async () => (await expectStatus(h.core.readNamespace({ name: 'gone' }))).code === 404, 5000, 'namespace gone');
    expect((await h.core.listConfigMapForAllNamespaces({ fieldSelector: 'metadata.namespace=gone' })).items).toHaveLength(0);
    expect((await h.core.listPodForAllNamespaces({ fieldSelector: 'metadata.namespace=gone' })).items).toHaveLength(0);
  });
});
