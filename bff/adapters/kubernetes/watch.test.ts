// The resumable watch without a network: diffing a re-list, de-duplicating events, and the resume/re-list state machine.
import { describe, expect, it } from 'vitest';
import { KubeError, KubeNetworkError } from './errors';
import { flushIo, manualClock } from './manual-clock';
import type { KubeObject, WatchEvent } from './port';
import { type RawWatchEvent, type WatchClock, type WatchSource, applyWatchEvent, backoffDelay, diffRelist, objectKey, startResumableWatch } from './watch';

function obj(name: string, rv: string, uid = `uid-${name}`, namespace = 'ns'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, resourceVersion: rv, uid } };
}

function summary(events: WatchEvent<KubeObject>[]): string[] {
  return events.map((e) => `${e.type} ${e.object.metadata.name}@${e.object.metadata.resourceVersion}`);
}

describe('diffRelist', () => {
  it('emits ADDED, MODIFIED and DELETED so that the consumer converges on the new list', () => {
    const known = new Map([obj('a', '1'), obj('b', '2'), obj('c', '3')].map((o) => [objectKey(o), o]));
    const events = diffRelist(known, [obj('a', '1'), obj('b', '7'), obj('d', '8')]);
    expect(summary(events)).toEqual(['MODIFIED b@7', 'ADDED d@8', 'DELETED c@3']);
  });

  it('turns an object recreated under the same name into DELETED then ADDED', () => {
    const known = new Map([[objectKey(obj('a', '1')), obj('a', '1')]]);
    expect(summary(diffRelist(known, [obj('a', '5', 'other-uid')]))).toEqual(['DELETED a@1', 'ADDED a@5']);
  });

  it('tells objects of the same name in different namespaces apart', () => {
    const known = new Map([[objectKey(obj('a', '1', 'u1', 'x')), obj('a', '1', 'u1', 'x')]]);
    expect(summary(diffRelist(known, [obj('a', '1', 'u1', 'x'), obj('a', '2', 'u2', 'y')]))).toEqual(['ADDED a@2']);
  });

  it('emits nothing when nothing changed', () => {
    const items = [obj('a', '1'), obj('b', '2')];
    expect(diffRelist(new Map(items.map((o) => [objectKey(o), o])), items)).toEqual([]);
  });
});

describe('applyWatchEvent', () => {
  it('drops replayed events and deletions of objects already gone', () => {
    const known = new Map<string, KubeObject>();
    expect(applyWatchEvent(known, { type: 'ADDED', object: obj('a', '1') })).toBe(true);
    expect(applyWatchEvent(known, { type: 'ADDED', object: obj('a', '1') })).toBe(false);
    expect(applyWatchEvent(known, { type: 'MODIFIED', object: obj('a', '2') })).toBe(true);
    expect(applyWatchEvent(known, { type: 'DELETED', object: obj('a', '3') })).toBe(true);
    expect(applyWatchEvent(known, { type: 'DELETED', object: obj('a', '3') })).toBe(false);
    expect(known.size).toBe(0);
  });
});

describe('backoffDelay', () => {
  it('starts near 250 ms, doubles, caps at 10 s and jitters down to half', () => {
    expect([0, 1, 2, 3, 10, 50].map((n) => backoffDelay(n, () => 1))).toEqual([250, 500, 1000, 2000, 10_000, 10_000]);
    expect(backoffDelay(0, () => 0)).toBe(125);
    expect(backoffDelay(50, () => 0)).toBe(5000);
  });
});

const flush = flushIo;

interface FakeStream {
  from: string;
  emit(e: RawWatchEvent): void;
  end(err?: Error): void;
  stopped: boolean;
}

/** A cluster the test scripts: what each list returns, and whether each open succeeds. */
function fakeSource() {
  const lists: Array<{ items: KubeObject[]; resourceVersion: string } | Error> = [];
  const openFailures: Error[] = [];
  const streams: FakeStream[] = [];
  let listCalls = 0;
  const source: WatchSource<KubeObject> = {
    async list() {
      listCalls++;
      const next = lists.shift();
      if (!next) throw new Error('no list scripted');
      if (next instanceof Error) throw next;
      return next;
    },
    async open(from, onEvent, onEnd) {
      const failure = openFailures.shift();
      if (failure) throw failure;
      const stream: FakeStream = { from, emit: onEvent, end: onEnd, stopped: false };
      streams.push(stream);
      return { stop: () => void (stream.stopped = true) };
    },
  };
  return { source, lists, openFailures, streams, listCalls: () => listCalls, last: () => streams[streams.length - 1]! };
}

