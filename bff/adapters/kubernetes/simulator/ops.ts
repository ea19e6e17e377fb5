// The API server's write semantics in one place (create, update, patch, delete, finalizers, graceful deletion), shared by HTTP handlers and controllers.
import { randomUUID } from 'node:crypto';
import { applyDefaults } from './defaults';
import { alreadyExists, badRequest, conflict, forbidden, notFound, unprocessable, unsupportedMediaType } from './errors';
import { clone, deepEqual, isRecord, now } from './json';
import { randomSuffix } from './names';
import { PatchError, jsonPatch, mergePatch } from './patch';
import { admitPod } from './quota';
import { apiVersionOf, resource, type ResourceType } from './resources';
import type { Store } from './store';
import type { KubeObject, Pod } from './types';
import { validate } from './validation';

export interface WriteOptions {
  dryRun?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: string;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  /** The object as it is now: with deletionTimestamp when deletion is pending, else its last state. */
  object: KubeObject;
  /** True when the object is gone already. */
  removed: boolean;
}

/** Kinds whose metadata.generation counts spec changes. */
const GENERATION_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HelmChart']);

/** Fields that are not the object's desired state: changes to them do not bump generation. */
const NON_SPEC_FIELDS = new Set(['metadata', 'status', 'kind', 'apiVersion']);

function specPart(obj: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!NON_SPEC_FIELDS.has(k)) out[k] = v;
  return out;
}

function withoutRv(obj: KubeObject): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } };
}

export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

export class Ops {
  private nextIp = 10;

  constructor(private readonly store: Store) {}

