// Collections: the filter a list or watch applies (namespace, label and field selectors) and list responses with paging.
import { badRequest, unprocessable } from './errors';
import { apiVersionOf, type ResourceType } from './resources';
import { SelectorError, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import type { Store } from './store';
import type { KubeObject } from './types';

export type ObjectFilter = (obj: KubeObject) => boolean;

/** Builds the filter from the query; throws 422 for a bad label selector and 400 for an unsupported field. */
export function buildFilter(r: ResourceType, namespace: string | undefined, query: URLSearchParams): ObjectFilter {
  let labels: ReturnType<typeof parseLabelSelector>;
  let fields: ReturnType<typeof parseFieldSelector>;
  try {
    labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
  } catch (e) {
    if (e instanceof SelectorError) throw unprocessable(`unable to parse requirement: ${e.message.replace(/^unable to parse requirement: /, '')}`);
    throw e;
  }
  try {
    fields = parseFieldSelector(query.get('fieldSelector') ?? undefined, r.kind);
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    throw e;
  }
  return (obj) =>
    (namespace === undefined || !r.namespaced || obj.metadata.namespace === namespace) &&
    matchesLabels(labels, obj.metadata.labels) &&
    matchesFields(fields, obj);
}

/** How an object appears inside a list: built-in kinds without kind/apiVersion, as the API server sends them. */
export function listItem(r: ResourceType, obj: KubeObject): KubeObject {
  if (r.custom) return obj;
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = obj;
  return rest as KubeObject;
}

interface ContinueToken {
  rv: string;
  start: string;
}

function itemKey(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export function listResponse(store: Store, r: ResourceType, namespace: string | undefined, query: URLSearchParams): Record<string, unknown> {
  const filter = buildFilter(r, namespace, query);
  let items = store.list(r, r.namespaced ? namespace : undefined).filter(filter);
  const cont = query.get('continue');
  if (cont) {
    let token: ContinueToken;
    try {
      token = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as ContinueToken;
      if (typeof token.start !== 'string') throw new Error('bad token');
    } catch {
      throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
    }
    items = items.filter((o) => itemKey(o) > token.start);
  }
  const limit = Number(query.get('limit') ?? '0');
  const metadata: Record<string, unknown> = { resourceVersion: store.resourceVersion };
  if (Number.isInteger(limit) && limit > 0 && items.length > limit) {
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    metadata.continue = Buffer.from(JSON.stringify({ rv: store.resourceVersion, start: last ? itemKey(last) : '' } satisfies ContinueToken)).toString('base64url');
    metadata.remainingItemCount = items.length - limit;
    items = page;
  }
  return { kind: `${r.kind}List`, apiVersion: apiVersionOf(r), metadata, items: items.map((o) => listItem(r, o)) };
}
