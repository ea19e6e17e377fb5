// The cluster's view of an app's namespace maps to the Olares states: install, upgrade, resume, stop, uninstall, failures.
import { describe, expect, it } from 'vitest';
import { derive, entranceState, type Observation } from './derive';

const obs = (over: Partial<Observation> = {}): Observation => ({ namespace: 'present', helm: { current: true, job: 'succeeded' }, workloads: [], pods: [], ...over });
const web = (ready: number, desired = 1, updated = desired) => ({ kind: 'Deployment' as const, name: 'web', desired, ready, updated });

describe('derive', () => {
  it('follows an install: job running, workloads starting, all ready', () => {
    expect(derive('installing', obs({ helm: null })).state).toBe('installing');
    expect(derive('installing', obs({ helm: { current: true, job: 'running' } })).state).toBe('installing');
    const starting = derive('installing', obs({ workloads: [web(0)], pods: [{ name: 'web-1', phase: 'Pending', ready: false, restarts: 0 }] }));
    expect(starting).toEqual({ state: 'initializing', message: null, progress: 60 });
    expect(derive('initializing', obs({ workloads: [web(1)] })).state).toBe('running');
  });

  it('fails an install on a failed helm job or a pod that cannot start, with the reason', () => {
    expect(derive('installing', obs({ helm: { current: true, job: 'failed', message: 'Job failed' } }))).toEqual({ state: 'installFailed', message: 'Job failed', progress: null });
    const pulled = derive('initializing', obs({ workloads: [web(0)], pods: [{ name: 'web-1', phase: 'Pending', ready: false, waitingReason: 'ImagePullBackOff', message: 'Back-off pulling image', restarts: 0 }] }));
    expect(pulled.state).toBe('installFailed');
    expect(pulled.message).toBe('web-1: ImagePullBackOff (Back-off pulling image)');
  });

  it('keeps an unschedulable install waiting, saying why', () => {
    const d = derive('initializing', obs({ workloads: [web(0)], pods: [{ name: 'web-1', phase: 'Pending', ready: false, unschedulable: '0/1 nodes are available: 1 Insufficient memory.', restarts: 0 }] }));
    expect(d).toMatchObject({ state: 'initializing', message: '0/1 nodes are available: 1 Insufficient memory.' });
  });

  it('waits for the upgrade job of the new spec, then for updated replicas', () => {
    expect(derive('upgrading', obs({ helm: { current: false, job: 'succeeded' }, workloads: [web(1)] })).state).toBe('upgrading');
    expect(derive('upgrading', obs({ workloads: [web(1, 1, 0)] })).state).toBe('upgrading');
    expect(derive('upgrading', obs({ workloads: [web(1)] })).state).toBe('running');
    expect(derive('upgrading', obs({ helm: { current: true, job: 'failed' } })).state).toBe('upgradeFailed');
  });

  it('stops when everything is scaled down, resumes when ready, uninstalls when the namespace is gone', () => {
    expect(derive('stopping', obs({ workloads: [web(1)] })).state).toBe('stopping');
    expect(derive('stopping', obs({ workloads: [web(0, 0)] })).state).toBe('stopped');
    expect(derive('resuming', obs({ workloads: [web(0)] })).state).toBe('resuming');
    expect(derive('resuming', obs({ workloads: [web(1)] })).state).toBe('running');
    expect(derive('uninstalling', obs({ namespace: 'terminating' })).state).toBe('uninstalling');
    expect(derive('uninstalling', obs({ namespace: 'absent' })).state).toBe('uninstalled');
    expect(derive('canceling', obs({ namespace: 'absent' })).state).toBe('canceled');
    expect(derive('stopped', obs({ namespace: 'absent' })).state).toBe('stopped');
  });

  it('gives each entrance the state of its own workload', () => {
    const o = obs({ workloads: [web(1), { kind: 'Deployment', name: 'admin', desired: 1, ready: 0, updated: 1 }] });
    expect(entranceState('running', 'web', o)).toBe('running');
    expect(entranceState('running', 'admin', o)).toBe('notReady');
    expect(entranceState('stopped', 'web', o)).toBe('stopped');
    expect(entranceState('installFailed', 'web', o)).toBe('failed');
  });
});
