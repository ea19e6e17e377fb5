// The controller manager: after any change to the store it runs every control loop once, in a fixed order, until nothing changes.
import type { Store } from '../store';
import type { Timers } from '../timers';
import type { Controller, ControllerContext } from './context';
import { DaemonSetController } from './daemonset';
import { DeploymentController } from './deployment';
import { GarbageCollector } from './garbage-collector';
import { HelmController } from './helm/controller';
import { JobController } from './job';
import { Kubelet } from './kubelet';
import { NamespaceController } from './namespace';
import { ReplicaSetController } from './replicaset';
import { Scheduler } from './scheduler';
import { StatefulSetController } from './statefulset';
import { QuotaController, VolumeBinder } from './storage-and-quota';

export class ControllerManager {
  private readonly controllers: Controller[];
  private queued = false;
  private unsubscribe: (() => void) | undefined;
  private passes: number[] = [];
  private warned = false;

  constructor(
    private readonly store: Store,
    private readonly timers: Timers,
    ctx: Omit<ControllerContext, 'requeue'>,
  ) {
    const full: ControllerContext = { ...ctx, requeue: () => this.queue() };
    this.controllers = [
      new NamespaceController(full),
      new GarbageCollector(full),
      new HelmController(full),
      new DeploymentController(full),
      new ReplicaSetController(full),
      new StatefulSetController(full),
      new DaemonSetController(full),
      new JobController(full),
      new VolumeBinder(full),
      new Scheduler(full),
      new Kubelet(full),
      new QuotaController(full),
    ];
    this.onError = ctx.onError;
  }

  private readonly onError: (err: unknown) => void;

  start(): void {
    // Events are written by controllers and read by nobody here: they do not need another pass.
    this.unsubscribe = this.store.subscribe((e) => {
      if (e.resource.kind !== 'Event') this.queue();
    });
    this.queue();
  }

  queue(): void {
    if (this.queued || this.timers.isClosed) return;
    this.queued = true;
    this.timers.after(0, () => this.pass());
  }

  private pass(): void {
    this.queued = false;
    const t = Date.now();
    this.passes.push(t);
    while ((this.passes[0] ?? t) < t - 1000) this.passes.shift();
    if (this.passes.length > 500 && !this.warned) {
      this.warned = true;
      this.onError(new Error('controllers are not settling (over 500 passes in a second)'));
    }
    for (const c of this.controllers) {
      try {
        c.reconcile();
      } catch (err) {
        this.onError(err);
      }
    }
  }

  stop(): void {
    this.unsubscribe?.();
    for (const c of this.controllers) c.stop?.();
  }
}
