// The Kubernetes side of the lifecycle, one idempotent step each: namespace, middleware secret, HelmChart, scaling, removal.
import { Kinds, isKubeError, type HelmChart, type KubeApi, type KubeObject } from '../../../../bff/adapters/kubernetes';
import { SUPERSEDED_JOB } from './observe';

export const OWNER_LABEL = 'olares.dev/owner';
export const APP_LABEL = 'olares.dev/app';
export const VERSION_ANNOTATION = 'olares.dev/version';
/** On a workload we scaled to zero: how many replicas it had, for resume. */
export const REPLICAS_ANNOTATION = 'olares.dev/replicas';
export const MIDDLEWARE_SECRET = 'olares-middleware';

/** Creates `obj`, or leaves the one already there (a retry, or another replica got there first). */
async function ensure<T extends KubeObject>(api: KubeApi, kind: Parameters<KubeApi['create']>[0], obj: T): Promise<T> {
  try {
    return (await api.create(kind, obj)) as T;
  } catch (err) {
    if (isKubeError(err) && err.code === 409) return ((await api.get(kind, obj.metadata.name!, obj.metadata.namespace)) as T | null) ?? obj;
    throw err;
  }
}

export async function ensureNamespace(api: KubeApi, name: string, owner: string, app: string): Promise<'ready' | 'terminating'> {
  const ns: KubeObject = await ensure(api, Kinds.namespace, { metadata: { name, labels: { [OWNER_LABEL]: owner, [APP_LABEL]: app } } });
  return ns.metadata.deletionTimestamp ? 'terminating' : 'ready';
}

/** The password kept in the app's middleware secret, if it exists (a retried install reuses it). */
export async function readMiddlewarePassword(api: KubeApi, namespace: string): Promise<string | undefined> {
  const secret = await api.get(Kinds.secret, MIDDLEWARE_SECRET, namespace);
  const value = secret?.data?.['postgres-password'];
  return value ? Buffer.from(value, 'base64').toString('utf8') : undefined;
}

export async function writeMiddlewareSecret(api: KubeApi, namespace: string, data: Record<string, string>): Promise<void> {
  const body = { metadata: { name: MIDDLEWARE_SECRET, namespace }, type: 'Opaque', stringData: data };
  try {
    await api.create(Kinds.secret, body);
  } catch (err) {
    if (!(isKubeError(err) && err.code === 409)) throw err;
    await api.patch(Kinds.secret, MIDDLEWARE_SECRET, namespace, { stringData: data });
  }
}

export interface ChartSubmission {
  namespace: string;
  release: string;
  version: string;
  chart: Buffer;
  valuesYaml: string;
  owner: string;
  /** Copied from the catalogue app onto the HelmChart (tests ask the simulator to fail this way). */
  annotations?: Record<string, string>;
}

/** Creates the release's HelmChart, or, when it exists at another version, replaces its chart (an upgrade or a rollback). */
export async function submitChart(api: KubeApi, s: ChartSubmission): Promise<'created' | 'updated' | 'unchanged'> {
  const spec = { chartContent: s.chart.toString('base64'), targetNamespace: s.namespace, valuesContent: s.valuesYaml };
  const existing = await api.get(Kinds.helmChart, s.release, s.namespace);
  if (!existing) {
    const hc: HelmChart = {
      metadata: { name: s.release, namespace: s.namespace, labels: { [OWNER_LABEL]: s.owner, [APP_LABEL]: s.release }, annotations: { [VERSION_ANNOTATION]: s.version, ...s.annotations } },
      spec,
    };
    await ensure(api, Kinds.helmChart, hc);
    return 'created';
  }
  if (existing.metadata.annotations?.[VERSION_ANNOTATION] === s.version) return 'unchanged';
  // The job of the old spec is "superseded": the tracker waits for the job the controller starts for ours.
  const job = await api.get(Kinds.job, existing.status?.jobName ?? `helm-install-${s.release}`, s.namespace);
  await api.patch(Kinds.helmChart, s.release, s.namespace, {
    metadata: { annotations: { [VERSION_ANNOTATION]: s.version, [SUPERSEDED_JOB]: job?.metadata.uid ?? 'none' } },
    spec,
  });
  return 'updated';
}

/** Scales every Deployment and StatefulSet of the namespace to zero, remembering their replicas. */
export async function scaleDown(api: KubeApi, namespace: string): Promise<void> {
  for (const kind of [Kinds.deployment, Kinds.statefulSet] as const) {
    const { items } = await api.list(kind as typeof Kinds.deployment, { namespace });
    for (const w of items) {
      const replicas = w.spec?.replicas ?? 1;
      if (replicas === 0) continue;
      await api.patch(kind as typeof Kinds.deployment, w.metadata.name!, namespace, { metadata: { annotations: { [REPLICAS_ANNOTATION]: String(replicas) } }, spec: { replicas: 0 } });
    }
  }
}

/** Scales them back to what they had before scaleDown (one replica when nothing was recorded). */
export async function scaleUp(api: KubeApi, namespace: string): Promise<void> {
  for (const kind of [Kinds.deployment, Kinds.statefulSet] as const) {
    const { items } = await api.list(kind as typeof Kinds.deployment, { namespace });
    for (const w of items) {
      if ((w.spec?.replicas ?? 1) > 0) continue;
      const replicas = Number(w.metadata.annotations?.[REPLICAS_ANNOTATION] ?? 1) || 1;
      await api.patch(kind as typeof Kinds.deployment, w.metadata.name!, namespace, { spec: { replicas } });
    }
  }
}

/** Deletes the HelmChart (the controller uninstalls the release), then the namespace with whatever is left. */
export async function removeRelease(api: KubeApi, namespace: string, release: string): Promise<void> {
  await api.delete(Kinds.helmChart, release, namespace);
  await api.delete(Kinds.namespace, namespace, undefined, { propagationPolicy: 'Foreground' });
}

/** Where the BFF reaches an entrance's Service: the simulator says so on the Service; a cluster has DNS. */
export async function serviceUrl(api: KubeApi, namespace: string, host: string, port: number): Promise<string | null> {
  const svc = await api.get(Kinds.service, host, namespace);
  if (!svc) return null;
  const simulated = svc.metadata.annotations?.['simulator.olares.dev/url'];
  if (simulated) return simulated.replace(/\/$/, '');
  return `http://${host}.${namespace}.svc.cluster.local:${port}`;
}
