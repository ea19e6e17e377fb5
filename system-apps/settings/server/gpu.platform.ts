// GPU management's parts the platform wires up: the GPU port (nvidia-smi, DCGM or none) and the service the router calls.
import type { Logger } from 'pino';
import type { Config } from '../../../bff/config';
import type { GpuPort } from '../../../bff/adapters/gpu/port';
import type { KubernetesAdapter } from '../../../bff/adapters/kubernetes';

/** What procedures reach as `ctx.services.gpu`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the service lands
export interface GpuServices {}

export interface GpuPlatform {
  services: GpuServices;
  /** The port the Dashboard reads its GPU card from. */
  port: GpuPort;
}

export interface GpuPlatformDeps {
  config: Config;
  log: Logger;
  cluster: KubernetesAdapter | null;
}

export function createGpuPlatform(_deps: GpuPlatformDeps): GpuPlatform {
  return { services: {}, port: { scan: async () => ({ ok: true, source: 'none', devices: [] }) } };
}
