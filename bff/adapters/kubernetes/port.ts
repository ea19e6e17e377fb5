// The Kubernetes port: what services depend on. Only the adapter (client.ts) knows @kubernetes/client-node.

/** Who a request acts as: `asUser` sends these as Impersonate-User / Impersonate-Group headers. */
export interface KubeIdentity {
  user: string;
  groups: string[];
}

/**
 * A resource kind: enough to build its REST path. `T` is the object type its calls return; it is a
 * phantom (never set at run time), so `api.list(Kinds.pod)` yields `Pod[]` without a type argument.
 */
export interface KindRef<T extends KubeObject = KubeObject> {
  /** `v1` for the core group, `group/version` otherwise (`apps/v1`, `helm.cattle.io/v1`). */
  apiVersion: string;
  kind: string;
  /** The resource name in URLs: `pods`, `helmcharts`. */
  plural: string;
  namespaced: boolean;
  /** Type carrier only; method syntax keeps `KindRef<Pod>` and `KindRef` assignable to each other. */
  __object?(object: T): void;
}

export interface KubeObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  uid?: string;
  creationTimestamp?: string;
  generateName?: string;
  generation?: number;
  ownerReferences?: unknown[];
  finalizers?: string[];
  deletionTimestamp?: string;
}

/** Any Kubernetes object as it travels as JSON (timestamps are RFC 3339 strings). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: KubeObjectMeta;
  [k: string]: unknown;
}

export interface ListOptions {
  /** For a namespaced kind: that namespace only; left out, all namespaces. Ignored for cluster-scoped kinds. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export type WatchEvent<T> = { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T };

export interface WatchHandle {
  /** Ends the watch for good: no more events, no timers or connections left. */
  stop(): void;
  /** The last resourceVersion seen (from the list, events or bookmarks): where a reconnect resumes. */
  readonly resourceVersion: string | undefined;
  /** Resolves once the first list has been delivered as ADDED events (or when stopped first). Never rejects. */
  readonly synced: Promise<void>;
}

export interface LogOptions {
  container?: string;
  tailLines?: number;
  /** The previous (crashed) instance of the container. */
  previous?: boolean;
  sinceSeconds?: number;
}

/** How a followed log stream ended. `failed` carries the transport error (the stream broke). */
export interface FollowEnd {
  reason: 'ended' | 'stopped' | 'failed';
  error?: Error;
}

export interface LogFollower {
  stop(): void;
  /** Resolves when the stream ends (the container exited, stop() was called, or the connection broke). Never rejects. */
  done: Promise<FollowEnd>;
}

export type DeletePropagation = 'Foreground' | 'Background' | 'Orphan';

/**
 * One identity's view of the cluster. Failures are `KubeError`s (errors.ts) with the HTTP code and the
 * Status reason (NotFound, AlreadyExists, Conflict, Forbidden, Invalid, Expired…).
 */
export interface KubeApi {
  list<T extends KubeObject>(kind: KindRef<T>, opts?: ListOptions): Promise<{ items: T[]; resourceVersion: string }>;
  /** null when the object does not exist (404). */
  get<T extends KubeObject>(kind: KindRef<T>, name: string, namespace?: string): Promise<T | null>;
  /** The namespace comes from `obj.metadata.namespace`; apiVersion and kind are filled in from `kind` when missing. */
  create<T extends KubeObject>(kind: KindRef<T>, obj: T): Promise<T>;
  /** PUT: send the resourceVersion you read to get a 409 Conflict instead of overwriting someone's change. */
  replace<T extends KubeObject>(kind: KindRef<T>, obj: T): Promise<T>;
  /** `merge` (RFC 7386, the default) or `json` (RFC 6902, an array of operations). */
  patch<T extends KubeObject>(kind: KindRef<T>, name: string, namespace: string | undefined, patch: unknown, type?: 'merge' | 'json'): Promise<T>;
  /** false when it was already gone (404). */
  delete(kind: KindRef, name: string, namespace?: string, opts?: { propagationPolicy?: DeletePropagation }): Promise<boolean>;
  /**
   * Lists, emits ADDED for each object, then follows changes; reconnects by itself (see watch.ts) and
   * re-lists after 410 Gone, emitting what changed meanwhile. Lost connections are retried silently;
   * other errors (403, 500, ERROR events) go to onError and are retried with backoff.
   */
  watch<T extends KubeObject>(kind: KindRef<T>, opts: ListOptions, onEvent: (e: WatchEvent<T>) => void, onError?: (err: Error) => void): WatchHandle;
  logs(namespace: string, pod: string, opts?: LogOptions): Promise<string>;
  /** Resolves once the stream is open (rejects with a KubeError if the server refuses it); chunks are UTF-8 text. */
  followLogs(namespace: string, pod: string, opts: LogOptions, onChunk: (text: string) => void): Promise<LogFollower>;
}

export interface KubernetesAdapter {
  /** true when the cluster answers /version with platform "olares-simulator". */
  readonly simulated: boolean;
  /** The API server URL, without credentials. */
  readonly server: string;
  /** The BFF's own identity: for platform work after the BFF has authorised the user. */
  system(): KubeApi;
  /** Every request, watch and log stream carries Impersonate-User and one Impersonate-Group per group. */
  asUser(identity: KubeIdentity): KubeApi;
  version(): Promise<{ gitVersion: string; platform: string }>;
  /** Stops all watches and log streams and drops idle connections. */
  close(): void;
}
