// Watch streams: newline-delimited JSON events for a collection, resumable from a resourceVersion, 410 when history is gone.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, expired } from './errors';
import { buildFilter, type ObjectFilter } from './list';
import type { ResourceType } from './resources';
import type { Store, StoreEvent } from './store';
import type { Timers } from './timers';
import type { KubeObject } from './types';

const BOOKMARK_MS = 15_000;

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

/** What one watcher sees of a store event: objects entering or leaving its selection become ADDED or DELETED. */
function translate(r: ResourceType, filter: ObjectFilter, e: StoreEvent): WatchEvent | undefined {
  if (e.resource !== r) return undefined;
  if (e.type === 'ADDED') return filter(e.object) ? { type: 'ADDED', object: e.object } : undefined;
  if (e.type === 'DELETED') return filter(e.previous ?? e.object) ? { type: 'DELETED', object: e.object } : undefined;
  const now = filter(e.object);
  const before = e.previous ? filter(e.previous) : false;
  if (now && before) return { type: 'MODIFIED', object: e.object };
  if (now) return { type: 'ADDED', object: e.object };
  if (before) return { type: 'DELETED', object: e.object };
  return undefined;
}

function bookmark(r: ResourceType, rv: string, initialEnd = false): WatchEvent {
  const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
  return {
    type: 'BOOKMARK',
    object: { kind: r.kind, apiVersion, metadata: { resourceVersion: rv, ...(initialEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}) } },
  };
}

export class WatchHub {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly store: Store,
    private readonly timers: Timers,
  ) {}

  get count(): number {
    return this.open.size;
  }

  /** Validates the query (errors are thrown before any byte is sent), then streams until the client leaves. */
  serve(_req: IncomingMessage, res: ServerResponse, r: ResourceType, namespace: string | undefined, query: URLSearchParams): void {
    const filter = buildFilter(r, namespace, query);
    const rvParam = query.get('resourceVersion') ?? '';
    const bookmarks = query.get('allowWatchBookmarks') === 'true';
    const sendInitial = query.get('sendInitialEvents') === 'true';
    const timeout = Number(query.get('timeoutSeconds') ?? '0');
    let start: number | undefined;
    if (rvParam !== '' && rvParam !== '0') {
      start = Number(rvParam);
      if (!Number.isInteger(start) || start < 0) throw badRequest(`resourceVersion: Invalid value: "${rvParam}": must be a non-negative integer`);
    }

    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const write = (e: WatchEvent): void => {
      if (!res.writableEnded && !res.destroyed) res.write(`${JSON.stringify(e)}\n`);
    };

    if (start !== undefined && !sendInitial) {
      const past = this.store.eventsSince(start);
      if (past === 'expired') {
        write({ type: 'ERROR', object: expired(`too old resource version: ${start} (${this.store.resourceVersion})`).toStatus() });
        res.end();
        return;
      }
      for (const e of past) {
        const out = translate(r, filter, e);
        if (out) write(out);
      }
    } else {
      const items: KubeObject[] = this.store.list(r, r.namespaced ? namespace : undefined).filter(filter);
      for (const object of items) write({ type: 'ADDED', object });
      if (sendInitial && bookmarks) write(bookmark(r, this.store.resourceVersion, true));
    }

    this.open.add(res);
    const unsubscribe = this.store.subscribe((e) => {
      const out = translate(r, filter, e);
      if (out) write(out);
    });
    const cancels: Array<() => void> = [unsubscribe];
    if (bookmarks) cancels.push(this.timers.every(BOOKMARK_MS, () => write(bookmark(r, this.store.resourceVersion))));
    if (Number.isFinite(timeout) && timeout > 0) cancels.push(this.timers.after(timeout * 1000, () => res.end()));
    const cleanup = (): void => {
      for (const c of cancels) c();
      this.open.delete(res);
    };
    // 'close' on the response fires when the client goes away as well as when the stream ends.
    res.on('close', cleanup);
  }

  /** Test hook: drops every open watch connection, as a network failure or API server restart would. */
  breakAll(): void {
    for (const res of [...this.open]) {
      this.open.delete(res);
      res.destroy();
    }
  }

  /** Ends every stream politely (on close). */
  endAll(): void {
    for (const res of [...this.open]) {
      this.open.delete(res);
      res.end();
    }
  }
}
