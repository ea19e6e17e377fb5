// An app's pods and recent events as My apps shows them, read with whatever identity the caller's API has.
import { Kinds, isPodReady, podDisplayStatus, podRestarts, type KubeApi } from '../../../../bff/adapters/kubernetes';
import type { AppStatus } from '../market.types';

export async function readAppStatus(api: KubeApi, namespace: string): Promise<AppStatus> {
  const [pods, events] = await Promise.all([api.list(Kinds.pod, { namespace }), api.list(Kinds.event, { namespace })]);
  return {
    pods: pods.items.map((p) => ({ name: p.metadata.name ?? '', status: podDisplayStatus(p), ready: isPodReady(p), restarts: podRestarts(p), node: p.spec?.nodeName ?? null })),
    events: events.items
      .map((e) => ({ type: e.type ?? 'Normal', reason: e.reason ?? '', message: e.message ?? '', object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`, at: e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '' }))
      .sort((x, y) => String(y.at).localeCompare(String(x.at)))
      .slice(0, 30),
  };
}
