// Quantities, pod display status, workload readiness and node capacity read from fixture objects.
import { describe, expect, it } from 'vitest';
import type { Deployment, Node, Pod } from './kinds';
import { bytes, cpuMillis, parseQuantity } from './quantity';
import { isDeploymentReady, isNodeReady, isPodReady, jobState, nodeAllocatable, podDisplayStatus, podPhase, podRestarts } from './status';

describe('quantities', () => {
  it('parses decimal, binary and exponent forms', () => {
    expect(parseQuantity('128974848')).toBe(128974848);
    expect(parseQuantity('129e6')).toBe(129e6);
    expect(parseQuantity('123Mi')).toBe(123 * 2 ** 20);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseQuantity('2k')).toBe(2000);
    expect(parseQuantity('nonsense')).toBeNaN();
    expect([cpuMillis('500m'), cpuMillis('1.1'), cpuMillis('4'), cpuMillis(undefined)]).toEqual([500, 1100, 4000, 0]);
    expect([bytes('1Gi'), bytes('1G'), bytes('bad')]).toEqual([2 ** 30, 1e9, 0]);
  });
});

const pod = (status: Pod['status'], extra: Partial<Pod> = {}): Pod => ({ metadata: { name: 'p', namespace: 'n' }, status, ...extra });
const container = (state: object, ready = false, restartCount = 0) => ({ name: 'c', image: 'i', imageID: '', ready, restartCount, state });

describe('pods', () => {
  it('reads phase, readiness and restarts', () => {
    const p = pod({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [container({ running: {} }, true, 2), container({ running: {} }, true, 1)],
    });
    expect([podPhase(p), isPodReady(p), podRestarts(p)]).toEqual(['Running', true, 3]);
    expect(podPhase(pod(undefined))).toBe('Unknown');
  });

  it('shows what kubectl shows', () => {
    expect(podDisplayStatus(pod({ phase: 'Pending', containerStatuses: [container({ waiting: { reason: 'ContainerCreating' } })] }))).toBe('ContainerCreating');
    expect(podDisplayStatus(pod({ phase: 'Running', containerStatuses: [container({ waiting: { reason: 'CrashLoopBackOff' } })] }))).toBe('CrashLoopBackOff');
    expect(podDisplayStatus(pod({ phase: 'Failed', containerStatuses: [container({ terminated: { exitCode: 137 } })] }))).toBe('ExitCode:137');
    expect(podDisplayStatus(pod({ phase: 'Succeeded', containerStatuses: [container({ terminated: { exitCode: 0, reason: 'Completed' } })] }))).toBe('Completed');
    expect(
      podDisplayStatus(
        pod({ phase: 'Pending', initContainerStatuses: [container({ terminated: { exitCode: 0 } }), container({ running: {} })] }, { spec: { containers: [], initContainers: [{ name: 'a' }, { name: 'b' }] } }),
      ),
    ).toBe('Init:1/2');
    expect(podDisplayStatus(pod({ phase: 'Running' }, { metadata: { name: 'p', deletionTimestamp: '2024-01-01T00:00:00Z' } }))).toBe('Terminating');
  });

  it('reads job state', () => {
    expect(jobState({ metadata: {}, status: { conditions: [{ type: 'Complete', status: 'True' }] } })).toBe('complete');
    expect(jobState({ metadata: {}, status: { conditions: [{ type: 'Failed', status: 'True' }] } })).toBe('failed');
    expect(jobState({ metadata: {} })).toBe('running');
  });
});

describe('deployments', () => {
  const deployment = (status: Deployment['status'], replicas = 2, generation = 3): Deployment => ({ metadata: { name: 'd', generation }, spec: { replicas, selector: {}, template: {} }, status });
  it('is ready when the latest spec is rolled out to every replica', () => {
    expect(isDeploymentReady(deployment({ observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }))).toBe(true);
    expect(isDeploymentReady(deployment({ observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }))).toBe(false);
    expect(isDeploymentReady(deployment({ observedGeneration: 3, replicas: 3, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }))).toBe(false);
    expect(isDeploymentReady(deployment({ observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1 }))).toBe(false);
    expect(isDeploymentReady(deployment(undefined, 0))).toBe(true);
  });
});

describe('nodes', () => {
  it('reads allocatable CPU, memory and GPUs, falling back to capacity', () => {
    const node: Node = {
      metadata: { name: 'n1' },
      status: { allocatable: { cpu: '7800m', memory: '31Gi', 'nvidia.com/gpu': '2', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    };
    expect(nodeAllocatable(node)).toEqual({ cpuMillis: 7800, memoryBytes: 31 * 2 ** 30, gpus: 2 });
    expect(isNodeReady(node)).toBe(true);
    expect(nodeAllocatable({ metadata: {}, status: { capacity: { cpu: '4', memory: '8G' } } })).toEqual({ cpuMillis: 4000, memoryBytes: 8e9, gpus: 0 });
    expect(nodeAllocatable({ metadata: {} })).toEqual({ cpuMillis: 0, memoryBytes: 0, gpus: 0 });
  });
});
