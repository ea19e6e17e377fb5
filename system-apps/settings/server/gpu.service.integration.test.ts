// GPU modes and bindings against the cluster simulator: the exact HAMi resources and annotations land on the apps' workloads and the node.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINDING_ANNOTATION, HAMI_USE_UUID, MODES_ANNOTATION, MiB } from '../../../bff/adapters/gpu/hami';
import { readingsFrom } from '../../../bff/adapters/gpu/nvidia-smi';
import type { GpuPort } from '../../../bff/adapters/gpu/port';
import { captureSection } from '../../../bff/adapters/gpu/testing/captures';
import { fakeGpuUuid } from '../../../bff/adapters/gpu/testing/fake-nvidia-smi';
import { Kinds, createKubernetesAdapter, type KubeApi, type KubernetesAdapter } from '../../../bff/adapters/kubernetes';
import { startSimulator, type ClusterSimulator } from '../../../bff/adapters/kubernetes/simulator';
import { Reason } from '../../../bff/trpc/app-error';
import { GpuService, type GpuCaller } from './gpu.service';

const NODE = 'gpu-node';
const GPU0 = fakeGpuUuid(0); // H100 80GB, 81559 MiB
const GPU1 = fakeGpuUuid(1); // L40S, 46068 MiB
const ADMIN: GpuCaller = { name: 'admin', role: 'admin' };
const MEMBER: GpuCaller = { name: 'member', role: 'member' };

/** The two cards as nvidia-smi printed them (the H100 and L40S captures), with the fake's distinct UUIDs. */
const port: GpuPort = {
  scan: async () => {
    const h100 = readingsFrom(captureSection('h100', 'idle', 'query-gpu'), '', NODE)[0]!;
    const l40s = readingsFrom(captureSection('l40s', 'idle', 'query-gpu'), '', NODE)[0]!;
    return { ok: true, source: 'nvidia-smi', devices: [{ ...h100, uuid: GPU0 }, { ...l40s, uuid: GPU1, index: 1 }] };
  },
};

let sim: ClusterSimulator;
let k8s: KubernetesAdapter;
let api: KubeApi;
let svc: GpuService;

const container = (name: string, gpu: boolean) => ({
  name,
  image: 'nginx',
  resources: { requests: { cpu: '100m', ...(gpu ? { 'nvidia.com/gpu': '1' } : {}) }, limits: { memory: '1Gi', ...(gpu ? { 'nvidia.com/gpu': '1' } : {}) } },
});

/** An installed app as the Market leaves it: a labelled namespace and the chart's workload (GPU on the first container). */
async function installApp(ns: string, opts: { app?: string; kind?: 'Deployment' | 'StatefulSet'; gpu?: boolean; labelled?: boolean } = {}) {
  const labels: Record<string, string> = opts.labelled === false ? {} : { 'olares.dev/app': opts.app ?? ns.replace(/-alice$/, ''), 'olares.dev/owner': 'alice' };
  await api.create(Kinds.namespace, { metadata: { name: ns, labels } });
  const selector = { 'app.kubernetes.io/name': ns };
  const spec = {
    replicas: 1,
    selector: { matchLabels: selector },
    template: { metadata: { labels: selector }, spec: { containers: [container('main', opts.gpu !== false), container('sidecar', false)] } },
  };
  if (opts.kind === 'StatefulSet') await api.create(Kinds.statefulSet, { metadata: { name: ns, namespace: ns }, spec: { ...spec, serviceName: ns } } as never);
  else await api.create(Kinds.deployment, { metadata: { name: ns, namespace: ns }, spec } as never);
}

async function podsOf(ns: string): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    const { items } = await api.list(Kinds.pod, { namespace: ns });
    const live = items.filter((p) => !p.metadata.deletionTimestamp);
    if (live.length) return live.map((p) => `${ns}/${p.metadata.name}`).sort();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no pods in ${ns}`);
}

async function scheduled(ns: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { items } = await api.list(Kinds.pod, { namespace: ns });
    if (items.some((p) => !p.metadata.deletionTimestamp && (p.spec as { nodeName?: string }).nodeName && p.metadata.annotations?.[HAMI_USE_UUID])) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no pinned pod of ${ns} was scheduled`);
}

