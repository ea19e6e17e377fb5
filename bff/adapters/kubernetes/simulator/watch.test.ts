// Watches through client-node's Watch: live events, resuming from a resourceVersion, 410 Expired after compaction, dropped connections.
import { PatchStrategy, Watch, makeInformer, setHeaderOptions, type V1ConfigMap } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './test-support';

let h: Harness;
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

beforeAll(async () => {
  h = await startHarness();
  await h.core.createNamespace({ body: { metadata: { name: 'w' } } });
});
afterAll(async () => {
  await h.sim.close();
});

interface Seen {
  type: string;
  name: string;
  rv: string;
  object: Record<string, unknown>;
}

function collector() {
  const events: Seen[] = [];
  let done: { err: unknown } | undefined;
  return {
    events,
    get done() {
      return done;
    },
    onEvent: (type: string, obj: { metadata?: { name?: string; resourceVersion?: string } }) => {
      events.push({ type, name: obj?.metadata?.name ?? '', rv: obj?.metadata?.resourceVersion ?? '', object: obj as Record<string, unknown> });
    },
    onDone: (err: unknown) => {
      done = { err };
    },
  };
}

describe('watch', () => {
  it('streams ADDED, MODIFIED and DELETED for matching objects', async () => {
    const c = collector();
    const ctl = await new Watch(h.kc).watch('/api/v1/namespaces/w/configmaps', { labelSelector: 'watch=me' }, c.onEvent, c.onDone);
    await h.core.createNamespacedConfigMap({ namespace: 'w', body: { metadata: { name: 'a', labels: { watch: 'me' } } } });
    await h.core.createNamespacedConfigMap({ namespace: 'w', body: { metadata: { name: 'ignored' } } });
    await h.core.patchNamespacedConfigMap({ namespace: 'w', name: 'a', body: { data: { x: '1' } } }, mergePatch);
    // Leaving the selection is seen as DELETED.
    await h.core.patchNamespacedConfigMap({ namespace: 'w', name: 'a', body: { metadata: { labels: { watch: 'no' } } } }, mergePatch);
    await h.core.createNamespacedConfigMap({ namespace: 'w', body: { metadata: { name: 'b', labels: { watch: 'me' } } } });
    await h.core.deleteNamespacedConfigMap({ namespace: 'w', name: 'b' });
    await waitFor(() => c.events.length >= 5, 3000, 'watch events');
    expect(c.events.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a', 'ADDED b', 'DELETED b']);
    const rvs = c.events.map((e) => Number(e.rv));
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
    expect(c.events[0]?.object.kind).toBe('ConfigMap');
    ctl.abort();
  });

  it('resumes from a resourceVersion with the events after it', async () => {
    const first = await h.core.createNamespacedConfigMap({ namespace: 'w', body: { metadata: { name: 'r1', labels: { set: 'resume' } } } });
    await h.core.createNamespacedConfigMap({ namespace: 'w', body: { metadata: { name: 'r2', labels: { set: 'resume' } } } });
    await h.core.deleteNamespacedConfigMap({ namespace: 'w', name: 'r1' });
    const c = collector();
    const ctl = await new Watch(h.kc).watch('/api/v1/namespaces/w/configmaps', { labelSelector: 'set=resume', resourceVersion: first.metadata?.resourceVersion }, c.onEvent, c.onDone);
    await waitFor(() => c.events.length >= 2, 3000, 'replayed events');
    expect(c.events.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED r2', 'DELETED r1']);
    ctl.abort();
  });

  it('without a resourceVersion starts with the current objects, and bookmarks when asked', async () => {
    const c = collector();
    const ctl = await new Watch(h.kc).watch('/api/v1/namespaces/w/configmaps', { labelSelector: 'set=resume', allowWatchBookmarks: true, sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan' }, c.onEvent, c.onDone);
    await waitFor(() => c.events.some((e) => e.type === 'BOOKMARK'), 3000, 'initial events');
    expect(c.events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    ctl.abort();
  });

  it('sends a 410 Expired ERROR event after compact() for an older resourceVersion', async () => {
    const cm = await h.core.createNamespacedConfigMap({ namespace: 'w', body: { metadata: { name: 'old' } } });
    await h.core.patchNamespacedConfigMap({ namespace: 'w', name: 'old', body: { data: { v: '2' } } }, mergePatch);
    h.sim.compact();
    const c = collector();
    await new Watch(h.kc).watch('/api/v1/namespaces/w/configmaps', { resourceVersion: cm.metadata?.resourceVersion }, c.onEvent, c.onDone);
    await waitFor(() => c.done, 3000, 'watch end');
    expect(c.events).toHaveLength(1);
    expect(c.events[0]?.type).toBe('ERROR');
    expect(c.events[0]?.object).toMatchObject({ kind: 'Status', status: 'Failure', code: 410, reason: 'Expired' });
    // From the current version on, watching works again.
    const list = await h.core.listNamespacedConfigMap({ namespace: 'w' });
    const c2 = collector();
    const ctl = await new Watch(h.kc).watch('/api/v1/namespaces/w/configmaps', { resourceVersion: list.metadata?.resourceVersion }, c2.onEvent, c2.onDone);
    await h.core.createNamespacedConfigMap({ namespace: 'w', body: { metadata: { name: 'after-compact' } } });
    await waitFor(() => c2.events.length === 1, 3000, 'event after compaction');
    expect(c2.events[0]?.name).toBe('after-compact');
    ctl.abort();
  });

  it('breakWatches() ends open watches and timeoutSeconds ends one on time', async () => {
    const c = collector();
    await new Watch(h.kc).watch('/api/v1/namespaces', {}, c.onEvent, c.onDone);
    await waitFor(() => c.events.length > 0, 3000, 'initial namespaces');
    h.sim.breakWatches();
    await waitFor(() => c.done, 3000, 'watch to end');
    const t = collector();
    const started = Date.now();
    await new Watch(h.kc).watch('/apis/apps/v1/deployments', { timeoutSeconds: 1 }, t.onEvent, t.onDone);
    await waitFor(() => t.done, 4000, 'timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(t.done?.err).toBeNull();
  });

  it('watches a single object through the /watch/ path form', async () => {
    await h.core.createNamespacedConfigMap({ namespace: 'w', body: { metadata: { name: 'single' } } });
    const c = collector();
    const ctl = await new Watch(h.kc).watch('/api/v1/watch/namespaces/w/configmaps/single', {}, c.onEvent, c.onDone);
    await h.core.patchNamespacedConfigMap({ namespace: 'w', name: 'single', body: { data: { a: 'b' } } }, mergePatch);
    await waitFor(() => c.events.length >= 2, 3000, 'single-object events');
    expect(c.events.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED single', 'MODIFIED single']);
    ctl.abort();
  });

  it('keeps a client-node informer in sync across dropped connections and compaction', async () => {
    await h.core.createNamespace({ body: { metadata: { name: 'inf' } } });
    const informer = makeInformer(h.kc, '/api/v1/namespaces/inf/configmaps', () => h.core.listNamespacedConfigMap({ namespace: 'inf' }));
    const errors: unknown[] = [];
    // As an adapter would: restart after an error.
    informer.on('error', (err) => {
      errors.push(err);
      setTimeout(() => void informer.start(), 20);
    });
    const names = () => informer.list().map((c: V1ConfigMap) => c.metadata?.name).sort();
    await informer.start();
    await h.core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'one' } } });
    await waitFor(() => names().join() === 'one', 3000, 'informer sees one');
    h.sim.breakWatches();
    await waitFor(() => errors.length === 1, 3000, 'informer error');
    await h.core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'two' } } });
    await waitFor(() => names().join() === 'one,two', 3000, 'informer resumed');
    // History forgotten while disconnected: resuming answers 410, the informer relists.
    h.sim.breakWatches();
    h.sim.compact();
    await h.core.deleteNamespacedConfigMap({ namespace: 'inf', name: 'one' });
    await h.core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'three' } } });
    await waitFor(() => names().join() === 'three,two', 3000, 'informer relisted');
    await informer.stop();
  });
});
