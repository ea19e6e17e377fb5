// The simulator's etcd: objects by kind, one global resourceVersion counter, and the event history watches resume from.
import { keyOf, type ResourceType } from './resources';
import type { KubeObject } from './types';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  resource: ResourceType;
  /** The object after the change (for DELETED: its last state, carrying the deletion's resourceVersion). */
  object: KubeObject;
  /** The object before the change, for MODIFIED and DELETED. */
  previous?: KubeObject;
  rv: number;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const keyFor = (ns: string | undefined, name: string): string => `${ns ?? ''}/${name}`;

/**
 * Objects are stored frozen and handed out as they are (no copies): read freely, and clone before changing.
 * Only ops.ts and persistence.ts write here; everything else goes through ops so that rules apply.
 */
export class Store {
  private rv = 0;
  private readonly data = new Map<string, Map<string, KubeObject>>();
  private history: StoreEvent[] = [];
  /** Events at or below this version are forgotten: resuming a watch from before it answers 410. */
  private compactedRv = 0;
  private readonly listeners = new Set<(e: StoreEvent) => void>();

  constructor(private readonly historyLimit: number) {}

  get resourceVersion(): string {
    return String(this.rv);
  }

  get currentRv(): number {
    return this.rv;
  }

  private table(r: ResourceType): Map<string, KubeObject> {
    const key = keyOf(r);
    let t = this.data.get(key);
    if (!t) {
      t = new Map();
      this.data.set(key, t);
    }
    return t;
  }

  get(r: ResourceType, ns: string | undefined, name: string): KubeObject | undefined {
    return this.table(r).get(keyFor(r.namespaced ? ns : undefined, name));
  }

  /** Objects of a kind, in one namespace or all, sorted by namespace and name. */
  list(r: ResourceType, ns?: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const obj of this.table(r).values()) {
      if (ns === undefined || obj.metadata.namespace === ns) out.push(obj);
    }
    return out.sort((a, b) => keyFor(a.metadata.namespace, a.metadata.name ?? '').localeCompare(keyFor(b.metadata.namespace, b.metadata.name ?? '')));
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    while (this.history.length > this.historyLimit) {
      const dropped = this.history.shift();
      if (dropped) this.compactedRv = dropped.rv;
    }
    for (const fn of this.listeners) fn(e);
  }

  private stamp(obj: KubeObject): KubeObject {
    this.rv += 1;
    return deepFreeze({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.rv) } });
  }

  insert(r: ResourceType, obj: KubeObject): KubeObject {
    const key = keyFor(r.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name ?? '');
    const t = this.table(r);
    if (t.has(key)) throw new Error(`store: ${key} exists`);
    const stored = this.stamp(obj);
    t.set(key, stored);
    this.emit({ type: 'ADDED', resource: r, object: stored, rv: this.rv });
    return stored;
  }

  replace(r: ResourceType, obj: KubeObject): KubeObject {
    const key = keyFor(r.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name ?? '');
    const t = this.table(r);
    const previous = t.get(key);
    if (!previous) throw new Error(`store: ${key} missing`);
    const stored = this.stamp(obj);
    t.set(key, stored);
    this.emit({ type: 'MODIFIED', resource: r, object: stored, previous, rv: this.rv });
    return stored;
  }

  remove(r: ResourceType, ns: string | undefined, name: string): KubeObject | undefined {
    const key = keyFor(r.namespaced ? ns : undefined, name);
    const t = this.table(r);
    const previous = t.get(key);
    if (!previous) return undefined;
    t.delete(key);
    const last = this.stamp(previous);
    this.emit({ type: 'DELETED', resource: r, object: last, previous, rv: this.rv });
    return last;
  }

  /** Events after `rv` in order, or 'expired' when some of them have been forgotten. */
  eventsSince(rv: number): StoreEvent[] | 'expired' {
    if (rv < this.compactedRv) return 'expired';
    return this.history.filter((e) => e.rv > rv);
  }

  /** Forgets the event history (test hook and after loading state). */
  compact(): void {
    this.history = [];
    this.compactedRv = this.rv;
  }

  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Every stored object with its kind key, for persistence. */
  dump(): Array<{ key: string; object: KubeObject }> {
    const out: Array<{ key: string; object: KubeObject }> = [];
    for (const [key, t] of this.data) for (const object of t.values()) out.push({ key, object });
    return out;
  }

  /** Puts objects back as they were saved, without events, and forgets history older than them. */
  restore(resourceVersion: number, objects: Array<{ resource: ResourceType; object: KubeObject }>): void {
    for (const { resource, object } of objects) {
      this.table(resource).set(keyFor(resource.namespaced ? object.metadata.namespace : undefined, object.metadata.name ?? ''), deepFreeze(object));
    }
    this.rv = Math.max(this.rv, resourceVersion);
    this.compact();
  }
}
