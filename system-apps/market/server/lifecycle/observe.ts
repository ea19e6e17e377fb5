// Reads one app's namespace from the cluster into an Observation (derive.ts turns it into a state), and the cluster's free resources.
import { Kinds, jobState, nodeAllocatable, isPodReady, cpuMillis, bytes, GPU_RESOURCES, parseQuantity, type KubeApi, type Pod } from '../../../../bff/adapters/kubernetes';
import type { Resources } from '../market.types';
import type { Observation } from './derive';

/** Set on our HelmChart when we change it: the uid of the helm job that ran for the previous spec. */
export const SUPERSEDED_JOB = 'olares.dev/superseded-job';

function waiting(pod: Pod): { reason?: string; message?: string } {
  for (const c of pod.status?.containerStatuses ?? []) {
    const w = c.state?.waiting;
    if (w?.reason && w.reason !== 'ContainerCreating' && w.reason !== 'PodInitializing') return { reason: w.reason, message: w.message };
  }
  return {};
}

export async function observe(api: KubeApi, namespace: string, release: string): Promise<Observation> {
  const ns = await api.get(Kinds.namespace, namespace);
  if (!ns) return { namespace: 'absent', helm: null, workloads: [], pods: [] };
  const [hc, deployments, statefulSets, pods] = await Promise.all([
    api.get(Kinds.helmChart, release, namespace),
    api.list(Kinds.deployment, { namespace }),
    api.list(Kinds.statefulSet, { namespace }),
    api.list(Kinds.pod, { namespace }),
  ]);
  let helm: Observation['helm'] = null;
  if (hc) {
    const jobName = hc.status?.jobName ?? `helm-install-${release}`;
    const job = await api.get(Kinds.job, jobName, namespace);
    const superseded = hc.metadata.annotations?.[SUPERSEDED_JOB];
    const failed = hc.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
    const current = !!job && job.metadata.uid !== superseded;
    const state = job ? jobState(job) : 'none';
    helm = {
      current,
      job: state === 'complete' ? 'succeeded' : state === 'failed' || (current && failed) ? 'failed' : state === 'running' ? 'running' : 'none',
      ...(failed?.message ? { message: failed.message } : {}),
    };
  }
  const isHelmJobPod = (p: Pod) => !!p.metadata.labels?.['job-name'] || !!p.metadata.labels?.['helmcharts.helm.cattle.io/chart'] || p.metadata.name?.startsWith('helm-install-') || p.metadata.name?.startsWith('helm-delete-');
  return {
    namespace: ns.metadata.deletionTimestamp ? 'terminating' : 'present',
    helm,
    workloads: [
      ...deployments.items.map((d) => ({ kind: 'Deployment' as const, name: d.metadata.name ?? '', desired: d.spec?.replicas ?? 1, ready: d.status?.readyReplicas ?? 0, updated: (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) ? (d.status?.updatedReplicas ?? 0) : 0 })),
      ...statefulSets.items.map((s) => ({ kind: 'StatefulSet' as const, name: s.metadata.name ?? '', desired: s.spec?.replicas ?? 1, ready: s.status?.readyReplicas ?? 0, updated: s.status?.updatedReplicas ?? s.status?.currentReplicas ?? 0 })),
    ],
    pods: pods.items
      .filter((p) => !isHelmJobPod(p) && !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded')
      .map((p) => {
        const w = waiting(p);
        const unschedulable = p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
        return {
          name: p.metadata.name ?? '',
          phase: p.status?.phase ?? 'Unknown',
          ready: isPodReady(p),
          ...(w.reason ? { waitingReason: w.reason } : {}),
          ...(w.message ? { message: w.message } : {}),
          ...(unschedulable ? { unschedulable: unschedulable.message ?? 'No node can run this app now.' } : {}),
          restarts: (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
        };
      }),
  };
}

export interface ClusterCapacity {
  nodes: number;
  arch: string[];
  total: Resources;
  free: Resources;
}

/** Allocatable minus what running and pending pods request, over the ready nodes (the scheduler's view). */
export async function clusterCapacity(api: KubeApi): Promise<ClusterCapacity> {
  const [nodes, pods] = await Promise.all([api.list(Kinds.node), api.list(Kinds.pod)]);
  const total: Resources = { cpuMillis: 0, memoryBytes: 0, diskBytes: 0, gpu: 0 };
  const arch = new Set<string>();
  for (const n of nodes.items) {
    const a = nodeAllocatable(n);
    total.cpuMillis += a.cpuMillis;
    total.memoryBytes += a.memoryBytes;
    total.gpu += a.gpus;
    total.diskBytes += bytes(n.status?.allocatable?.['ephemeral-storage'] ?? n.status?.capacity?.['ephemeral-storage']);
    const label = n.metadata.labels?.['kubernetes.io/arch'];
    if (label) arch.add(label);
  }
  const used: Resources = { cpuMillis: 0, memoryBytes: 0, diskBytes: 0, gpu: 0 };
  for (const p of pods.items) {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    for (const c of p.spec?.containers ?? []) {
      const r = c.resources?.requests ?? {};
      used.cpuMillis += cpuMillis(r.cpu);
      used.memoryBytes += bytes(r.memory);
      used.diskBytes += bytes(r['ephemeral-storage']);
      for (const g of GPU_RESOURCES) {
        const v = parseQuantity(r[g] ?? c.resources?.limits?.[g]);
        if (Number.isFinite(v)) used.gpu += v;
      }
    }
  }
  const free: Resources = {
    cpuMillis: Math.max(0, total.cpuMillis - used.cpuMillis),
    memoryBytes: Math.max(0, total.memoryBytes - used.memoryBytes),
    diskBytes: Math.max(0, total.diskBytes - used.diskBytes),
    gpu: Math.max(0, total.gpu - used.gpu),
  };
  return { nodes: nodes.items.length, arch: [...arch], total, free };
}
