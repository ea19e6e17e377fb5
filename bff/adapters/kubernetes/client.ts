// The real Kubernetes adapter: client-node's kubeconfig and credentials, our HTTP, one KubeApi per identity.
import { HttpKubeApi, type KubeApiShared } from './kube-api';
import { type KubeConfigSource, loadKubeConfig } from './kubeconfig';
import type { KubeApi, KubeIdentity, KubernetesAdapter } from './port';
import { KubeTransport, impersonationHeaders } from './transport';
import type { WatchClock } from './watch';

/** The platform string the cluster simulator answers at /version. */
export const SIMULATOR_PLATFORM = 'olares-simulator';

/** The few pino methods the adapter uses. */
export interface KubeLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface CreateKubernetesAdapterOptions extends KubeConfigSource {
  log?: KubeLogger;
  /** Where KUBECONFIG, HOME and KUBERNETES_SERVICE_HOST are read when no source is given; process.env by default. */
  env?: Record<string, string | undefined>;
  /** Timers of watch reconnects; tests pass a manual clock to decide when a dropped watch comes back. */
  watchClock?: WatchClock;
}

/**
 * Connects to the cluster the options (or the environment) name and asks /version, which tells a real
 * cluster from the simulator. Throws a KubeError when the API server cannot be reached, an Error when no
 * cluster is configured or the kubeconfig is unusable.
 */
export async function createKubernetesAdapter(opts: CreateKubernetesAdapterOptions = {}): Promise<KubernetesAdapter> {
  const transport = new KubeTransport(loadKubeConfig(opts, opts.env));
  const open = new Set<{ stop(): void }>();
  const shared: KubeApiShared = {
    track(item) {
      open.add(item);
      return () => open.delete(item);
    },
    onWatchError: (err) => opts.log?.warn({ server: transport.server, err: { name: err.name, message: err.message } }, 'kubernetes: watch error, retrying'),
    clock: opts.watchClock,
  };
  const system = new HttpKubeApi(transport, undefined, shared);

  const version = async () => {
    const v = await transport.json<{ gitVersion?: string; platform?: string }>({ method: 'GET', path: '/version' });
    return { gitVersion: v.gitVersion ?? 'unknown', platform: v.platform ?? 'unknown' };
  };
  const { gitVersion, platform } = await version();
  const simulated = platform === SIMULATOR_PLATFORM;
  opts.log?.info({ server: transport.server, gitVersion, simulated }, 'kubernetes: connected');

  return {
    simulated,
    server: transport.server,
    system: () => system,
    asUser(identity: KubeIdentity): KubeApi {
      impersonationHeaders(identity); // refuses an empty user or a value that cannot be a header, before any request
      return new HttpKubeApi(transport, { user: identity.user, groups: [...identity.groups] }, shared);
    },
    version,
    close() {
      for (const item of [...open]) item.stop();
      open.clear();
      transport.close();
    },
  };
}
