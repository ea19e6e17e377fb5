// Opens the cluster the desktop runs apps on: the configured one (kubeconfig or in-cluster), else a simulator with its state under the data folder.
import path from 'node:path';
import { createKubernetesAdapter, type KubeLogger } from './client';
import { resolveClusterConfig } from './kubeconfig';
import type { KubernetesAdapter } from './port';
import { startSimulator, type ClusterSimulator } from './simulator';
import { defaultNodes, type NodeOptions } from './simulator/controllers/nodes';
import { createNvidiaSmiPort } from '../gpu/nvidia-smi';

/** GPU discovery for the simulated node (config.gpu): nvidia-smi's GPUs become the node's `nvidia.com/gpu`. */
export interface SimulatedGpuOptions {
  source: 'auto' | 'nvidia-smi' | 'dcgm' | 'none';
  nvidiaSmi: string;
}

export interface OpenedCluster {
  adapter: KubernetesAdapter;
  /** Present when this process runs the simulator. */
  simulator?: ClusterSimulator;
  close(): Promise<void>;
}

/** This machine as one node, with the GPUs nvidia-smi finds on it (count and model), so GPU bindings can be shown on the simulator. */
async function simulatedNodes(gpu: SimulatedGpuOptions | undefined): Promise<NodeOptions[] | undefined> {
  if (!gpu || (gpu.source !== 'auto' && gpu.source !== 'nvidia-smi')) return undefined;
  const scan = await createNvidiaSmiPort({ command: gpu.nvidiaSmi, cacheMs: 0 }).scan();
  const [node] = defaultNodes();
  if (!scan.ok || scan.devices.length === 0 || !node) return undefined;
  return [{ ...node, gpus: scan.devices.length, gpuModel: scan.devices[0]?.model }];
}

export async function openCluster(opts: { mode: 'auto' | 'simulator'; kubeconfigPath?: string; dataDir: string; log: KubeLogger & { info(o: object, m?: string): void }; gpu?: SimulatedGpuOptions }): Promise<OpenedCluster> {
  const configured = opts.mode === 'auto' ? resolveClusterConfig(process.env, undefined, opts.kubeconfigPath) : null;
  if (configured) {
    const adapter = await createKubernetesAdapter({ ...(configured.kind === 'file' ? { kubeconfigPath: configured.path } : { inCluster: true }), log: opts.log });
    opts.log.info({ server: adapter.server }, 'kubernetes: connected');
    return { adapter, close: async () => adapter.close() };
  }
  const nodes = await simulatedNodes(opts.gpu);
  const simulator = await startSimulator({ stateFile: path.join(opts.dataDir, 'cluster-simulator.json'), ...(nodes ? { nodes } : {}) });
  if (nodes?.[0]?.gpus) opts.log.info({ gpus: nodes[0].gpus, model: nodes[0].gpuModel }, 'kubernetes: the simulated node has the GPUs nvidia-smi found');
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
