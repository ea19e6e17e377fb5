// KubeApi over HTTP: generic CRUD by KindRef, resumable watches and pod logs, as one identity.
import { KubeError } from './errors';
import { listQuery, resourcePath } from './paths';
import type { DeletePropagation, FollowEnd, KindRef, KubeApi, KubeIdentity, KubeObject, ListOptions, LogFollower, LogOptions, WatchEvent, WatchHandle } from './port';
import type { KubeRequest, KubeTransport } from './transport';
import { type RawWatchEvent, type WatchClock, type WatchSource, startResumableWatch } from './watch';

/** What every KubeApi of one adapter shares. */
export interface KubeApiShared {
  /** Tracks watches and log streams so that the adapter's close() can end them; returns the untrack function. */
  track(item: { stop(): void }): () => void;
  /** Used for watches started without an onError of their own. */
  onWatchError?: (err: Error) => void;
  /** Timers and randomness of watch reconnects (tests pass a manual clock). */
  clock?: WatchClock;
}

const PATCH_TYPES = { merge: 'application/merge-patch+json', json: 'application/json-patch+json' } as const;

/** Server-side watch timeout, randomised like client-go's so that many watches do not reconnect at once. */
function watchTimeoutSeconds(): string {
  return String(300 + Math.floor(Math.random() * 300));
}

function logQuery(opts: LogOptions | undefined, follow: boolean): Record<string, string | undefined> {
  return {
    container: opts?.container,
    tailLines: opts?.tailLines === undefined ? undefined : String(Math.max(0, Math.floor(opts.tailLines))),
    previous: opts?.previous ? 'true' : undefined,
    sinceSeconds: opts?.sinceSeconds === undefined ? undefined : String(Math.max(1, Math.floor(opts.sinceSeconds))),
    follow: follow ? 'true' : undefined,
  };
}

/** Lists omit each item's apiVersion and kind; put them back so that objects look the same from every call. */
function withType<T extends KubeObject>(kind: KindRef<T>, obj: T): T {
  if (obj.apiVersion && obj.kind) return obj;
  return { ...obj, apiVersion: obj.apiVersion ?? kind.apiVersion, kind: obj.kind ?? kind.kind };
}

function parseLine(line: string): RawWatchEvent | null {
  if (!line) return null;
  try {
    return JSON.parse(line) as RawWatchEvent;
  } catch {
    return null; // a line that is not JSON carries nothing we can use
  }
}

/** Splits a chunked NDJSON stream into parsed lines. */
function lineParser(onLine: (value: RawWatchEvent) => void): (text: string) => void {
  let buffer = '';
  return (text) => {
    buffer += text;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      const parsed = parseLine(line);
      if (parsed) onLine(parsed);
      nl = buffer.indexOf('\n');
    }
  };
}

export class HttpKubeApi implements KubeApi {
  constructor(
    private readonly transport: KubeTransport,
    private readonly identity: KubeIdentity | undefined,
    private readonly shared: KubeApiShared,
  ) {}

  async list<T extends KubeObject>(kind: KindRef<T>, opts?: ListOptions): Promise<{ items: T[]; resourceVersion: string }> {
    const body = await this.call<{ items?: T[]; metadata?: { resourceVersion?: string } }>({
      method: 'GET',
      path: resourcePath(kind, opts?.namespace),
      query: listQuery(opts),
    });
    return { items: (body.items ?? []).map((item) => withType(kind, item)), resourceVersion: body.metadata?.resourceVersion ?? '' };
  }

  async get<T extends KubeObject>(kind: KindRef<T>, name: string, namespace?: string): Promise<T | null> {
    try {
      return await this.call<T>({ method: 'GET', path: resourcePath(kind, this.namespaceFor(kind, namespace), name) });
    } catch (err) {
      if (err instanceof KubeError && err.code === 404) return null;
      throw err;
    }
  }

  async create<T extends KubeObject>(kind: KindRef<T>, obj: T): Promise<T> {
    return this.call<T>({ method: 'POST', path: resourcePath(kind, this.namespaceFor(kind, obj.metadata.namespace)), body: withType(kind, obj) });
  }

  async replace<T extends KubeObject>(kind: KindRef<T>, obj: T): Promise<T> {
    const name = obj.metadata.name;
    if (!name) throw new KubeError(400, 'BadRequest', `A ${kind.kind} to replace needs metadata.name`);
    return this.call<T>({ method: 'PUT', path: resourcePath(kind, this.namespaceFor(kind, obj.metadata.namespace), name), body: withType(kind, obj) });
  }

