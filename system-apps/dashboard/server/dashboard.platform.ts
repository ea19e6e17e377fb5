// The Dashboard's parts the platform wires up: the metrics source (Prometheus or the host sampler), the service the router calls, and the live push.
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Server as SocketServer } from 'socket.io';
import type { Config } from '../../../bff/config';
import type { GpuPort } from '../../../bff/adapters/gpu/port';
import type { KubernetesAdapter } from '../../../bff/adapters/kubernetes';

/** What procedures reach as `ctx.services.dashboard`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the service lands
export interface DashboardServices {}

export interface DashboardPlatform {
  services: DashboardServices;
  /** Starts the live push on the desktop's socket.io server. */
  attach(io: SocketServer): void;
  close(): Promise<void>;
}

export interface DashboardPlatformDeps {
  config: Config;
  pool: pg.Pool;
  log: Logger;
  cluster: KubernetesAdapter | null;
  gpu: GpuPort;
}

export function createDashboardPlatform(_deps: DashboardPlatformDeps): DashboardPlatform {
  return { services: {}, attach() {}, close: async () => {} };
}
