// GPU management's parts the platform wires up: the GPU port (nvidia-smi, DCGM or none) and the service the router calls.
import type { Logger } from 'pino';
import type { Config } from '../../../bff/config';
import { createDcgmPort } from '../../../bff/adapters/gpu/dcgm';
import { createNvidiaSmiPort } from '../../../bff/adapters/gpu/nvidia-smi';
import type { GpuPort } from '../../../bff/adapters/gpu/port';
import { selectGpuPort } from '../../../bff/adapters/gpu/select';
import type { KubernetesAdapter } from '../../../bff/adapters/kubernetes';
import { createPromClient } from '../../../bff/adapters/prometheus/client';
import type { PromQueryApi } from '../../../bff/adapters/prometheus/port';
import { GpuService } from './gpu.service';

/** What procedures reach as `ctx.services.gpu`. */
export interface GpuServices {
  service: GpuService;
}

export interface GpuPlatform {
  services: GpuServices;
  /** The port the Dashboard reads its GPU card from. */
  port: GpuPort;
}

export interface GpuPlatformDeps {
  config: Config;
  log: Logger;
  cluster: KubernetesAdapter | null;
  /** Prometheus for DCGM series; left out: PROMETHEUS_URL's, if set (null: DCGM unused). */
  prom?: PromQueryApi | null;
}

/** The port GPU_SOURCE asks for (also used at start to size the simulated node). */
export function createGpuPort(gpu: Config['gpu'], prom: PromQueryApi | null = null): GpuPort {
  return selectGpuPort({ source: gpu.source, nvidiaSmi: createNvidiaSmiPort({ command: gpu.nvidiaSmi }), dcgm: prom ? createDcgmPort(prom) : null });
}

export function createGpuPlatform(deps: GpuPlatformDeps): GpuPlatform {
  const { metrics } = deps.config;
  const prom = deps.prom !== undefined ? deps.prom : metrics.prometheusUrl ? createPromClient(metrics.prometheusUrl, metrics.timeoutMs) : null;
  const port = createGpuPort(deps.config.gpu, prom);
  const service = new GpuService({ port, cluster: deps.cluster, log: deps.log });
  return { services: { service }, port };
}
