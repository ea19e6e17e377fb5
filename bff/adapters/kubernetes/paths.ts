// REST paths for a kind: /api/v1/... for the core group, /apis/<group>/<version>/... for the rest.
import { KubeError } from './errors';
import type { KindRef, ListOptions } from './port';

/** What a name, namespace or resource may look like in a path segment; anything else is refused with a 400 before a request is made. */
const SEGMENT = /^[a-zA-Z0-9]([-a-zA-Z0-9._:]*[a-zA-Z0-9])?$/;

function segment(value: string, what: string): string {
  if (!SEGMENT.test(value) || value.length > 253) throw new KubeError(400, 'BadRequest', `Invalid Kubernetes ${what}: ${JSON.stringify(value)}`);
  return value;
}

function groupPrefix(apiVersion: string): string {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return `/api/${segment(apiVersion, 'apiVersion')}`;
  if (parts.length === 2) return `/apis/${segment(parts[0]!, 'API group')}/${segment(parts[1]!, 'apiVersion')}`;
  throw new KubeError(400, 'BadRequest', `Invalid Kubernetes apiVersion: ${JSON.stringify(apiVersion)}`);
}

/**
 * The path of a kind's collection (no name) or of one object. A namespace given for a cluster-scoped
 * kind is ignored; a namespaced kind without one addresses all namespaces (only valid for list/watch).
 */
export function resourcePath(kind: KindRef, namespace?: string, name?: string): string {
  let path = groupPrefix(kind.apiVersion);
  if (kind.namespaced && namespace) path += `/namespaces/${segment(namespace, 'namespace')}`;
  path += `/${segment(kind.plural, 'resource')}`;
  if (name !== undefined) path += `/${segment(name, 'name')}`;
  return path;
}

/** The query string of a list or watch: selectors only when given. */
export function listQuery(opts: ListOptions | undefined): Record<string, string> {
  const query: Record<string, string> = {};
  if (opts?.labelSelector) query.labelSelector = opts.labelSelector;
  if (opts?.fieldSelector) query.fieldSelector = opts.fieldSelector;
  return query;
}
