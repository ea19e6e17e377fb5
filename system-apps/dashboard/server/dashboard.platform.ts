// The Dashboard's parts the platform wires up: the metrics source (Prometheus or the host sampler), the service the router calls, and the live push.
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Server as SocketServer } from 'socket.io';
import type { Config } from '../../../bff/config';
import type { GpuPort } from '../../../bff/adapters/gpu/port';
import type { KubernetesAdapter } from '../../../bff/adapters/kubernetes';
import { createPromClient, type PromClient } from '../../../bff/adapters/prometheus/client';
import { FallbackMetrics } from '../../../bff/adapters/prometheus/fallback';
import { PrometheusMetrics } from '../../../bff/adapters/prometheus/prometheus.metrics';
import { HostSampler } from '../../../bff/adapters/prometheus/sampler/host-sampler';
import { createHostSource } from '../../../bff/adapters/prometheus/sampler/host-source';
import { appError } from '../../../bff/trpc/app-error';
import { LIVE_EVENT, type AppSort, type AppUsage, type Overview, type Panel, type PanelId, type QuotaUse, type Range } from '../shared/wire';
import { podCounts } from './cluster-usage';
import { DashboardService, type Caller } from './dashboard.service';

/** The room of sockets that asked for the live push. */
export const DASHBOARD_ROOM = 'dashboard';

/** What procedures reach as `ctx.services.dashboard`. */
export interface DashboardServices {
  overview(): Promise<Overview>;
  panel(panel: PanelId, range: Range): Promise<Panel>;
  apps(caller: Caller, opts: { sort: AppSort; limit: number }): Promise<AppUsage[]>;
  quotas(caller: Caller): Promise<QuotaUse[]>;
  /** Joins or leaves the live push for one socket of the caller's own session on this replica. */
  watch(sessionId: string, opts: { socketId: string; on: boolean }): Promise<{ watching: boolean }>;
}

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

export function createDashboardPlatform(deps: DashboardPlatformDeps): DashboardPlatform {
  const { config, log, cluster } = deps;
  const client: PromClient | null = config.metrics.prometheusUrl ? createPromClient(config.metrics.prometheusUrl, config.metrics.timeoutMs) : null;
  const sampler = new HostSampler({
    source: createHostSource(),
    intervalMs: Math.min(config.metrics.tickMs, 5_000),
    gpu: deps.gpu,
    ...(cluster ? { pods: () => podCounts(cluster) } : {}),
    onError: (err) => log.warn({ err: { message: (err as Error).message } }, 'dashboard: host sample failed'),
  });
  const metrics = new FallbackMetrics({
    // One result cache per replica: every viewer and the live ticker share answers within a step.
    prometheus: client ? new PrometheusMetrics(client, { cache: config.metrics.cache === false ? false : undefined }) : null,
    sampler,
    startSampler: () => sampler.start(),
    onDown: (detail) => log.warn({ detail }, 'dashboard: Prometheus is not answering; showing the host sampler'),
  });
  const service = new DashboardService({ metrics, cluster, gpu: deps.gpu, pool: deps.pool, log });

  let io: SocketServer | null = null;
  let ticker: NodeJS.Timeout | null = null;
  let ticking = false;
  const watchers = () => io?.of('/').adapter.rooms.get(DASHBOARD_ROOM)?.size ?? 0;

  const stopTicker = () => {
    if (ticker) clearInterval(ticker);
    ticker = null;
  };
  const tick = async () => {
    if (!watchers()) return stopTicker();
    if (ticking) return; // a slow source: skip a beat rather than pile up
    ticking = true;
    try {
      io?.to(DASHBOARD_ROOM).emit(LIVE_EVENT, await service.tick());
    } catch (err) {
      log.warn({ err: { message: (err as Error).message } }, 'dashboard: live tick failed');
    } finally {
      ticking = false;
    }
  };
  const startTicker = () => {
    if (ticker) return;
    ticker = setInterval(() => void tick(), config.metrics.tickMs);
    ticker.unref();
    void tick();
  };

  const services: DashboardServices = {
    overview: () => service.overview(),
    panel: (panel, range) => service.panel(panel, range),
    apps: (caller, opts) => service.apps(caller, opts),
    quotas: (caller) => service.quotas(caller),
    async watch(sessionId, { socketId, on }) {
      const socket = io?.of('/').sockets.get(socketId);
      // Another session's socket is as unknown as a closed one.
      if (!socket || (socket.data as { auth?: { session?: { id?: string } } }).auth?.session?.id !== sessionId) {
        throw appError('NOT_FOUND', 'dashboard.socketNotFound', 'That live connection is not open on this server; reconnect and try again.');
      }
      if (on) {
        await socket.join(DASHBOARD_ROOM);
        startTicker();
      } else {
        await socket.leave(DASHBOARD_ROOM);
        if (!watchers()) stopTicker();
      }
      return { watching: on };
    },
  };

  return {
    services,
    attach(server) {
      io = server;
    },
    async close() {
      stopTicker();
      sampler.stop();
      await client?.close();
    },
  };
}
