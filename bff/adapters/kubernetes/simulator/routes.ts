// URL paths of the Kubernetes API read into what they address: discovery documents, a collection, an object, a subresource.
import { findResource, type ResourceType } from './resources';

export interface ResourceTarget {
  resource: ResourceType;
  /** Set for namespaced requests; undefined means all namespaces (collections) or a cluster-scoped kind. */
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The deprecated `/watch/` path prefix was used. */
  watchPrefix: boolean;
}

export type Route =
  | { type: 'version' }
  | { type: 'health' }
  | { type: 'api' }
  | { type: 'apis' }
  | { type: 'group'; group: string }
  | { type: 'resourceList'; group: string; version: string }
  | { type: 'resource'; target: ResourceTarget }
  | { type: 'entrance'; namespace: string; service: string; rest: string }
  | { type: 'unknown' };

function decode(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

export function parseRoute(pathname: string): Route {
  const raw = pathname.replace(/\/+$/, '');
  if (raw === '/version') return { type: 'version' };
  if (raw === '/healthz' || raw === '/livez' || raw === '/readyz') return { type: 'health' };
  const entrance = /^\/__entrance\/([^/]+)\/([^/]+)(\/.*)?$/.exec(pathname);
  if (entrance) return { type: 'entrance', namespace: decode(entrance[1] ?? ''), service: decode(entrance[2] ?? ''), rest: entrance[3] ?? '/' };
  const segs = raw.split('/').slice(1).map(decode);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api') {
    if (segs.length === 1) return { type: 'api' };
    group = '';
    version = segs[1] ?? '';
    rest = segs.slice(2);
  } else if (segs[0] === 'apis') {
    if (segs.length === 1) return { type: 'apis' };
    if (segs.length === 2) return { type: 'group', group: segs[1] ?? '' };
    group = segs[1] ?? '';
    version = segs[2] ?? '';
    rest = segs.slice(3);
  } else return { type: 'unknown' };
  if (rest.length === 0) return { type: 'resourceList', group, version };
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  // namespaces/<ns>/<plural>/...: a namespaced request, unless <plural> is not a kind (then it is the namespace's own subresource).
  if (rest[0] === 'namespaces' && rest.length >= 3 && findResource(group, version, rest[2] ?? '')?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const r = findResource(group, version, plural ?? '');
  if (!r || extra.length > 0) return { type: 'unknown' };
  if (namespace === undefined && r.namespaced && name !== undefined) return { type: 'unknown' };
  if (subresource !== undefined && !r.subresources.includes(subresource)) return { type: 'unknown' };
  if (name === '') return { type: 'unknown' };
  return { type: 'resource', target: { resource: r, namespace, name, subresource, watchPrefix } };
}
