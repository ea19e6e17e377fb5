// Who may reach an app's entrance and where it goes: the entrance proxy's resolver, and one-use tickets for private entrances.
import { randomBytes } from 'node:crypto';
import type { KubernetesAdapter } from '../../../bff/adapters/kubernetes';
import type { EntranceResolver } from '../../../bff/http/entrance-proxy';
import { appError } from '../../../bff/trpc/app-error';
import { serviceUrl } from './lifecycle/cluster-steps';
import type { MarketStore, StoredApp, StoredEntrance } from './market.store';

/** How long a ticket from the desktop may wait before the browser uses it. */
const TICKET_TTL_MS = 60_000;

/** An entrance's own origin (ENTRANCE_ORIGIN with `{id}` filled in), with a trailing slash. */
export const entranceUrl = (origin: string, e: StoredEntrance) => `${origin.replace('{id}', e.id)}/`;

export class EntranceAccess {
  constructor(private readonly deps: { store: MarketStore; cluster: KubernetesAdapter | null; entranceOrigin: string }) {}

  /** The proxy's view of an entrance host: where to send requests, and who may. */
  async resolve(host: string): Promise<{ target: string; public: boolean; userId: string; app: string } | null> {
    const found = await this.deps.store.byEntranceHost(host);
    if (!found || !this.deps.cluster) return null;
    const e = found.app.entrances.find((x) => x.name === found.entrance);
    if (!e) return null;
    const target = await serviceUrl(this.deps.cluster.system(), found.app.namespace, e.host, e.port);
    return target ? { target, public: e.authLevel === 'public', userId: found.app.userId, app: found.app.name } : null;
  }

  /** The entrance proxy's resolver (bff/http/entrance-proxy.ts). */
  resolver(): EntranceResolver {
    const { store } = this.deps;
    return {
      resolve: (id) => this.resolve(id),
      useTicket: (ticket, id) => store.useGrant(ticket, id, 'ticket'),
      addCookie: (token, userId, id, ttlMs) => store.addGrant(token, userId, id, 'cookie', ttlMs),
      checkCookie: (token, id) => store.useGrant(token, id, 'cookie'),
    };
  }

  /** A one-use ticket that lets this browser into the user's entrance (exchanged for a cookie on the entrance's origin). */
  async enter(userId: string, a: StoredApp, entrance: string | undefined): Promise<{ url: string }> {
    const e = entrance ? a.entrances.find((x) => x.name === entrance) : a.entrances.find((x) => !x.invisible);
    if (!e) throw appError('NOT_FOUND', 'market.noEntrance', `${a.title} has no entrance called "${entrance}".`);
    const base = entranceUrl(this.deps.entranceOrigin, e);
    if (e.authLevel === 'public') return { url: base };
    const ticket = randomBytes(24).toString('base64url');
    await this.deps.store.addGrant(ticket, userId, e.id, 'ticket', TICKET_TTL_MS);
    return { url: `${base}__olares/enter?ticket=${ticket}` };
  }
}
