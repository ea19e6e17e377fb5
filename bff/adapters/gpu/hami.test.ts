// The HAMi vocabulary: what each mode puts on a GPU container, the records we keep, and when a change restarts pods.
import { describe, expect, it } from 'vitest';
import { BINDING_ANNOTATION, HAMI_USE_UUID, MODES_ANNOTATION, MiB, gpuResources, readBinding, readModes, restartsPods, workloadPatch, type ContainerLike } from './hami';

const gpu: ContainerLike = { name: 'main', resources: { requests: { cpu: '1', 'nvidia.com/gpu': '1' }, limits: { memory: '4Gi', 'nvidia.com/gpu': '1' } } };
const plain: ContainerLike = { name: 'sidecar', resources: { limits: { memory: '1Gi' } } };
const binding = { uuid: 'GPU-1', memoryBytes: 8 * 1024 * MiB };

describe('gpuResources', () => {
  it('time slicing: nvidia.com/gpu only', () => {
    expect(gpuResources(gpu, 'time-slicing', binding)).toEqual({ requests: { cpu: '1', 'nvidia.com/gpu': '1' }, limits: { memory: '4Gi', 'nvidia.com/gpu': '1' } });
  });

  it('memory slicing: nvidia.com/gpumem in MiB, in limits and requests', () => {
    const r = gpuResources(gpu, 'memory-slicing', binding);
    expect(r?.limits).toEqual({ memory: '4Gi', 'nvidia.com/gpu': '1', 'nvidia.com/gpumem': '8192' });
    expect(r?.requests).toEqual({ cpu: '1', 'nvidia.com/gpu': '1', 'nvidia.com/gpumem': '8192' });
  });

  it('exclusive: the whole card’s memory and cores', () => {
    expect(gpuResources(gpu, 'exclusive', binding)?.limits).toEqual({ memory: '4Gi', 'nvidia.com/gpu': '1', 'nvidia.com/gpumem-percentage': '100', 'nvidia.com/gpucores': '100' });
  });

  it('unbound: HAMi-only names removed, the GPU need kept', () => {
    const sliced = { ...gpu, resources: gpuResources(gpu, 'exclusive', binding) };
    expect(gpuResources(sliced, 'exclusive', null)).toEqual(gpu.resources);
    expect(gpuResources({ resources: { requests: { 'nvidia.com/gpu': '1' } } }, 'time-slicing', null)?.limits).toEqual({ 'nvidia.com/gpu': '1' });
  });
});

describe('workloadPatch', () => {
  const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [gpu, plain] } };

  it('pins by UUID, records the binding, changes only the GPU container', () => {
    const patch = workloadPatch(undefined, template, 'memory-slicing', binding) as { metadata: unknown; spec: { template: { metadata: unknown; spec: { containers: ContainerLike[] } } } };
    expect(patch.metadata).toEqual({ annotations: { [BINDING_ANNOTATION]: JSON.stringify(binding) } });
    expect(patch.spec.template.metadata).toEqual({ annotations: { [HAMI_USE_UUID]: 'GPU-1' } });
    expect(patch.spec.template.spec.containers[1]).toEqual(plain);
    expect(restartsPods(patch)).toBe(true);
  });

  it('nothing to do when the workload already carries it; only the record when the template is already right', () => {
    const applied = { metadata: { annotations: { [HAMI_USE_UUID]: 'GPU-1' } }, spec: { containers: [{ ...gpu, resources: gpuResources(gpu, 'time-slicing', binding) }, plain] } };
    expect(workloadPatch({ [BINDING_ANNOTATION]: JSON.stringify(binding) }, applied, 'time-slicing', binding)).toBeNull();
    const recordOnly = workloadPatch(undefined, applied, 'time-slicing', binding);
    expect(recordOnly).toEqual({ metadata: { annotations: { [BINDING_ANNOTATION]: JSON.stringify(binding) } } });
    expect(restartsPods(recordOnly)).toBe(false);
  });

  it('unbinding removes the pin and the record (merge-patch nulls)', () => {
    const applied = { metadata: { annotations: { [HAMI_USE_UUID]: 'GPU-1' } }, spec: { containers: [gpu, plain] } };
    expect(workloadPatch({ [BINDING_ANNOTATION]: JSON.stringify(binding) }, applied, 'time-slicing', null)).toMatchObject({
      metadata: { annotations: { [BINDING_ANNOTATION]: null } },
      spec: { template: { metadata: { annotations: { [HAMI_USE_UUID]: null } } } },
    });
  });
});

describe('records', () => {
  it('reads modes and bindings, ignoring what is not ours or not valid', () => {
    expect(readModes({ [MODES_ANNOTATION]: '{"GPU-1":"exclusive","GPU-2":"bogus"}' })).toEqual({ 'GPU-1': 'exclusive' });
    expect(readModes({ [MODES_ANNOTATION]: 'not json' })).toEqual({});
    expect(readModes(undefined)).toEqual({});
    expect(readBinding({ [BINDING_ANNOTATION]: '{"uuid":"GPU-1","memoryBytes":null}' })).toEqual({ uuid: 'GPU-1', memoryBytes: null });
    expect(readBinding({ [BINDING_ANNOTATION]: '{"memoryBytes":5}' })).toBeNull();
  });
});