  private allocateClusterIp(): string {
    const used = new Set(this.store.list(resource('services')).map((s) => s.spec?.clusterIP));
    for (;;) {
      const n = this.nextIp++;
      const ip = `10.43.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
      if (!used.has(ip)) return ip;
    }
  }

  private decode(r: ResourceType, body: unknown): KubeObject {
    if (!isRecord(body)) throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    const metadata = body.metadata === undefined ? {} : body.metadata;
    if (!isRecord(metadata)) throw badRequest('metadata must be an object');
    const obj = clone({ ...body, metadata }) as KubeObject;
    if (obj.kind !== undefined && obj.kind !== r.kind) throw badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${r.kind})`);
    if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersionOf(r)) {
      throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersionOf(r)})`);
    }
    obj.kind = r.kind;
    obj.apiVersion = apiVersionOf(r);
    return obj;
  }

  private checkNamespace(r: ResourceType, ns: string | undefined, obj: KubeObject): void {
    if (!r.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    if (obj.metadata.namespace !== undefined && obj.metadata.namespace !== '' && obj.metadata.namespace !== ns) {
      throw unprocessable('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = ns;
  }

  /** The namespace must exist and not be terminating for new content. */
  private admitNamespace(r: ResourceType, ns: string | undefined, name: string): void {
    if (!r.namespaced || ns === undefined) return;
    const nsObj = this.store.get(resource('namespaces'), undefined, ns);
    if (!nsObj) throw notFound(resource('namespaces'), ns);
    if (nsObj.metadata.deletionTimestamp) {
      throw forbidden(`${r.plural} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, { name, kind: r.plural });
    }
  }

  create(r: ResourceType, ns: string | undefined, body: unknown, opts: WriteOptions = {}): KubeObject {
    const obj = this.decode(r, body);
    this.checkNamespace(r, ns, obj);
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) {
      let name = '';
      for (let i = 0; i < 20; i++) {
        name = `${meta.generateName}${randomSuffix()}`;
        if (!this.store.get(r, ns, name)) break;
      }
      meta.name = name;
    }
    this.admitNamespace(r, ns, meta.name ?? '');
    meta.uid = randomUUID();
    meta.creationTimestamp = now();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    if (GENERATION_KINDS.has(r.kind)) meta.generation = 1;
    else delete meta.generation;
    if (r.subresources.includes('status')) delete obj.status;
    applyDefaults(r, obj, true, { allocateClusterIp: () => this.allocateClusterIp() });
    validate(r, obj);
    if (r.kind === 'Pod') admitPod(this.store, obj as Pod);
    if (this.store.get(r, ns, meta.name ?? '')) throw alreadyExists(r, meta.name ?? '');
    if (opts.dryRun) return obj;
    return this.store.insert(r, obj);
  }

  get(r: ResourceType, ns: string | undefined, name: string): KubeObject {
    const obj = this.store.get(r, ns, name);
    if (!obj) throw notFound(r, name);
    return obj;
  }

  /**
   * Writes `next` over `existing`. `mode` says what the writer may change: the main resource (not status),
   * the status subresource (only status), or everything (controllers).
   */
  private commit(r: ResourceType, existing: KubeObject, next: KubeObject, mode: 'main' | 'status' | 'internal', opts: WriteOptions): KubeObject {
    const name = existing.metadata.name ?? '';
    if (next.metadata.resourceVersion && next.metadata.resourceVersion !== existing.metadata.resourceVersion) throw conflict(r, name);
    if (next.metadata.uid && next.metadata.uid !== existing.metadata.uid) {
      throw conflict(r, name, `Precondition failed: UID in precondition: ${next.metadata.uid}, UID in object meta: ${existing.metadata.uid ?? ''}`);
    }
    let out: KubeObject;
    if (mode === 'status') {
      out = { ...clone(existing), status: clone(next.status ?? {}) };
    } else {
      out = clone(next);
      if (mode === 'main' && r.subresources.includes('status')) {
        if (existing.status === undefined) delete out.status;
        else out.status = clone(existing.status);
      }
      const m = existing.metadata;
      out.metadata = { ...out.metadata, name: m.name, namespace: m.namespace, uid: m.uid, creationTimestamp: m.creationTimestamp };
      if (m.deletionTimestamp) {
        out.metadata.deletionTimestamp = m.deletionTimestamp;
        out.metadata.deletionGracePeriodSeconds = m.deletionGracePeriodSeconds;
      } else {
        delete out.metadata.deletionTimestamp;
        delete out.metadata.deletionGracePeriodSeconds;
      }
      if (!r.namespaced) delete out.metadata.namespace;
      if (GENERATION_KINDS.has(r.kind)) {
        const gen = m.generation ?? 1;
        out.metadata.generation = deepEqual(specPart(out), specPart(existing)) ? gen : gen + 1;
      } else delete out.metadata.generation;
      delete out.metadata.managedFields;
      applyDefaults(r, out, false, { allocateClusterIp: () => this.allocateClusterIp() });
      validate(r, out);
    }
    out.kind = r.kind;
    out.apiVersion = apiVersionOf(r);
    if (out.metadata.finalizers && out.metadata.finalizers.length === 0) delete out.metadata.finalizers;
    if (deepEqual(withoutRv(out), withoutRv(existing))) return existing;
    if (opts.dryRun) return out;
    // The last finalizer gone from an object being deleted: it goes now.
    if (out.metadata.deletionTimestamp && !out.metadata.finalizers?.length && r.kind !== 'Pod' && r.kind !== 'Namespace') {
      return this.store.remove(r, existing.metadata.namespace, name) ?? existing;
    }
    return this.store.replace(r, out);
  }

  update(r: ResourceType, ns: string | undefined, name: string, body: unknown, subresource?: 'status', opts: WriteOptions = {}): KubeObject {
    const existing = this.get(r, ns, name);
    const next = this.decode(r, body);
    if (next.metadata.name !== undefined && next.metadata.name !== name) {
      throw badRequest(`the name of the object (${String(next.metadata.name)}) does not match the name on the URL (${name})`);
    }
    if (r.namespaced && next.metadata.namespace !== undefined && next.metadata.namespace !== '' && next.metadata.namespace !== ns) {
      throw unprocessable('the namespace of the provided object does not match the namespace sent on the request');
    }
    return this.commit(r, existing, next, subresource === 'status' ? 'status' : 'main', opts);
  }

  /** Applies a PATCH body to a copy of `base` according to the content type. */
  static applyPatch(base: unknown, contentType: string, patch: unknown): unknown {
    const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    try {
      if (type === 'application/json-patch+json') return jsonPatch(base, patch);
      if (type === 'application/merge-patch+json' || type === 'application/strategic-merge-patch+json') {
        if (!isRecord(patch)) throw new PatchError('merge patch must be a JSON object', 400);
        return mergePatch(base, patch);
      }
    } catch (e) {
      if (e instanceof PatchError) throw e.code === 400 ? badRequest(e.message) : unprocessable(e.message);
      throw e;
    }
    throw unsupportedMediaType(contentType);
  }

  patch(r: ResourceType, ns: string | undefined, name: string, contentType: string, patch: unknown, subresource?: 'status', opts: WriteOptions = {}): KubeObject {
    const existing = this.get(r, ns, name);
    const patched = Ops.applyPatch(clone(existing), contentType, patch);
    const next = this.decode(r, patched);
    if (next.metadata.name !== name) throw badRequest('metadata.name cannot be changed by a patch');
    return this.commit(r, existing, next, subresource === 'status' ? 'status' : 'main', opts);
  }

  /** For controllers: read, change a copy, write if anything changed. Undefined when the object is gone. */
  mutate(r: ResourceType, ns: string | undefined, name: string, change: (draft: KubeObject) => void): KubeObject | undefined {
    const existing = this.store.get(r, ns, name);
    if (!existing) return undefined;
    const draft = clone(existing);
    change(draft);
    delete draft.metadata.resourceVersion;
    return this.commit(r, existing, draft, 'internal', {});
  }

  /** For controllers: removes an object at once, whatever its finalizers or grace period. */
  removeNow(r: ResourceType, ns: string | undefined, name: string): void {
    this.store.remove(r, ns, name);
  }

  delete(r: ResourceType, ns: string | undefined, name: string, opts: DeleteOptions = {}): DeleteResult {
    const existing = this.get(r, ns, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== existing.metadata.uid) {
      throw conflict(r, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid ?? ''}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict(r, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion ?? ''}`);
    }
    if (opts.dryRun) return { object: existing, removed: false };
    if (opts.propagationPolicy === 'Orphan') this.orphanDependents(existing);

    const pod = r.kind === 'Pod' ? (existing as Pod) : undefined;
    const phase = pod?.status?.phase;
    const graceful =
      pod !== undefined &&
      opts.gracePeriodSeconds !== 0 &&
      Boolean(pod.spec?.nodeName) &&
      phase !== 'Succeeded' &&
      phase !== 'Failed';
    if (existing.metadata.deletionTimestamp) {
      if (pod && opts.gracePeriodSeconds === 0) return { object: this.store.remove(r, ns, name) ?? existing, removed: true };
      return { object: existing, removed: false };
    }
    if (graceful || r.kind === 'Namespace' || existing.metadata.finalizers?.length) {
      const grace = pod ? (opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) : 0;
      const draft = clone(existing);
      draft.metadata.deletionTimestamp = new Date(Date.now() + grace * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      draft.metadata.deletionGracePeriodSeconds = grace;
      if (r.kind === 'Namespace') draft.status = { ...draft.status, phase: 'Terminating' };
      return { object: this.store.replace(r, draft), removed: false };
    }
    return { object: this.store.remove(r, ns, name) ?? existing, removed: true };
  }

  /** Orphan propagation: dependents lose their owner reference instead of being collected. */
  private orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    for (const plural of ['replicasets', 'pods', 'jobs', 'persistentvolumeclaims', 'services', 'deployments', 'statefulsets', 'daemonsets', 'configmaps', 'secrets']) {
      const r = resource(plural);
      for (const obj of this.store.list(r, owner.metadata.namespace)) {
        if (!obj.metadata.ownerReferences?.some((o) => o.uid === uid)) continue;
        this.mutate(r, obj.metadata.namespace, obj.metadata.name ?? '', (d) => {
          d.metadata.ownerReferences = d.metadata.ownerReferences?.filter((o) => o.uid !== uid);
          if (d.metadata.ownerReferences?.length === 0) delete d.metadata.ownerReferences;
        });
      }
    }
  }
}

