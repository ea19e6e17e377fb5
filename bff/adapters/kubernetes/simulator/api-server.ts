// The HTTP face of the simulator: routes each request, checks who is asking, and answers with the API server's verbs and Status errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { authenticate, authorize, type Verb } from './auth';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery';
import { serveEntrance } from './entrance';
import { ApiError, badRequest, conflict, methodNotAllowed, pathNotFound, unsupportedMediaType } from './errors';
import { parseJson, readBody, sendError, sendJson, sendText } from './http-io';
import { isRecord } from './json';
import { listItem, listResponse } from './list';
import { Ops, type DeleteOptions } from './ops';
import type { PodLogs } from './pod-logs';
import { parseRoute, type ResourceTarget } from './routes';
import { replicasFromScale, toScale } from './scale';
import type { Store } from './store';
import type { Pod } from './types';
import type { WatchHub } from './watch';

export interface ApiServerDeps {
  store: Store;
  ops: Ops;
  token: string;
  watches: WatchHub;
  logs: PodLogs;
  /** host:port, for /api's serverAddressByClientCIDRs. */
  address(): string;
}

function verbOf(method: string, target: ResourceTarget, query: URLSearchParams): Verb | undefined {
  const named = target.name !== undefined;
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (named) return target.watchPrefix || query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'get';
      return target.watchPrefix || query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list';
    case 'POST':
      return named ? undefined : 'create';
    case 'PUT':
      return named ? 'update' : undefined;
    case 'PATCH':
      return named ? 'patch' : undefined;
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

function dryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw badRequest(`Invalid dry run value: ${v}; valid values are: [All]`);
  return values.length > 0;
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? 'application/json';
}

/** A create/update body: JSON or YAML. */
function decodeBody(req: IncomingMessage, body: Buffer): unknown {
  const type = mediaType(req);
  if (type === 'application/json' || type === '*/*' || type === '') return parseJson(body);
  if (type === 'application/yaml' || type === 'application/x-yaml' || type === 'text/yaml') {
    try {
      return parseYaml(body.toString('utf8')) as unknown;
    } catch (e) {
      throw badRequest(`yaml: ${(e as Error).message}`);
    }
  }
  throw unsupportedMediaType(type);
}

function deleteOptions(query: URLSearchParams, body: unknown): DeleteOptions {
  const opts: DeleteOptions = {};
  const b = isRecord(body) ? body : {};
  const grace = query.get('gracePeriodSeconds') ?? (typeof b.gracePeriodSeconds === 'number' ? String(b.gracePeriodSeconds) : null);
  if (grace !== null && grace !== '') {
    const n = Number(grace);
    if (!Number.isInteger(n) || n < 0) throw badRequest(`gracePeriodSeconds: Invalid value: ${grace}`);
    opts.gracePeriodSeconds = n;
  }
  const policy = query.get('propagationPolicy') ?? (typeof b.propagationPolicy === 'string' ? b.propagationPolicy : undefined);
  if (policy !== undefined) {
    if (!['Orphan', 'Background', 'Foreground'].includes(policy)) throw badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
    opts.propagationPolicy = policy;
  }
  if (query.get('orphanDependents') === 'true' || b.orphanDependents === true) opts.propagationPolicy = 'Orphan';
  if (isRecord(b.preconditions)) {
    opts.preconditions = {
      ...(typeof b.preconditions.uid === 'string' ? { uid: b.preconditions.uid } : {}),
      ...(typeof b.preconditions.resourceVersion === 'string' ? { resourceVersion: b.preconditions.resourceVersion } : {}),
    };
  }
  opts.dryRun = dryRun(query) || (Array.isArray(b.dryRun) && b.dryRun.includes('All'));
  return opts;
}

function successStatus(target: ResourceTarget, uid: string | undefined): Record<string, unknown> {
  const r = target.resource;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: target.name, ...(r.group ? { group: r.group } : {}), kind: r.plural, ...(uid ? { uid } : {}) },
  };
}

