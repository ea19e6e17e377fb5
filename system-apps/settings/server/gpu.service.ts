// Settings → GPU's logic: joins what the GPU port sees with the cluster's modes and bindings, and applies mode changes and bindings through HAMi.
import type { z } from 'zod';
import { isAdmin, type Role } from '../../../bff/auth/types';
import { DEFAULT_MODE, MiB, type Binding } from '../../../bff/adapters/gpu/hami';
import type { GpuPort, GpuReading, GpuScan } from '../../../bff/adapters/gpu/port';
import { isKubeError, type KubeApi, type KubernetesAdapter } from '../../../bff/adapters/kubernetes';
import { appError } from '../../../bff/trpc/app-error';
import type { GpuApp, GpuBinding, GpuChange, GpuDevice, GpuInputs, GpuMode, GpuStatus } from '../shared/gpu-wire';
import { applyBinding, labelGpuNode, readCluster, writeNodeMode, type ClusterApp, type ClusterNode, type ClusterView } from './gpu.cluster';

export interface GpuCaller {
  name: string;
  role: Role;
}

export interface GpuServiceDeps {
  port: GpuPort;
  cluster: KubernetesAdapter | null;
  /** The pause before reading the cluster again after a failed read (tests shorten it). */
  clusterRetryMs?: number;
  log?: { warn(obj: object, msg?: string): void };
}

interface Snapshot {
  scan: GpuScan;
  view: ClusterView | null;
  devices: GpuDevice[];
}

/** Reads of the cluster before a status says it did not answer, and the pause between them. */
const CLUSTER_READS = 2;
const CLUSTER_RETRY_MS = 300;

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

/** The cluster node a reading's card is in: its own name when the cluster has it, else the one GPU node (or the only node). */
function nodeOf(reading: GpuReading, nodes: ClusterNode[]): ClusterNode | null {
  const named = nodes.find((n) => n.name === reading.node);
  if (named) return named;
  const withGpus = nodes.filter((n) => n.gpus > 0);
  if (withGpus.length === 1) return withGpus[0] ?? null;
  return nodes.length === 1 ? (nodes[0] ?? null) : null;
}

function bindingView(app: ClusterApp, mode: GpuMode): GpuBinding {
  return {
    namespace: app.namespace,
    app: app.app,
    owner: app.owner,
    memoryBytes: mode === 'memory-slicing' ? (app.binding?.memoryBytes ?? null) : null,
    workloads: app.workloads.map((w) => w.name),
  };
}

