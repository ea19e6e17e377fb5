// Installs the fake `nvidia-smi` (nvidia-smi.mjs) as an executable in a temp folder, for PATH or NVIDIA_SMI in tests and e2e desktops.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nvidia-smi.mjs');

export interface FakeNvidiaSmi {
  /** The folder holding the `nvidia-smi` executable (prepend it to PATH). */
  dir: string;
  /** The executable itself (set NVIDIA_SMI to it). */
  path: string;
  /**
   * The environment a desktop or a child process needs: NVIDIA_SMI, FAKE_NVIDIA_SMI (`none`, `error`, or fixture names
   * such as `h100,l40s`) and FAKE_NVIDIA_SMI_STATE.
   */
  env(gpus: string, state?: 'idle' | 'load'): Record<string, string>;
  remove(): Promise<void>;
}

/** The UUID the fake reports for GPU number `i` (the captures' own UUIDs are masked to zeros). Mirrors fakeUuid in nvidia-smi.mjs. */
export function fakeGpuUuid(i: number): string {
  return `GPU-fa4e${String(i).padStart(4, '0')}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
}

/** Writes `<tmp>/nvidia-smi`: a shell wrapper running the fake with this Node. */
export async function installFakeNvidiaSmi(): Promise<FakeNvidiaSmi> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-fake-nvidia-smi-'));
  const exe = path.join(dir, 'nvidia-smi');
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  await fs.writeFile(exe, `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(SCRIPT)} "$@"\n`, { mode: 0o755 });
  return {
    dir,
    path: exe,
    env: (gpus, state = 'idle') => ({ NVIDIA_SMI: exe, FAKE_NVIDIA_SMI: gpus, FAKE_NVIDIA_SMI_STATE: state }),
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}