export function createRequestHandler(deps: ApiServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { store, ops } = deps;

  async function handleResource(req: IncomingMessage, res: ServerResponse, target: ResourceTarget, query: URLSearchParams, method: string): Promise<void> {
    const r = target.resource;
    const ns = target.namespace;
    const name = target.name;
    const sub = target.subresource;
    if (r.namespaced && ns === undefined && !(method === 'GET' && name === undefined)) throw methodNotAllowed();

    if (method === 'GET' || method === 'HEAD') {
      if (name === undefined) {
        if (target.watchPrefix || query.get('watch') === 'true' || query.get('watch') === '1') {
          deps.watches.serve(req, res, r, ns, query);
          return;
        }
        sendJson(res, 200, listResponse(store, r, ns, query));
        return;
      }
      if (target.watchPrefix || query.get('watch') === 'true' || query.get('watch') === '1') {
        const q = new URLSearchParams(query);
        q.set('fieldSelector', [q.get('fieldSelector'), `metadata.name=${name}`].filter(Boolean).join(','));
        deps.watches.serve(req, res, r, ns, q);
        return;
      }
      const obj = ops.get(r, ns, name);
      if (sub === 'log') {
        deps.logs.serve(res, obj as Pod, query);
        return;
      }
      sendJson(res, 200, sub === 'scale' ? toScale(obj) : obj);
      return;
    }

    if (sub === 'log') throw methodNotAllowed();
    const body = await readBody(req);
    const isDryRun = () => dryRun(query);

    if (method === 'POST') {
      if (name !== undefined) throw methodNotAllowed();
      const created = ops.create(r, ns, decodeBody(req, body), { dryRun: isDryRun() });
      sendJson(res, 201, created);
      return;
    }
    if (name === undefined) {
      if (method !== 'DELETE') throw methodNotAllowed();
      // deletecollection
      const opts = deleteOptions(query, parseJson(body));
      const list = listResponse(store, r, ns, query);
      const items = (list.items as Array<{ metadata: { name?: string; namespace?: string } }>) ?? [];
      const deleted = [];
      for (const item of items) {
        try {
          deleted.push(listItem(r, ops.delete(r, item.metadata.namespace, item.metadata.name ?? '', opts).object));
        } catch (e) {
          if (!(e instanceof ApiError) || e.code !== 404) throw e;
        }
      }
      sendJson(res, 200, { ...list, items: deleted });
      return;
    }
    if (sub === 'scale') {
      const existing = ops.get(r, ns, name);
      let replicas: number;
      if (method === 'PUT') {
        const scale = decodeBody(req, body);
        const rv = isRecord(scale) && isRecord(scale.metadata) ? scale.metadata.resourceVersion : undefined;
        if (typeof rv === 'string' && rv !== '' && rv !== existing.metadata.resourceVersion) throw conflict(r, name);
        replicas = replicasFromScale(scale);
      } else if (method === 'PATCH') {
        replicas = replicasFromScale(Ops.applyPatch(toScale(existing), mediaType(req), parseJson(body)));
      } else throw methodNotAllowed();
      const updated = ops.patch(r, ns, name, 'application/merge-patch+json', { spec: { replicas } }, undefined, { dryRun: isDryRun() });
      sendJson(res, 200, toScale(updated));
      return;
    }
    const statusSub = sub === 'status' ? 'status' : undefined;
    if (method === 'PUT') {
      sendJson(res, 200, ops.update(r, ns, name, decodeBody(req, body), statusSub, { dryRun: isDryRun() }));
      return;
    }
    if (method === 'PATCH') {
      const type = mediaType(req);
      if (type === 'application/apply-patch+yaml') throw unsupportedMediaType(type);
      sendJson(res, 200, ops.patch(r, ns, name, type, parseJson(body), statusSub, { dryRun: isDryRun() }));
      return;
    }
    if (method === 'DELETE') {
      if (statusSub) throw methodNotAllowed();
      const result = ops.delete(r, ns, name, deleteOptions(query, parseJson(body)));
      sendJson(res, 200, result.removed ? successStatus(target, result.object.metadata.uid) : result.object);
      return;
    }
    throw methodNotAllowed();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const route = parseRoute(url.pathname);
    const method = (req.method ?? 'GET').toUpperCase();
    if (route.type === 'entrance') {
      serveEntrance(req, res, store, route.namespace, route.service, `${route.rest}${url.search}`);
      return;
    }
    if (route.type === 'version') {
      sendJson(res, 200, versionInfo());
      return;
    }
    if (route.type === 'health') {
      sendText(res, 200, 'ok');
      return;
    }
    const who = authenticate(req, deps.token);
    switch (route.type) {
      case 'api':
        sendJson(res, 200, apiVersions(deps.address()));
        return;
      case 'apis':
        sendJson(res, 200, apiGroupList());
        return;
      case 'group': {
        const g = apiGroup(route.group);
        if (!g) throw pathNotFound();
        sendJson(res, 200, g);
        return;
      }
      case 'resourceList': {
        const list = apiResourceList(route.group, route.version);
        if (!list) throw pathNotFound();
        sendJson(res, 200, list);
        return;
      }
      case 'unknown':
        throw pathNotFound();
      case 'resource': {
        const verb = verbOf(method, route.target, url.searchParams);
        if (!verb) throw methodNotAllowed();
        authorize(who, verb, route.target, store);
        await handleResource(req, res, route.target, url.searchParams, method);
        return;
      }
    }
  }

  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!(err instanceof ApiError)) {
        // An unexpected failure is a bug in the simulator: answer 500 and keep serving.
        process.emitWarning(`cluster simulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
      sendError(res, err);
    });
  };
}