  async patch<T extends KubeObject>(kind: KindRef<T>, name: string, namespace: string | undefined, patch: unknown, type: 'merge' | 'json' = 'merge'): Promise<T> {
    return this.call<T>({
      method: 'PATCH',
      path: resourcePath(kind, this.namespaceFor(kind, namespace), name),
      body: patch,
      contentType: PATCH_TYPES[type],
    });
  }

  async delete(kind: KindRef, name: string, namespace?: string, opts?: { propagationPolicy?: DeletePropagation }): Promise<boolean> {
    try {
      await this.call({
        method: 'DELETE',
        path: resourcePath(kind, this.namespaceFor(kind, namespace), name),
        query: { propagationPolicy: opts?.propagationPolicy },
      });
      return true;
    } catch (err) {
      if (err instanceof KubeError && err.code === 404) return false;
      throw err;
    }
  }

  watch<T extends KubeObject>(kind: KindRef<T>, opts: ListOptions, onEvent: (e: WatchEvent<T>) => void, onError?: (err: Error) => void): WatchHandle {
    resourcePath(kind, opts.namespace); // a malformed namespace fails here, not in a retry loop
    const handle = startResumableWatch(this.watchSource(kind, opts), onEvent, onError ?? this.shared.onWatchError, this.shared.clock);
    const untrack = this.shared.track(handle);
    return {
      get resourceVersion() {
        return handle.resourceVersion;
      },
      synced: handle.synced,
      stop: () => {
        untrack();
        handle.stop();
      },
    };
  }

  /** The list and the watch stream that a resumable watch is built from. */
  private watchSource<T extends KubeObject>(kind: KindRef<T>, opts: ListOptions): WatchSource<T> {
    return {
      list: () => this.list(kind, opts),
      open: (resourceVersion, onRaw, onEnd) =>
        this.transport.stream(
          this.request({
            method: 'GET',
            path: resourcePath(kind, opts.namespace),
            query: {
              ...listQuery(opts),
              watch: 'true',
              allowWatchBookmarks: 'true',
              resourceVersion: resourceVersion || undefined,
              timeoutSeconds: watchTimeoutSeconds(),
            },
          }),
          {
            onData: lineParser((raw) => onRaw(isKubeObjectEvent(raw) ? { type: raw.type, object: withType(kind, raw.object as T) } : raw)),
            onEnd,
          },
        ),
    };
  }

  async logs(namespace: string, pod: string, opts?: LogOptions): Promise<string> {
    const { text } = await this.transport.send(
      this.request({ method: 'GET', path: `${resourcePath(POD_REF, namespace, pod)}/log`, query: logQuery(opts, false) }),
    );
    return text;
  }

  async followLogs(namespace: string, pod: string, opts: LogOptions, onChunk: (text: string) => void): Promise<LogFollower> {
    let settle!: (end: FollowEnd) => void;
    const done = new Promise<FollowEnd>((resolve) => (settle = resolve));
    let untrack = () => {};
    let ended = false;
    const stream = await this.transport.stream(
      this.request({ method: 'GET', path: `${resourcePath(POD_REF, namespace, pod)}/log`, query: logQuery(opts, true) }),
      {
        onData: onChunk,
        onEnd: (error) => {
          ended = true;
          untrack();
          settle(error ? { reason: 'failed', error } : { reason: 'ended' });
        },
      },
    );
    const follower = {
      stop: () => {
        untrack();
        stream.stop();
        settle({ reason: 'stopped' });
      },
      done,
    };
    if (!ended) untrack = this.shared.track(follower);
    return follower;
  }

  private call<T>(req: KubeRequest): Promise<T> {
    return this.transport.json<T>(this.request(req));
  }

  private request(req: KubeRequest): KubeRequest {
    return this.identity ? { ...req, identity: this.identity } : req;
  }

  private namespaceFor(kind: KindRef, namespace: string | undefined): string | undefined {
    if (!kind.namespaced) return undefined;
    if (!namespace) throw new KubeError(400, 'BadRequest', `A ${kind.kind} is namespaced: a namespace is required`);
    return namespace;
  }
}

const POD_REF: KindRef = { apiVersion: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };

function isKubeObjectEvent(raw: RawWatchEvent): boolean {
  return raw.type !== 'ERROR' && !!raw.object && typeof raw.object === 'object';
}
