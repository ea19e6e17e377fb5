// Resumable watches through the real client against the simulator: resume after a dropped connection, re-list after 410, RBAC.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKubernetesAdapter } from './client';
import { KubeError } from './errors';
import { type ConfigMap, Kinds } from './kinds';
import { type ManualClock, manualClock } from './manual-clock';
import type { KubeApi, KubernetesAdapter, WatchEvent, WatchHandle } from './port';
import { type ClusterSimulator, startSimulator } from './simulator';

let sim: ClusterSimulator;
let k8s: KubernetesAdapter;
let clock: ManualClock;
let api: KubeApi;
let ns: string;
let counter = 0;
const handles: WatchHandle[] = [];

const cm = (name: string, data: Record<string, string> = {}, labels: Record<string, string> = {}): ConfigMap => ({
  metadata: { name, namespace: ns, labels },
  data,
});

/** Starts a watch on this test's namespace and records what it delivers as "TYPE name". */
async function watchConfigMaps(labelSelector?: string) {
  const events: WatchEvent<ConfigMap>[] = [];
  const errors: Error[] = [];
  const handle = api.watch(Kinds.configMap, { namespace: ns, labelSelector }, (e) => events.push(e), (err) => errors.push(err));
  handles.push(handle);
  await handle.synced;
  return { handle, events, errors, seen: () => events.map((e) => `${e.type} ${e.object.metadata.name}`) };
}

/** Drops every watch connection and waits until the watch has noticed and scheduled its reconnect. */
async function breakAndWaitForReconnectTimer(): Promise<void> {
  sim.breakWatches();
  await expect.poll(() => clock.pending().length, { timeout: 5000, interval: 10 }).toBe(1);
}

beforeAll(async () => {
  sim = await startSimulator({ timings: { scheduleMs: 20, createMs: 40, helmJobMs: 40, terminateMs: 20 } });
  clock = manualClock();
  k8s = await createKubernetesAdapter({ kubeconfig: sim.kubeconfig(), watchClock: clock.clock });
  api = k8s.system();
});

beforeEach(async () => {
  ns = `watch-${++counter}`;
  await api.create(Kinds.namespace, { metadata: { name: ns, labels: { 'olares.dev/owner': 'alice' } } });
});

afterEach(() => {
  for (const handle of handles.splice(0)) handle.stop();
  expect(clock.pending()).toEqual([]);
});

afterAll(async () => {
  k8s?.close();
  await sim?.close();
});

