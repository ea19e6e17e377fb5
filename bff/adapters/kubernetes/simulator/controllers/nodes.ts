// The cluster's nodes, built from the simulator options (or this machine): capacity, labels, Ready conditions.
import fs from 'node:fs';
import os from 'node:os';
import { now } from '../json';
import type { Ops } from '../ops';
import { formatBytes } from '../quantity';
import { resource } from '../resources';
import type { Store } from '../store';
import type { KubeObject } from '../types';

export interface NodeOptions {
  name: string;
  cpu: string;
  memory: string;
  gpus?: number;
  gpuModel?: string;
  disk?: string;
  arch?: string;
}

function localDisk(): string {
  try {
    const s = fs.statfsSync(os.tmpdir());
    return formatBytes(Math.floor((s.blocks * s.bsize) / 1024) * 1024);
  } catch {
    return '100Gi';
  }
}

/** One node shaped like this machine: its CPUs and memory, no GPU. */
export function defaultNodes(): NodeOptions[] {
  const hostname = os.hostname().toLowerCase().replace(/[^a-z0-9.-]/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'olares';
  return [{ name: hostname, cpu: String(os.cpus().length || 1), memory: formatBytes(Math.floor(os.totalmem() / 1024) * 1024), disk: localDisk(), arch: 'amd64' }];
}

function nodeObject(n: NodeOptions, started: string): KubeObject {
  const gpus = n.gpus ?? 0;
  const capacity: Record<string, string> = {
    cpu: n.cpu,
    memory: n.memory,
    pods: '110',
    'ephemeral-storage': n.disk ?? '100Gi',
    'hugepages-2Mi': '0',
    ...(gpus > 0 ? { 'nvidia.com/gpu': String(gpus) } : {}),
  };
  const arch = n.arch ?? 'amd64';
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': arch,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': arch,
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    'node-role.kubernetes.io/control-plane': 'true',
    'node-role.kubernetes.io/master': 'true',
  };
  if (gpus > 0) {
    labels['nvidia.com/gpu.present'] = 'true';
    labels['nvidia.com/gpu.count'] = String(gpus);
    labels['nvidia.com/gpu.product'] = (n.gpuModel ?? 'NVIDIA-GeForce-RTX-4090').replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 63);
  }
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: started, lastTransitionTime: started });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'simulator.olares.dev/simulated': 'true' } },
    spec: { podCIDR: '10.42.0.0/24', podCIDRs: ['10.42.0.0/24'], providerID: `k3s://${n.name}` },
    status: {
      capacity,
      allocatable: { ...capacity },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: '127.0.0.1' },
        { type: 'Hostname', address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: arch,
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.22-simulated',
        kernelVersion: os.release(),
        kubeProxyVersion: 'v1.31.0+simulator',
        kubeletVersion: 'v1.31.0+simulator',
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Olares simulated node',
        systemUUID: '',
      },
    },
  };
}

/** Makes the stored nodes match the configured ones: creates, refreshes capacity and labels, removes strays. */
export function syncNodes(store: Store, ops: Ops, nodes: NodeOptions[]): void {
  const r = resource('nodes');
  const started = now();
  const wanted = new Set(nodes.map((n) => n.name));
  for (const n of nodes) {
    const obj = nodeObject(n, started);
    const existing = store.get(r, undefined, n.name);
    if (!existing) {
      ops.create(r, undefined, obj);
      ops.mutate(r, undefined, n.name, (d) => {
        d.status = obj.status;
      });
    } else {
      ops.mutate(r, undefined, n.name, (d) => {
        d.metadata.labels = { ...d.metadata.labels, ...obj.metadata.labels };
        d.status = obj.status;
      });
    }
  }
  for (const existing of store.list(r)) if (!wanted.has(existing.metadata.name ?? '')) ops.removeNow(r, undefined, existing.metadata.name ?? '');
}