function start(fake: ReturnType<typeof fakeSource>, clock: WatchClock) {
  const events: WatchEvent<KubeObject>[] = [];
  const errors: Error[] = [];
  const handle = startResumableWatch(fake.source, (e) => events.push(e), (err) => errors.push(err), clock);
  return { handle, events, errors };
}

describe('startResumableWatch', () => {
  it('lists, emits ADDED for each object, then watches from the list resourceVersion', async () => {
    const t = manualClock();
    const fake = fakeSource();
    fake.lists.push({ items: [obj('a', '1'), obj('b', '2')], resourceVersion: '10' });
    const w = start(fake, t.clock);
    await w.handle.synced;
    await flush();
    expect(summary(w.events)).toEqual(['ADDED a@1', 'ADDED b@2']);
    expect(fake.last().from).toBe('10');
    expect(w.handle.resourceVersion).toBe('10');
    w.handle.stop();
  });

  it('follows events and bookmarks, drops duplicates, and resumes from the last resourceVersion after the stream ends', async () => {
    const t = manualClock();
    const fake = fakeSource();
    fake.lists.push({ items: [obj('a', '1')], resourceVersion: '10' });
    const w = start(fake, t.clock);
    await flush();
    fake.last().emit({ type: 'MODIFIED', object: obj('a', '11') });
    fake.last().emit({ type: 'MODIFIED', object: obj('a', '11') });
    fake.last().emit({ type: 'ADDED', object: obj('b', '12') });
    fake.last().emit({ type: 'BOOKMARK', object: { kind: 'ConfigMap', metadata: { resourceVersion: '15' } } });
    expect(w.handle.resourceVersion).toBe('15');
    fake.last().end();
    expect(t.pending()).toEqual([250]);
    await t.advance(250);
    expect(fake.streams).toHaveLength(2);
    expect(fake.last().from).toBe('15');
    fake.last().emit({ type: 'DELETED', object: obj('b', '16') });
    fake.last().emit({ type: 'DELETED', object: obj('b', '16') });
    expect(summary(w.events)).toEqual(['ADDED a@1', 'MODIFIED a@11', 'ADDED b@12', 'DELETED b@16']);
    expect(w.errors).toEqual([]);
    w.handle.stop();
  });

  it('retries a broken connection silently, backs off while reconnects fail, and resets after a healthy stream', async () => {
    const t = manualClock();
    const fake = fakeSource();
    fake.lists.push({ items: [], resourceVersion: '1' });
    const w = start(fake, t.clock);
    await flush();
    fake.last().end(new Error('socket hang up'));
    fake.openFailures.push(new KubeNetworkError('ECONNREFUSED'), new KubeError(503, 'ServiceUnavailable', 'apiserver is shutting down'));
    expect(t.pending()).toEqual([250]);
    await t.advance(250);
    expect(t.pending()).toEqual([500]);
    await t.advance(500);
    expect(t.pending()).toEqual([1000]);
    expect(w.errors.map((e) => e.message)).toEqual(['apiserver is shutting down']);
    await t.advance(1000);
    expect(fake.streams).toHaveLength(2);
    await t.advance(6000);
    fake.last().end();
    expect(t.pending()).toEqual([250]);
    expect(fake.listCalls()).toBe(1);
    w.handle.stop();
  });

  it('re-lists after 410 on open and emits what changed while it was away, including deletions', async () => {
    const t = manualClock();
    const fake = fakeSource();
    fake.lists.push({ items: [obj('a', '1'), obj('b', '2')], resourceVersion: '10' });
    const w = start(fake, t.clock);
    await flush();
    fake.last().end();
    fake.openFailures.push(new KubeError(410, 'Expired', 'too old resource version'));
    fake.lists.push({ items: [obj('a', '5'), obj('c', '6')], resourceVersion: '20' });
    await t.advance(250);
    expect(summary(w.events)).toEqual(['ADDED a@1', 'ADDED b@2', 'MODIFIED a@5', 'ADDED c@6', 'DELETED b@2']);
    expect(fake.last().from).toBe('20');
    expect(w.errors).toEqual([]);
    w.handle.stop();
  });

  it('re-lists at once after a 410, but backs off when the server keeps answering 410', async () => {
    const t = manualClock();
    const fake = fakeSource();
    const gone = () => new KubeError(410, 'Expired', 'too old');
    fake.lists.push({ items: [], resourceVersion: '1' }, { items: [], resourceVersion: '2' }, { items: [], resourceVersion: '3' });
    fake.openFailures.push(gone(), gone());
    const w = start(fake, t.clock);
    await flush();
    expect(fake.listCalls()).toBe(2);
    expect(t.pending()).toEqual([250]);
    await t.advance(250);
    expect(fake.listCalls()).toBe(3);
    expect(fake.last().from).toBe('3');
    w.handle.stop();
  });

  it('re-lists after an ERROR event carrying a 410 Status', async () => {
    const t = manualClock();
    const fake = fakeSource();
    fake.lists.push({ items: [obj('a', '1')], resourceVersion: '10' });
    const w = start(fake, t.clock);
    await flush();
    const first = fake.last();
    fake.lists.push({ items: [], resourceVersion: '30' });
    first.emit({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired', message: 'too old' } });
    expect(first.stopped).toBe(true);
    await flush();
    expect(summary(w.events)).toEqual(['ADDED a@1', 'DELETED a@1']);
    expect(fake.last().from).toBe('30');
    first.emit({ type: 'ADDED', object: obj('late', '99') });
    expect(w.events).toHaveLength(2);
    w.handle.stop();
  });

  it('passes other ERROR events and list failures to onError and retries with backoff', async () => {
    const t = manualClock();
    const fake = fakeSource();
    fake.lists.push(new KubeError(403, 'Forbidden', 'pods is forbidden'), { items: [], resourceVersion: '3' });
    const w = start(fake, t.clock);
    await flush();
    expect(w.errors.map((e) => (e as KubeError).reason)).toEqual(['Forbidden']);
    await t.advance(250);
    expect(fake.streams).toHaveLength(1);
    fake.last().emit({ type: 'ERROR', object: { kind: 'Status', code: 500, reason: 'InternalError', message: 'etcd timeout' } });
    expect(w.errors.map((e) => e.message)).toEqual(['pods is forbidden', 'etcd timeout']);
    expect(t.pending()).toEqual([500]);
    await t.advance(500);
    expect(fake.streams).toHaveLength(2);
    expect(fake.last().from).toBe('3');
    w.handle.stop();
  });

  it('keeps going when the consumer throws', async () => {
    const t = manualClock();
    const fake = fakeSource();
    fake.lists.push({ items: [obj('a', '1')], resourceVersion: '1' });
    const errors: Error[] = [];
    let seen = 0;
    const handle = startResumableWatch(
      fake.source,
      () => {
        seen++;
        throw new Error('consumer bug');
      },
      (err) => errors.push(err),
      t.clock,
    );
    await flush();
    fake.last().emit({ type: 'MODIFIED', object: obj('a', '2') });
    expect(seen).toBe(2);
    expect(errors).toHaveLength(2);
    handle.stop();
  });

  it('stop() leaves no timer or stream behind and ignores anything that arrives late', async () => {
    const t = manualClock();
    const fake = fakeSource();
    fake.lists.push({ items: [], resourceVersion: '1' });
    const w = start(fake, t.clock);
    await flush();
    const stream = fake.last();
    stream.end();
    expect(t.pending()).toHaveLength(1);
    w.handle.stop();
    expect(t.pending()).toHaveLength(0);
    await t.advance(60_000);
    expect(fake.streams).toHaveLength(1);

    const fake2 = fakeSource();
    fake2.lists.push({ items: [], resourceVersion: '1' });
    const w2 = start(fake2, t.clock);
    await flush();
    w2.handle.stop();
    expect(fake2.last().stopped).toBe(true);
    fake2.last().emit({ type: 'ADDED', object: obj('x', '2') });
    fake2.last().end(new Error('late'));
    expect(w2.events).toEqual([]);
    expect(w2.errors).toEqual([]);
    expect(t.pending()).toHaveLength(0);
  });

  it('stop() during the first list resolves synced and never opens a stream', async () => {
    const t = manualClock();
    const fake = fakeSource();
    fake.lists.push({ items: [obj('a', '1')], resourceVersion: '1' });
    const w = start(fake, t.clock);
    w.handle.stop();
    await w.handle.synced;
    await flush();
    expect(w.events).toEqual([]);
    expect(fake.streams).toHaveLength(0);
  });
});
