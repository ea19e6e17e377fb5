// Opens the cluster the desktop runs apps on: the configured one (kubeconfig or in-cluster), else a simulator with its state under the data folder.
import path from 'node:path';
import { createKubernetesAdapter, type KubeLogger } from './client';
import { resolveClusterConfig } from './kubeconfig';
import type { KubernetesAdapter } from './port';
import { startSimulator, type ClusterSimulator } from './simulator';

export interface OpenedCluster {
  adapter: KubernetesAdapter;
  /** Present when this process runs the simulator. */
  simulator?: ClusterSimulator;
  close(): Promise<void>;
}

export async function openCluster(opts: { mode: 'auto' | 'simulator'; kubeconfigPath?: string; dataDir: string; log: KubeLogger & { info(o: object, m?: string): void } }): Promise<OpenedCluster> {
  const configured = opts.mode === 'auto' ? resolveClusterConfig(process.env, undefined, opts.kubeconfigPath) : null;
  if (configured) {
    const adapter = await createKubernetesAdapter({ ...(configured.kind === 'file' ? { kubeconfigPath: configured.path } : { inCluster: true }), log: opts.log });
    opts.log.info({ server: adapter.server }, 'kubernetes: connected');
    return { adapter, close: async () => adapter.close() };
  }
  const simulator = await startSimulator({ stateFile: path.join(opts.dataDir, 'cluster-simulator.json') });
  const adapter = await createKubernetesAdapter({ kubeconfig: simulator.kubeconfig(), log: opts.log });
  opts.log.info({ server: simulator.url }, 'kubernetes: no cluster configured, using the simulated cluster');
  return {
    adapter,
    simulator,
    async close() {
      adapter.close();
      await simulator.close();
    },
  };
}
