// A local Kubernetes cluster simulator: serves the REST API subset Olares uses and acts out its controllers, so the real client runs without a cluster.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestHandler } from './api-server';
import type { Timings } from './controllers/context';
import { EventRecorder } from './controllers/events';
import { ControllerManager } from './controllers/manager';
import { defaultNodes, syncNodes, type NodeOptions } from './controllers/nodes';
import { kubeconfigYaml } from './kubeconfig';
import { Ops } from './ops';
import { StateSaver, loadState } from './persistence';
import { PodLogs } from './pod-logs';
import { resource } from './resources';
import { Store } from './store';
import { Timers } from './timers';
import { WatchHub } from './watch';

export { SIMULATOR_PLATFORM } from './discovery';

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Load objects from this JSON file at start and save to it after changes, so state survives restarts. */
  stateFile?: string;
  /** Default: one node sized like this machine, no GPU, arch amd64. */
  nodes?: Array<{ name: string; cpu: string; memory: string; gpus?: number; gpuModel?: string; disk?: string; arch?: string }>;
  /** Defaults suit people watching (~300/1500/800/500 ms); tests pass small values. */
  timings?: Partial<{ scheduleMs: number; createMs: number; helmJobMs: number; terminateMs: number }>;
  /** How many past events are kept for watches to resume from (default 1000). */
  historyLimit?: number;
}

export interface ClusterSimulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** A kubeconfig for the admin identity pointing at `url`. */
  kubeconfig(): string;
  /** Test hook: ends every open watch connection (the client sees a disconnect). */
  breakWatches(): void;
  /** Test hook: forgets event history, so resuming a watch from an older resourceVersion gets 410 Gone. */
  compact(): void;
  close(): Promise<void>;
}

const DEFAULT_TIMINGS: Timings = { scheduleMs: 300, createMs: 1500, helmJobMs: 800, terminateMs: 500 };
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function reportError(err: unknown): void {
  process.emitWarning(`cluster simulator: ${err instanceof Error ? err.message : String(err)}`);
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<ClusterSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const timings: Timings = { ...DEFAULT_TIMINGS, ...opts.timings };
  const token = randomBytes(24).toString('hex');
  const store = new Store(Math.max(1, opts.historyLimit ?? 1000));
  const ops = new Ops(store);
  const timers = new Timers(reportError);
  const events = new EventRecorder(store, ops);
  let url = '';

  const saved = opts.stateFile ? loadState(opts.stateFile, reportError) : undefined;
  if (saved) store.restore(saved.resourceVersion, saved.objects);
  for (const name of SYSTEM_NAMESPACES) {
    if (!store.get(resource('namespaces'), undefined, name)) ops.create(resource('namespaces'), undefined, { metadata: { name } });
  }
  syncNodes(store, ops, (opts.nodes as NodeOptions[] | undefined) ?? defaultNodes());

  const watches = new WatchHub(store, timers);
  const logs = new PodLogs(store, timers, Math.min(5000, Math.max(50, timings.createMs * 2)));
  const server = http.createServer(
    createRequestHandler({ store, ops, token, watches, logs, address: () => url.replace(/^http:\/\//, '') }),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  const manager = new ControllerManager(store, timers, { store, ops, timers, timings, events, url: () => url, onError: reportError });
  const saver = opts.stateFile ? new StateSaver(opts.stateFile, store, reportError) : undefined;
  const unsubscribeSaver = saver ? store.subscribe(() => saver.schedule()) : undefined;
  saver?.schedule();
  manager.start();

  let closing: Promise<void> | undefined;
  return {
    url,
    kubeconfig: () => kubeconfigYaml(url, token),
    breakWatches: () => watches.breakAll(),
    compact: () => store.compact(),
    close: () => {
      closing ??= (async () => {
        manager.stop();
        timers.clearAll();
        watches.endAll();
        logs.endAll();
        unsubscribeSaver?.();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await saver?.flush();
      })();
      return closing;
    },
  };
}