export class GpuService {
  /** Changes run one at a time, so two admins cannot both grant the last of a card's memory (check, then write). */
  private changes: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: GpuServiceDeps) {}

  async status(caller: GpuCaller): Promise<GpuStatus> {
    return this.statusOf(await this.snapshot(), caller);
  }

  async setMode(caller: GpuCaller, input: z.infer<typeof GpuInputs.setMode>): Promise<GpuChange> {
    const api = this.manage(caller);
    return this.oneAtATime(() => this.setModeNow(api, caller, input));
  }

  async bind(caller: GpuCaller, input: z.infer<typeof GpuInputs.bind>): Promise<GpuChange> {
    const api = this.manage(caller);
    return this.oneAtATime(() => this.bindNow(api, caller, input));
  }

  /**
   * Takes the pin and the memory grant away and leaves `nvidia.com/gpu: 1`: the app still needs a GPU
   * (its chart says so), so HAMi may place it on any card.
   */
  async unbind(caller: GpuCaller, input: z.infer<typeof GpuInputs.unbind>): Promise<GpuChange> {
    const api = this.manage(caller);
    return this.oneAtATime(() => this.unbindNow(api, caller, input));
  }

  private oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.changes.then(fn, fn);
    this.changes = run.catch(() => undefined);
    return run;
  }

  private async setModeNow(api: KubeApi, caller: GpuCaller, input: z.infer<typeof GpuInputs.setMode>): Promise<GpuChange> {
    const snap = await this.snapshot();
    const { device, node } = this.deviceOf(snap, input.uuid);
    const bound = this.boundTo(snap, input.uuid);
    if (input.mode === 'exclusive' && bound.length > 1) {
      throw appError('CONFLICT', 'gpu.exclusiveHasApps', `${device.model} has ${bound.length} apps bound (${bound.map((a) => a.app).join(', ')}); app-exclusive mode allows one. Move or unbind the others first.`);
    }
    const bindings = input.mode === 'memory-slicing' ? this.sliceMemory(device, bound) : new Map(bound.map((a) => [a.namespace, a.binding!]));
    const restarted: string[] = [];
    await this.kube(async () => {
      await writeNodeMode(api, node, input.uuid, input.mode);
      for (const app of bound) restarted.push(...(await applyBinding(api, app, input.mode, bindings.get(app.namespace) ?? null)));
    });
    return { status: await this.status(caller), restarted };
  }

  private async bindNow(api: KubeApi, caller: GpuCaller, input: z.infer<typeof GpuInputs.bind>): Promise<GpuChange> {
    const snap = await this.snapshot();
    const { device, node } = this.deviceOf(snap, input.uuid);
    const app = this.appOf(snap, input.namespace);
    const others = this.boundTo(snap, input.uuid).filter((a) => a.namespace !== app.namespace);
    if (device.mode === 'exclusive' && others.length > 0) {
      throw appError('CONFLICT', 'gpu.exclusiveTaken', `${device.model} is app-exclusive and already held by ${others[0]!.app}; unbind or move it first, or switch the GPU to another mode.`);
    }
    if (input.memoryBytes !== undefined && input.memoryBytes > device.memoryTotalBytes) {
      throw appError('BAD_REQUEST', 'gpu.memoryOvercommitted', `${gib(input.memoryBytes)} is more than ${device.model}'s ${gib(device.memoryTotalBytes)}.`);
    }
    if (device.mode === 'memory-slicing') {
      if (input.memoryBytes === undefined) throw appError('BAD_REQUEST', 'gpu.memoryRequired', `${device.model} is memory-sliced: say how much of its memory ${app.app} gets.`);
      if (input.memoryBytes < MiB) throw appError('BAD_REQUEST', 'gpu.memoryTooSmall', 'Grant at least 1 MiB of GPU memory.');
      const granted = others.reduce((sum, a) => sum + (a.binding?.memoryBytes ?? 0), 0);
      if (granted + input.memoryBytes > device.memoryTotalBytes) {
        const free = Math.max(0, device.memoryTotalBytes - granted);
        throw appError('BAD_REQUEST', 'gpu.memoryOvercommitted', `${device.model} has ${gib(free)} of memory not granted to other apps; ${gib(input.memoryBytes)} does not fit.`, { freeBytes: free });
      }
    }
    const binding: Binding = { uuid: input.uuid, memoryBytes: input.memoryBytes ?? (app.binding?.uuid === input.uuid ? app.binding.memoryBytes : null) };
    let restarted: string[] = [];
    await this.kube(async () => {
      await labelGpuNode(api, node.name);
      restarted = await applyBinding(api, app, device.mode, binding);
    });
    return { status: await this.status(caller), restarted };
  }

  private async unbindNow(api: KubeApi, caller: GpuCaller, input: z.infer<typeof GpuInputs.unbind>): Promise<GpuChange> {
    const snap = await this.snapshot();
    const app = this.appOf(snap, input.namespace);
    let restarted: string[] = [];
    await this.kube(async () => {
      restarted = await applyBinding(api, app, DEFAULT_MODE, null);
    });
    return { status: await this.status(caller), restarted };
  }

  // ------------------------------------------------------------------------------------------

  private manage(caller: GpuCaller): KubeApi {
    if (!isAdmin(caller.role)) throw appError('FORBIDDEN', 'auth.adminOnly', 'Only the owner or an admin may do this.');
    if (!this.deps.cluster) throw appError('PRECONDITION_FAILED', 'gpu.noCluster', 'No cluster is connected, so GPU modes and bindings cannot be applied.');
    return this.deps.cluster.system();
  }

  private async snapshot(): Promise<Snapshot> {
    const scan = await this.deps.port.scan();
    let view: ClusterView | null = null;
    if (this.deps.cluster) {
      // Asked twice: one failed read (a busy API server, a dropped connection) is not worth a page that says so.
      for (let attempt = 1; attempt <= CLUSTER_READS && !view; attempt++) {
        try {
          view = await readCluster(this.deps.cluster.system());
        } catch (err) {
          this.deps.log?.warn({ err, attempt }, 'gpu: could not read the cluster');
          if (attempt < CLUSTER_READS) await new Promise((resolve) => setTimeout(resolve, this.deps.clusterRetryMs ?? CLUSTER_RETRY_MS));
        }
      }
    }
    const readings = scan.ok ? scan.devices : [];
    const apps = view ? [...view.apps.values()] : [];
    const devices = readings.map((r): GpuDevice => {
      const node = view ? nodeOf(r, view.nodes) : null;
      const mode = node?.modes[r.uuid] ?? DEFAULT_MODE;
      const bound = apps.filter((a) => a.workloads.length > 0 && a.binding?.uuid === r.uuid);
      const granted = bound.reduce((s, a) => s + (a.binding?.memoryBytes ?? 0), 0);
      return {
        ...r,
        node: node?.name ?? r.node,
        mode,
        bindings: bound.map((a) => bindingView(a, mode)),
        memoryUnallocatedBytes: mode === 'memory-slicing' ? Math.max(0, r.memoryTotalBytes - granted) : null,
      };
    });
    return { scan, view, devices };
  }

  private statusOf(snap: Snapshot, caller: GpuCaller): GpuStatus {
    const { scan, view, devices } = snap;
    const apps: GpuApp[] = view
      ? [...view.apps.values()]
          .filter((a) => a.workloads.length > 0)
          .map((a) => ({ namespace: a.namespace, app: a.app, owner: a.owner, boundTo: a.binding && devices.some((d) => d.uuid === a.binding?.uuid) ? a.binding.uuid : null }))
          .sort((a, b) => a.namespace.localeCompare(b.namespace))
      : [];
    const base = { source: scan.source, devices, apps, canManage: isAdmin(caller.role) };
    if (!scan.ok) return { ...base, available: false, reason: 'driver-error', detail: scan.detail };
    if (devices.length === 0) return { ...base, available: false, reason: 'no-gpu' };
    if (!view) return { ...base, available: false, reason: this.deps.cluster ? 'cluster-unreachable' : 'no-cluster' };
    return { ...base, available: true };
  }

  private deviceOf(snap: Snapshot, uuid: string): { device: GpuDevice; node: ClusterNode } {
    const device = snap.devices.find((d) => d.uuid === uuid);
    if (!device) throw appError('NOT_FOUND', 'gpu.unknownGpu', `There is no GPU ${uuid} in this ${this.deps.cluster ? 'cluster' : 'machine'}.`);
    const node = snap.view?.nodes.find((n) => n.name === device.node);
    if (!node) throw appError('PRECONDITION_FAILED', 'gpu.nodeUnknown', `The node of ${device.model} (${device.node}) is not in the cluster.`);
    return { device, node };
  }

  private appOf(snap: Snapshot, namespace: string): ClusterApp {
    const app = snap.view?.apps.get(namespace);
    if (!app) throw appError('NOT_FOUND', 'gpu.unknownApp', `${namespace} is not an installed app.`);
    if (app.workloads.length === 0) throw appError('BAD_REQUEST', 'gpu.appNeedsNoGpu', `${app.app} (${namespace}) does not ask for a GPU.`);
    return app;
  }

  private boundTo(snap: Snapshot, uuid: string): ClusterApp[] {
    return snap.view ? [...snap.view.apps.values()].filter((a) => a.workloads.length > 0 && a.binding?.uuid === uuid) : [];
  }

  /** Memory slicing: apps keep the amounts they have; the others share what is left equally (whole MiB). */
  private sliceMemory(device: GpuDevice, bound: ClusterApp[]): Map<string, Binding> {
    const out = new Map<string, Binding>();
    const keep = bound.filter((a) => a.binding?.memoryBytes);
    const kept = keep.reduce((s, a) => s + (a.binding?.memoryBytes ?? 0), 0);
    const rest = bound.filter((a) => !a.binding?.memoryBytes);
    const share = rest.length ? Math.floor((device.memoryTotalBytes - kept) / rest.length / MiB) * MiB : 0;
    if (kept > device.memoryTotalBytes || (rest.length > 0 && share < MiB)) {
      throw appError('BAD_REQUEST', 'gpu.memoryOvercommitted', `The apps bound to ${device.model} were granted more than its ${gib(device.memoryTotalBytes)}; lower their amounts or move one first.`);
    }
    for (const a of keep) out.set(a.namespace, { uuid: device.uuid, memoryBytes: a.binding!.memoryBytes });
    for (const a of rest) out.set(a.namespace, { uuid: device.uuid, memoryBytes: share });
    return out;
  }

  /** Runs cluster writes; a Kubernetes refusal becomes a clear error without URLs or stacks. */
  private async kube(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (!isKubeError(err)) throw err;
      this.deps.log?.warn({ err }, 'gpu: the cluster refused a change');
      const code = err.code === 404 ? 'NOT_FOUND' : err.code === 409 ? 'CONFLICT' : err.code === 403 ? 'FORBIDDEN' : 'INTERNAL_SERVER_ERROR';
      throw appError(code, 'gpu.clusterRefused', `The cluster refused the change (${err.reason || err.code}); nothing else was changed after that step.`);
    }
  }
}