interface Shape {
  pin: string | undefined;
  binding: unknown;
  main: Record<string, string> | undefined;
  mainRequests: Record<string, string> | undefined;
  sidecar: unknown;
}

/** What the workload carries now: the pin annotation, our record, and the GPU container's limits. */
async function shape(ns: string, kind: 'Deployment' | 'StatefulSet' = 'Deployment'): Promise<Shape> {
  const w = (await api.get(kind === 'Deployment' ? Kinds.deployment : Kinds.statefulSet, ns, ns)) as unknown as {
    metadata: { annotations?: Record<string, string> };
    spec: { template: { metadata?: { annotations?: Record<string, string> }; spec: { containers: Array<{ resources: { limits?: Record<string, string>; requests?: Record<string, string> } }> } } };
  };
  const [main, sidecar] = w.spec.template.spec.containers;
  const record = w.metadata.annotations?.[BINDING_ANNOTATION];
  return { pin: w.spec.template.metadata?.annotations?.[HAMI_USE_UUID], binding: record ? JSON.parse(record) : undefined, main: main?.resources.limits, mainRequests: main?.resources.requests, sidecar: sidecar?.resources };
}

async function refused(p: Promise<unknown>): Promise<{ code: string; reason: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return { code: err.code, reason: err.cause instanceof Reason ? err.cause.reason : '', message: err.message };
}

// The API server defaults requests from limits (memory here), as Kubernetes does.
const untouchedSidecar = { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } };
const confirm = { confirmRestart: true } as const;

beforeAll(async () => {
  sim = await startSimulator({ nodes: [{ name: NODE, cpu: '32', memory: '128Gi', gpus: 8, gpuModel: 'NVIDIA H100 80GB HBM3' }], timings: { scheduleMs: 10, createMs: 20, helmJobMs: 20, terminateMs: 10 } });
  k8s = await createKubernetesAdapter({ kubeconfig: sim.kubeconfig() });
  api = k8s.system();
  svc = new GpuService({ port, cluster: k8s });
  await installApp('comfyui-alice');
  await installApp('ollama-alice');
  await installApp('jupyter-alice', { kind: 'StatefulSet' });
  await installApp('notes-alice', { gpu: false });
  await installApp('stray', { labelled: false });
});

afterAll(async () => {
  k8s?.close();
  await sim?.close();
});

