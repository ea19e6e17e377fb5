// Decides which cluster to talk to (explicit file, KUBECONFIG, ~/.kube/config, in-cluster or none) and loads it.
import fs from 'node:fs';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Where the connection comes from; null means no cluster is configured (the caller starts the simulator). */
export type ClusterConfig =
  | {
      kind: 'file';
      /** The first file: what a single-file loader reads. */
      path: string;
      /** Every existing file of a colon-separated KUBECONFIG, merged in order (the first wins on conflicts). */
      paths: string[];
      source: 'explicit' | 'KUBECONFIG' | 'home';
    }
  | { kind: 'in-cluster'; source: 'service-account' }
  | null;

export interface FsProbe {
  exists(file: string): boolean;
}

const realFs: FsProbe = {
  exists: (file) => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
};

/**
 * The cluster configuration, by precedence: `explicitPath` (used even if missing, so that a typo fails
 * loudly) → KUBECONFIG (colon-separated; files that do not exist are skipped) → $HOME/.kube/config →
 * the in-cluster service account (token file and KUBERNETES_SERVICE_HOST) → null.
 */
export function resolveClusterConfig(
  env: Record<string, string | undefined>,
  fsProbe: FsProbe = realFs,
  explicitPath?: string,
): ClusterConfig {
  if (explicitPath) return { kind: 'file', path: explicitPath, paths: [explicitPath], source: 'explicit' };
  const fromEnv = (env.KUBECONFIG ?? '')
    .split(path.delimiter)
    .filter((file) => file.length > 0 && fsProbe.exists(file));
  if (fromEnv.length > 0) return { kind: 'file', path: fromEnv[0]!, paths: [...new Set(fromEnv)], source: 'KUBECONFIG' };
  const home = env.HOME || env.USERPROFILE;
  if (home) {
    const file = path.join(home, '.kube', 'config');
    if (fsProbe.exists(file)) return { kind: 'file', path: file, paths: [file], source: 'home' };
  }
  if (env.KUBERNETES_SERVICE_HOST && fsProbe.exists(SERVICE_ACCOUNT_TOKEN)) return { kind: 'in-cluster', source: 'service-account' };
  return null;
}

/** What createKubernetesAdapter accepts: YAML text, a file, in-cluster, or (none of these) the environment. */
export interface KubeConfigSource {
  /** A whole kubeconfig as YAML text (the simulator hands one out). */
  kubeconfig?: string;
  kubeconfigPath?: string;
  inCluster?: boolean;
}

/** Loads a KubeConfig from the first source given, else from resolveClusterConfig(process.env); throws if there is none. */
export function loadKubeConfig(source: KubeConfigSource, env: Record<string, string | undefined> = process.env): KubeConfig {
  const kc = new KubeConfig();
  if (source.kubeconfig) {
    kc.loadFromString(source.kubeconfig);
    return kc;
  }
  const resolved = source.inCluster ? ({ kind: 'in-cluster', source: 'service-account' } as const) : resolveClusterConfig(env, realFs, source.kubeconfigPath);
  if (!resolved) throw new Error('No Kubernetes cluster is configured (no kubeconfig file, KUBECONFIG, ~/.kube/config or service account)');
  if (resolved.kind === 'in-cluster') {
    kc.loadFromCluster();
    return kc;
  }
  kc.loadFromFile(resolved.paths[0]!);
  for (const file of resolved.paths.slice(1)) {
    const more = new KubeConfig();
    more.loadFromFile(file);
    mergeFirstWins(kc, more);
  }
  return kc;
}

/** kubectl's merge of KUBECONFIG files: an entry's first definition wins (client-node's mergeConfig throws on duplicates). */
function mergeFirstWins(kc: KubeConfig, more: KubeConfig): void {
  if (!kc.currentContext && more.currentContext) kc.currentContext = more.currentContext;
  for (const cluster of more.clusters) if (!kc.getCluster(cluster.name)) kc.addCluster(cluster);
  for (const user of more.users) if (!kc.getUser(user.name)) kc.addUser(user);
  for (const context of more.contexts) if (!kc.getContextObject(context.name)) kc.addContext(context);
}
