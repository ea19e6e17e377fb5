// Who is asking and what they may do: the admin bearer token, impersonation headers, and the simulator's small RBAC rule set.
import type { IncomingMessage } from 'node:http';
import { badRequest, forbidden, unauthorized } from './errors';
import { qualifiedResource } from './errors';
import { resource } from './resources';
import type { ResourceTarget } from './routes';
import type { Store } from './store';

export const ADMIN_USER = 'olares-simulator-admin';
export const ADMIN_GROUP = 'olares:admin';
export const OWNER_LABEL = 'olares.dev/owner';

export interface Identity {
  user: string;
  groups: string[];
  /** May do everything. */
  admin: boolean;
}

/** Each header line is one value, as the API server reads Impersonate-Group: "a, b" on one line is one group. */
function headerValues(req: IncomingMessage, name: string): string[] {
  return (req.headersDistinct[name] ?? []).map((v) => v.trim()).filter((v) => v !== '');
}

/** Throws 401 unless the request carries the admin token; applies Impersonate-User and Impersonate-Group. */
export function authenticate(req: IncomingMessage, token: string): Identity {
  const auth = req.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(auth);
  if (!m || m[1]?.trim() !== token) throw unauthorized();
  const user = req.headers['impersonate-user'];
  const groups = headerValues(req, 'impersonate-group');
  if (typeof user !== 'string' || user === '') {
    if (groups.length > 0) throw badRequest(`requested [${groups.map((g) => `{Group ${g}}`).join(' ')}] without impersonating a user`);
    return { user: ADMIN_USER, groups: ['system:masters', 'system:authenticated'], admin: true };
  }
  return { user, groups: [...groups, 'system:authenticated'], admin: groups.includes(ADMIN_GROUP) };
}

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

/** Throws 403 with the API server's wording unless `who` may do `verb` on `target`. */
export function authorize(who: Identity, verb: Verb, target: ResourceTarget, store: Store): void {
  if (who.admin) return;
  const r = target.resource;
  if (!r.namespaced) {
    if ((r.kind === 'Node' || r.kind === 'Namespace') && (verb === 'get' || verb === 'list' || verb === 'watch') && !target.subresource) return;
  } else if (target.namespace !== undefined) {
    const ns = store.get(resource('namespaces'), undefined, target.namespace);
    if (ns?.metadata.labels?.[OWNER_LABEL] === who.user) return;
  }
  const what = target.name !== undefined ? `${qualifiedResource(r)} "${target.name}"` : qualifiedResource(r);
  const res = target.subresource ? `${r.plural}/${target.subresource}` : r.plural;
  const scope = r.namespaced && target.namespace !== undefined ? `in the namespace "${target.namespace}"` : 'at the cluster scope';
  throw forbidden(`${what} is forbidden: User "${who.user}" cannot ${verb} resource "${res}" in API group "${r.group}" ${scope}`, {
    ...(target.name !== undefined ? { name: target.name } : {}),
    ...(r.group ? { group: r.group } : {}),
    kind: r.plural,
  });
}