describe('GPU modes and bindings on the simulator', () => {
  it('status: both cards in time slicing, the three GPU apps unbound; members read, admins may manage', async () => {
    const s = await svc.status(MEMBER);
    expect(s).toMatchObject({ available: true, source: 'nvidia-smi', canManage: false });
    expect(s.devices.map((d) => [d.uuid, d.node, d.model, d.mode, d.bindings, d.memoryUnallocatedBytes])).toEqual([
      [GPU0, NODE, 'NVIDIA H100 80GB HBM3', 'time-slicing', [], null],
      [GPU1, NODE, 'NVIDIA L40S', 'time-slicing', [], null],
    ]);
    expect(s.apps).toEqual([
      { namespace: 'comfyui-alice', app: 'comfyui', owner: 'alice', boundTo: null },
      { namespace: 'jupyter-alice', app: 'jupyter', owner: 'alice', boundTo: null },
      { namespace: 'ollama-alice', app: 'ollama', owner: 'alice', boundTo: null },
    ]);
    expect((await svc.status(ADMIN)).canManage).toBe(true);
  });

  it('members are refused every change', async () => {
    expect(await refused(svc.setMode(MEMBER, { uuid: GPU0, mode: 'exclusive', ...confirm }))).toMatchObject({ code: 'FORBIDDEN', reason: 'auth.adminOnly' });
    expect(await refused(svc.bind(MEMBER, { namespace: 'comfyui-alice', uuid: GPU0, ...confirm }))).toMatchObject({ code: 'FORBIDDEN', reason: 'auth.adminOnly' });
    expect(await refused(svc.unbind(MEMBER, { namespace: 'comfyui-alice', ...confirm }))).toMatchObject({ code: 'FORBIDDEN', reason: 'auth.adminOnly' });
  });

  it('time slicing: two apps bound to one card, each pinned by UUID with nvidia.com/gpu: 1 only; their pods restart', async () => {
    const before = await podsOf('comfyui-alice');
    const first = await svc.bind(ADMIN, { namespace: 'comfyui-alice', uuid: GPU0, ...confirm });
    expect(first.restarted).toEqual(before);
    expect(await shape('comfyui-alice')).toEqual({ pin: GPU0, binding: { uuid: GPU0, memoryBytes: null }, main: { memory: '1Gi', 'nvidia.com/gpu': '1' }, mainRequests: { cpu: '100m', memory: '1Gi', 'nvidia.com/gpu': '1' }, sidecar: untouchedSidecar });
    await podsOf('ollama-alice');
    const second = await svc.bind(ADMIN, { namespace: 'ollama-alice', uuid: GPU0, ...confirm });
    expect(second.status.devices[0]!.bindings.map((b) => [b.namespace, b.app, b.owner, b.memoryBytes, b.workloads])).toEqual([
      ['comfyui-alice', 'comfyui', 'alice', null, ['comfyui-alice']],
      ['ollama-alice', 'ollama', 'alice', null, ['ollama-alice']],
    ]);
    expect((await api.get(Kinds.node, NODE))?.metadata.labels?.gpu).toBe('on');
    // The same binding again changes nothing and restarts nothing.
    expect((await svc.bind(ADMIN, { namespace: 'ollama-alice', uuid: GPU0, ...confirm })).restarted).toEqual([]);
  });

  it('app-exclusive is refused while two apps share the card', async () => {
    const r = await refused(svc.setMode(ADMIN, { uuid: GPU0, mode: 'exclusive', ...confirm }));
    expect(r).toMatchObject({ code: 'CONFLICT', reason: 'gpu.exclusiveHasApps' });
    expect(r.message).toContain('comfyui, ollama');
  });

  it('memory slicing gives each bound app an equal share (nvidia.com/gpumem in MiB) and records the mode on the node', async () => {
    const change = await svc.setMode(ADMIN, { uuid: GPU0, mode: 'memory-slicing', ...confirm });
    // Both apps' pods (an earlier rollout may still be replacing one, so there can be more than two).
    expect(new Set(change.restarted.map((p) => p.split('/')[0]))).toEqual(new Set(['comfyui-alice', 'ollama-alice']));
    const half = Math.floor(81559 / 2);
    expect((await shape('comfyui-alice')).main).toEqual({ memory: '1Gi', 'nvidia.com/gpu': '1', 'nvidia.com/gpumem': String(half) });
    expect((await shape('ollama-alice')).binding).toEqual({ uuid: GPU0, memoryBytes: half * MiB });
    const node = await api.get(Kinds.node, NODE);
    expect(JSON.parse(node?.metadata.annotations?.[MODES_ANNOTATION] ?? '{}')).toEqual({ [GPU0]: 'memory-slicing' });
    const gpu0 = change.status.devices[0]!;
    expect(gpu0.mode).toBe('memory-slicing');
    expect(gpu0.bindings.map((b) => b.memoryBytes)).toEqual([half * MiB, half * MiB]);
    expect(gpu0.memoryUnallocatedBytes).toBe((81559 - 2 * half) * MiB);
  });

  it('memory slicing: a binding must say how much, and the card is never over-committed', async () => {
    expect(await refused(svc.bind(ADMIN, { namespace: 'jupyter-alice', uuid: GPU0, ...confirm }))).toMatchObject({ code: 'BAD_REQUEST', reason: 'gpu.memoryRequired' });
    const over = await refused(svc.bind(ADMIN, { namespace: 'jupyter-alice', uuid: GPU0, memoryBytes: 2 * 1024 * MiB, ...confirm }));
    expect(over).toMatchObject({ code: 'BAD_REQUEST', reason: 'gpu.memoryOvercommitted' });
    expect(await refused(svc.bind(ADMIN, { namespace: 'jupyter-alice', uuid: GPU1, memoryBytes: 50_000 * MiB, ...confirm }))).toMatchObject({ reason: 'gpu.memoryOvercommitted' });
    expect((await shape('jupyter-alice', 'StatefulSet')).pin).toBeUndefined();
  });

  it('moving an app frees its share; a StatefulSet app then gets what it asked for', async () => {
    const moved = await svc.bind(ADMIN, { namespace: 'ollama-alice', uuid: GPU1, ...confirm });
    expect(moved.restarted.every((p) => p.startsWith('ollama-alice/'))).toBe(true);
    expect(await shape('ollama-alice')).toMatchObject({ pin: GPU1, binding: { uuid: GPU1, memoryBytes: null }, main: { memory: '1Gi', 'nvidia.com/gpu': '1' } });
    await svc.bind(ADMIN, { namespace: 'jupyter-alice', uuid: GPU0, memoryBytes: 30 * 1024 * MiB, ...confirm });
    expect(await shape('jupyter-alice', 'StatefulSet')).toEqual({ pin: GPU0, binding: { uuid: GPU0, memoryBytes: 30 * 1024 * MiB }, main: { memory: '1Gi', 'nvidia.com/gpu': '1', 'nvidia.com/gpumem': '30720' }, mainRequests: { cpu: '100m', memory: '1Gi', 'nvidia.com/gpu': '1', 'nvidia.com/gpumem': '30720' }, sidecar: untouchedSidecar });
    expect((await svc.bind(ADMIN, { namespace: 'jupyter-alice', uuid: GPU0, memoryBytes: 30 * 1024 * MiB, ...confirm })).restarted).toEqual([]);
    // HAMi's names do not keep the simulated scheduler from placing the restarted pod.
    await scheduled('jupyter-alice');
    const s = await svc.status(ADMIN);
    expect(s.apps.map((a) => [a.namespace, a.boundTo])).toEqual([['comfyui-alice', GPU0], ['jupyter-alice', GPU0], ['ollama-alice', GPU1]]);
  });

  it('app-exclusive: the one app gets gpumem-percentage and gpucores 100; a second app is refused', async () => {
    await svc.setMode(ADMIN, { uuid: GPU1, mode: 'exclusive', ...confirm });
    expect((await shape('ollama-alice')).main).toEqual({ memory: '1Gi', 'nvidia.com/gpu': '1', 'nvidia.com/gpumem-percentage': '100', 'nvidia.com/gpucores': '100' });
    const node = await api.get(Kinds.node, NODE);
    expect(JSON.parse(node?.metadata.annotations?.[MODES_ANNOTATION] ?? '{}')).toEqual({ [GPU0]: 'memory-slicing', [GPU1]: 'exclusive' });
    expect(await refused(svc.bind(ADMIN, { namespace: 'comfyui-alice', uuid: GPU1, ...confirm }))).toMatchObject({ code: 'CONFLICT', reason: 'gpu.exclusiveTaken' });
  });

  it('back to time slicing drops the memory caps but remembers the amounts for the next memory slicing', async () => {
    await svc.setMode(ADMIN, { uuid: GPU0, mode: 'time-slicing', ...confirm });
    expect((await shape('comfyui-alice')).main).toEqual({ memory: '1Gi', 'nvidia.com/gpu': '1' });
    expect((await svc.status(ADMIN)).devices[0]!.bindings.map((b) => b.memoryBytes)).toEqual([null, null]);
    await svc.setMode(ADMIN, { uuid: GPU0, mode: 'memory-slicing', ...confirm });
    expect((await shape('comfyui-alice')).main?.['nvidia.com/gpumem']).toBe(String(Math.floor(81559 / 2)));
    expect((await shape('jupyter-alice', 'StatefulSet')).main?.['nvidia.com/gpumem']).toBe('30720');
  });

  it('unbind leaves nvidia.com/gpu: 1 without pin, record or HAMi-only limits', async () => {
    const change = await svc.unbind(ADMIN, { namespace: 'ollama-alice', ...confirm });
    expect(change.restarted.length > 0 && change.restarted.every((p) => p.startsWith('ollama-alice/'))).toBe(true);
    expect(await shape('ollama-alice')).toEqual({ pin: undefined, binding: undefined, main: { memory: '1Gi', 'nvidia.com/gpu': '1' }, mainRequests: { cpu: '100m', memory: '1Gi', 'nvidia.com/gpu': '1' }, sidecar: untouchedSidecar });
    expect(change.status.apps.find((a) => a.namespace === 'ollama-alice')?.boundTo).toBeNull();
    expect(change.status.devices[1]!.bindings).toEqual([]);
  });

  it('two grants at once cannot over-commit a card: changes run one at a time', async () => {
    await svc.setMode(ADMIN, { uuid: GPU1, mode: 'memory-slicing', ...confirm });
    const grant = (namespace: string) => svc.bind(ADMIN, { namespace, uuid: GPU1, memoryBytes: 30_000 * MiB, ...confirm });
    const results = await Promise.allSettled([grant('ollama-alice'), grant('comfyui-alice')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect((failed.reason as TRPCError).cause).toMatchObject({ reason: 'gpu.memoryOvercommitted' });
    expect((await svc.status(ADMIN)).devices[1]!.bindings).toHaveLength(1);
  });

  it('refuses unknown GPUs, unknown apps, namespaces that are not installed apps, and apps without a GPU need', async () => {
    expect(await refused(svc.setMode(ADMIN, { uuid: 'GPU-not-here', mode: 'exclusive', ...confirm }))).toMatchObject({ code: 'NOT_FOUND', reason: 'gpu.unknownGpu' });
    expect(await refused(svc.bind(ADMIN, { namespace: 'no-such-app', uuid: GPU0, ...confirm }))).toMatchObject({ code: 'NOT_FOUND', reason: 'gpu.unknownApp' });
    expect(await refused(svc.bind(ADMIN, { namespace: 'stray', uuid: GPU0, ...confirm }))).toMatchObject({ code: 'NOT_FOUND', reason: 'gpu.unknownApp' });
    expect(await refused(svc.unbind(ADMIN, { namespace: 'kube-system', ...confirm }))).toMatchObject({ code: 'NOT_FOUND', reason: 'gpu.unknownApp' });
    expect(await refused(svc.bind(ADMIN, { namespace: 'notes-alice', uuid: GPU0, ...confirm }))).toMatchObject({ code: 'BAD_REQUEST', reason: 'gpu.appNeedsNoGpu' });
    expect((await shape('stray')).pin).toBeUndefined();
  });
});

describe('without GPUs or without a cluster', () => {
  it('says why, plainly', async () => {
    const none = new GpuService({ port: { scan: async () => ({ ok: true, source: 'none', devices: [] }) }, cluster: k8s });
    expect(await none.status(MEMBER)).toMatchObject({ available: false, reason: 'no-gpu', devices: [] });
    const broken = new GpuService({ port: { scan: async () => ({ ok: false, source: 'nvidia-smi', detail: 'NVIDIA-SMI has failed' }) }, cluster: null });
    expect(await broken.status(ADMIN)).toEqual({ available: false, reason: 'driver-error', detail: 'NVIDIA-SMI has failed', source: 'nvidia-smi', devices: [], apps: [], canManage: true });
    const noCluster = new GpuService({ port, cluster: null });
    expect(await noCluster.status(MEMBER)).toMatchObject({ available: false, reason: 'no-cluster' });
    expect(await refused(noCluster.setMode(ADMIN, { uuid: GPU0, mode: 'exclusive', ...confirm }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'gpu.noCluster' });
  });

  it('reads the cluster again after one failed read, and says so when it still does not answer', async () => {
    let failures = 0;
    /** The simulator's cluster, whose next `failures` lists fail the way a dropped connection does. */
    const flaky = {
      ...k8s,
      system: () => {
        const api = k8s.system();
        return {
          ...api,
          list: ((...args: Parameters<typeof api.list>) => {
            if (failures > 0) {
              failures--;
              return Promise.reject(new Error('socket hang up'));
            }
            return api.list(...args);
          }) as typeof api.list,
        };
      },
    } as KubernetesAdapter;
    const svc = new GpuService({ port, cluster: flaky, clusterRetryMs: 10 });
    failures = 1;
    expect(await svc.status(MEMBER)).toMatchObject({ available: true });
    // Each read lists four kinds at once: eight failures outlast both reads.
    failures = 8;
    const down = await svc.status(MEMBER);
    expect(down).toMatchObject({ available: false, reason: 'cluster-unreachable' });
    expect(down.devices.length).toBeGreaterThan(0);
    failures = 0;
    expect(await svc.status(MEMBER)).toMatchObject({ available: true });
  });
});