describe('watch through the real client', () => {
  it('lists first, then streams changes from the list resourceVersion', async () => {
    await api.create(Kinds.configMap, cm('before'));
    const w = await watchConfigMaps();
    expect(w.seen()).toEqual(['ADDED before']);
    await api.create(Kinds.configMap, cm('after'));
    await api.patch(Kinds.configMap, 'before', ns, { data: { x: '1' } });
    await api.delete(Kinds.configMap, 'after', ns);
    await expect.poll(w.seen).toEqual(['ADDED before', 'ADDED after', 'MODIFIED before', 'DELETED after']);
    expect(w.events[2]!.object.data).toEqual({ x: '1' });
    expect(w.handle.resourceVersion).toBe(w.events[3]!.object.metadata.resourceVersion);
    expect(w.errors).toEqual([]);
  });

  it('resumes after the connection drops, without losing or repeating events', async () => {
    const w = await watchConfigMaps();
    await api.create(Kinds.configMap, cm('a'));
    await api.create(Kinds.configMap, cm('b'));
    await expect.poll(w.seen).toEqual(['ADDED a', 'ADDED b']);
    const lastSeen = w.handle.resourceVersion;

    await breakAndWaitForReconnectTimer();
    // While disconnected:
    await api.patch(Kinds.configMap, 'a', ns, { data: { v: '2' } });
    await api.create(Kinds.configMap, cm('c'));
    await api.delete(Kinds.configMap, 'b', ns);
    expect(w.seen()).toHaveLength(2);
    expect(w.handle.resourceVersion).toBe(lastSeen);

    await clock.advance(250);
    await expect.poll(w.seen).toEqual(['ADDED a', 'ADDED b', 'MODIFIED a', 'ADDED c', 'DELETED b']);
    await api.create(Kinds.configMap, cm('d'));
    await expect.poll(w.seen).toEqual(['ADDED a', 'ADDED b', 'MODIFIED a', 'ADDED c', 'DELETED b', 'ADDED d']);
    expect(new Set(w.events.map((e) => e.object.metadata.resourceVersion)).size).toBe(6);
    expect(w.errors).toEqual([]);
  });

  it('re-lists after 410 Expired and emits what changed while it was away, deletions included', async () => {
    await api.create(Kinds.configMap, cm('change', { v: '1' }));
    await api.create(Kinds.configMap, cm('remove'));
    const w = await watchConfigMaps();
    await api.create(Kinds.configMap, cm('keep')); // seen live: the stream is open before it is broken
    await expect.poll(() => w.seen().sort()).toEqual(['ADDED change', 'ADDED keep', 'ADDED remove']);
    const removedBefore = w.events.find((e) => e.object.metadata.name === 'remove')!.object;

    await breakAndWaitForReconnectTimer();
    await api.patch(Kinds.configMap, 'change', ns, { data: { v: '2' } });
    await api.delete(Kinds.configMap, 'remove', ns);
    await api.create(Kinds.configMap, cm('new'));
    sim.compact();

    await clock.advance(250);
    await expect.poll(() => w.events.length).toBe(6);
    const after = w.events.slice(3);
    expect(after.map((e) => `${e.type} ${e.object.metadata.name}`).sort()).toEqual(['ADDED new', 'DELETED remove', 'MODIFIED change']);
    expect(after.find((e) => e.type === 'MODIFIED')!.object.data).toEqual({ v: '2' });
    // The deletion happened unseen: the event carries the last state the consumer knew.
    expect(after.find((e) => e.type === 'DELETED')!.object).toEqual(removedBefore);
    expect(w.errors).toEqual([]);

    await api.create(Kinds.configMap, cm('live'));
    await expect.poll(() => w.events.at(-1)?.object.metadata.name).toBe('live');
    expect(w.events).toHaveLength(7);
  });

  it('turns objects leaving a label selector into DELETED', async () => {
    await api.create(Kinds.configMap, cm('tagged', {}, { tier: 'web' }));
    const w = await watchConfigMaps('tier=web');
    await api.patch(Kinds.configMap, 'tagged', ns, { metadata: { labels: { tier: 'db' } } });
    await api.create(Kinds.configMap, cm('other', {}, { tier: 'db' }));
    await api.patch(Kinds.configMap, 'other', ns, { metadata: { labels: { tier: 'web' } } });
    await expect.poll(w.seen).toEqual(['ADDED tagged', 'DELETED tagged', 'ADDED other']);
  });

  it('impersonates: the owner may watch their namespace; anyone else gets 403 through onError, retried until stopped', async () => {
    const alice = k8s.asUser({ user: 'alice', groups: [] });
    const seen: string[] = [];
    const ok = alice.watch(Kinds.configMap, { namespace: ns }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    handles.push(ok);
    await ok.synced;
    await alice.create(Kinds.configMap, cm('hers'));
    await expect.poll(() => seen).toEqual(['ADDED hers']);

    const errors: Error[] = [];
    const denied = k8s.asUser({ user: 'mallory', groups: [] }).watch(Kinds.configMap, { namespace: ns }, () => {}, (err) => errors.push(err));
    handles.push(denied);
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toBeInstanceOf(KubeError);
    expect((errors[0] as KubeError).reason).toBe('Forbidden');
    expect(clock.pending()).toEqual([250]);
    await clock.advance(250);
    await expect.poll(() => errors.length).toBe(2);
    expect(clock.pending()).toEqual([500]);
  });
});
