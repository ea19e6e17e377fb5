// Small readers of object status the product shows: pod phase and display status, workload readiness, node capacity.
import type { DaemonSet, Deployment, Job, Node, Pod, StatefulSet } from './kinds';
import { bytes, cpuMillis, parseQuantity } from './quantity';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** Extended resources that count as GPUs (HAMi reports its virtual GPUs as nvidia.com/gpu too). */
export const GPU_RESOURCES = ['nvidia.com/gpu', 'amd.com/gpu'] as const;

export function podPhase(pod: Pod): PodPhase {
  const phase = pod.status?.phase;
  return phase === 'Pending' || phase === 'Running' || phase === 'Succeeded' || phase === 'Failed' ? phase : 'Unknown';
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function podRestarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
}

/**
 * The status column kubectl shows: Terminating, Init:1/2, ContainerCreating, CrashLoopBackOff,
 * ImagePullBackOff, Error, Completed, Running…
 */
export function podDisplayStatus(pod: Pod): string {
  let reason: string = pod.status?.reason || podPhase(pod);
  const inits = pod.status?.initContainerStatuses ?? [];
  const initTotal = pod.spec?.initContainers?.length ?? inits.length;
  let initializing = false;
  for (const [i, c] of inits.entries()) {
    const { terminated, waiting } = c.state ?? {};
    if (terminated && terminated.exitCode === 0) continue;
    initializing = true;
    if (terminated) reason = `Init:${terminated.reason || `ExitCode:${terminated.exitCode}`}`;
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initTotal}`;
    break;
  }
  if (!initializing) {
    let running = false;
    for (const c of [...(pod.status?.containerStatuses ?? [])].reverse()) {
      const { terminated, waiting } = c.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminated.reason || `ExitCode:${terminated.exitCode}`;
      else if (c.ready && c.state?.running) running = true;
    }
    if (reason === 'Completed' && running) reason = isPodReady(pod) ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp) reason = pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

/** The rollout finished: the controller saw the latest spec and every replica is updated, ready and available. */
export function isDeploymentReady(deployment: Deployment): boolean {
  const want = deployment.spec?.replicas ?? 1;
  const s = deployment.status;
  if (!s) return want === 0;
  if ((s.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0)) return false;
  return (s.updatedReplicas ?? 0) >= want && (s.readyReplicas ?? 0) >= want && (s.availableReplicas ?? 0) >= want && (s.replicas ?? 0) <= want;
}

export function isStatefulSetReady(set: StatefulSet): boolean {
  const want = set.spec?.replicas ?? 1;
  const s = set.status;
  if (!s) return want === 0;
  if ((s.observedGeneration ?? 0) < (set.metadata.generation ?? 0)) return false;
  return (s.readyReplicas ?? 0) >= want && (s.updatedReplicas ?? s.currentReplicas ?? 0) >= want;
}

export function isDaemonSetReady(set: DaemonSet): boolean {
  const s = set.status;
  if (!s) return false;
  if ((s.observedGeneration ?? 0) < (set.metadata.generation ?? 0)) return false;
  return s.numberReady >= s.desiredNumberScheduled && (s.updatedNumberScheduled ?? 0) >= s.desiredNumberScheduled;
}

export type JobState = 'running' | 'complete' | 'failed';

export function jobState(job: Job): JobState {
  const conditions = job.status?.conditions ?? [];
  if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return 'complete';
  if (conditions.some((c) => c.type === 'Failed' && c.status === 'True')) return 'failed';
  return 'running';
}

export function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export interface NodeResources {
  cpuMillis: number;
  memoryBytes: number;
  gpus: number;
}

/** What the scheduler may place on a node (allocatable, or capacity when allocatable is not reported). */
export function nodeAllocatable(node: Node): NodeResources {
  const resources = node.status?.allocatable ?? node.status?.capacity ?? {};
  const gpus = GPU_RESOURCES.reduce((sum, name) => {
    const value = parseQuantity(resources[name]);
    return sum + (Number.isFinite(value) ? value : 0);
  }, 0);
  return { cpuMillis: cpuMillis(resources.cpu), memoryBytes: bytes(resources.memory), gpus };
}
