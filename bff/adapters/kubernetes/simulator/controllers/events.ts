// Recording core/v1 Events about objects, aggregated like the real recorder (same object, reason and message: count goes up).
import { ApiError } from '../errors';
import { hexId } from '../names';
import type { Ops } from '../ops';
import { resource } from '../resources';
import type { Store } from '../store';
import type { KubeObject } from '../types';

export type EventType = 'Normal' | 'Warning';

const MAX_EVENTS_PER_NAMESPACE = 500;

export class EventRecorder {
  /** aggregation key → event name */
  private readonly index = new Map<string, string>();
  private writes = 0;

  constructor(
    private readonly store: Store,
    private readonly ops: Ops,
  ) {}

  record(involved: KubeObject, type: EventType, reason: string, message: string, component: string, fieldPath?: string): void {
    const r = resource('events');
    const ns = involved.metadata.namespace ?? 'default';
    const key = `${ns}|${involved.metadata.uid ?? ''}|${reason}|${message}|${fieldPath ?? ''}`;
    const ts = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const existingName = this.index.get(key);
    try {
      if (existingName && this.store.get(r, ns, existingName)) {
        this.ops.mutate(r, ns, existingName, (e) => {
          e.count = (typeof e.count === 'number' ? e.count : 1) + 1;
          e.lastTimestamp = ts;
        });
        return;
      }
      const name = `${involved.metadata.name ?? 'unknown'}.${hexId(8)}`;
      this.ops.create(r, ns, {
        metadata: { name, namespace: ns },
        involvedObject: {
          kind: involved.kind,
          namespace: involved.metadata.namespace,
          name: involved.metadata.name,
          uid: involved.metadata.uid,
          apiVersion: involved.apiVersion,
          resourceVersion: involved.metadata.resourceVersion,
          ...(fieldPath ? { fieldPath } : {}),
        },
        reason,
        message,
        source: { component, ...(component === 'kubelet' ? { host: String((involved.spec as { nodeName?: string } | undefined)?.nodeName ?? '') } : {}) },
        firstTimestamp: ts,
        lastTimestamp: ts,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: component,
        reportingInstance: '',
      });
      // Forgetting the index only costs aggregation (a repeat becomes a new event), so bound it simply.
      if (this.index.size > 5000) this.index.clear();
      this.index.set(key, name);
      if (++this.writes % 50 === 0) this.trim(ns);
    } catch (e) {
      // Events into a namespace that is gone or terminating are dropped, as the real recorder does.
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** Keeps the newest events of a namespace. */
  private trim(ns: string): void {
    const r = resource('events');
    const events = this.store.list(r, ns);
    if (events.length <= MAX_EVENTS_PER_NAMESPACE) return;
    const sorted = [...events].sort((a, b) => String(a.lastTimestamp ?? '').localeCompare(String(b.lastTimestamp ?? '')));
    for (const e of sorted.slice(0, events.length - MAX_EVENTS_PER_NAMESPACE)) this.ops.removeNow(r, ns, e.metadata.name ?? '');
  }
}
