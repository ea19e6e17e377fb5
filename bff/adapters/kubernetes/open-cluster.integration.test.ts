// openCluster's simulator: the node gets the GPUs nvidia-smi finds on this machine (here the fake nvidia-smi), and none when it finds none.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFakeNvidiaSmi, type FakeNvidiaSmi } from '../gpu/testing/fake-nvidia-smi';
import { Kinds } from './kinds';
import { openCluster } from './open-cluster';

const log = { info: () => undefined, warn: () => undefined, debug: () => undefined, error: () => undefined };
let fake: FakeNvidiaSmi;
let dir: string;
const saved = process.env.FAKE_NVIDIA_SMI;

beforeAll(async () => {
  fake = await installFakeNvidiaSmi();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-open-cluster-'));
});

afterAll(async () => {
  if (saved === undefined) delete process.env.FAKE_NVIDIA_SMI;
  else process.env.FAKE_NVIDIA_SMI = saved;
  await fake.remove();
  await fs.rm(dir, { recursive: true, force: true });
});

async function simulatedNode(gpus: string, source: 'auto' | 'none' = 'auto', dataDir = path.join(dir, gpus + source)) {
  process.env.FAKE_NVIDIA_SMI = gpus;
  const cluster = await openCluster({ mode: 'simulator', dataDir, log, gpu: { source, nvidiaSmi: fake.path } });
  try {
    const { items } = await cluster.adapter.system().list(Kinds.node);
    expect(items).toHaveLength(1);
    const node = items[0]!;
    return { capacity: (node.status as { capacity: Record<string, string> }).capacity, labels: node.metadata.labels ?? {} };
  } finally {
    await cluster.close();
  }
}

describe('the simulated node and this machine’s GPUs', () => {
  it('2 fake GPUs: nvidia.com/gpu 2 and the first card’s model', async () => {
    await fs.mkdir(path.join(dir, 'two'), { recursive: true });
    const node = await simulatedNode('h100,l40s', 'auto', path.join(dir, 'two'));
    expect(node.capacity['nvidia.com/gpu']).toBe('2');
    expect(node.labels['nvidia.com/gpu.product']).toBe('NVIDIA-H100-80GB-HBM3');
    // The next start without GPUs takes them away again (same state file).
    const again = await simulatedNode('none', 'auto', path.join(dir, 'two'));
    expect(again.capacity['nvidia.com/gpu']).toBeUndefined();
  });

  it('no GPU, a failing driver, or GPU_SOURCE=none: a node without GPUs', async () => {
    for (const [gpus, source] of [['none', 'auto'], ['error', 'auto'], ['h100', 'none']] as const) {
      const node = await simulatedNode(gpus, source);
      expect(node.capacity['nvidia.com/gpu'], `${gpus} ${source}`).toBeUndefined();
    }
  });
});
