// What every controller is handed: the store to read, ops to write through, timers, timings and the event recorder.
import type { Ops } from '../ops';
import type { Store } from '../store';
import type { Timers } from '../timers';
import type { EventRecorder } from './events';

export interface Timings {
  /** Pending → scheduled onto a node. */
  scheduleMs: number;
  /** ContainerCreating → Running (image pull and start), also the crash-loop and restart pace. */
  createMs: number;
  /** How long a helm install/upgrade/delete job's container runs. */
  helmJobMs: number;
  /** How long a deleted pod or namespace stays Terminating. */
  terminateMs: number;
}

export interface ControllerContext {
  store: Store;
  ops: Ops;
  timers: Timers;
  timings: Timings;
  events: EventRecorder;
  /** The simulator's base URL, for entrance annotations. */
  url(): string;
  /** Asks for another reconcile pass soon (after a timer-driven change that writes nothing). */
  requeue(): void;
  onError(err: unknown): void;
}

/** One control loop: looks at the whole store and moves it one step towards what specs ask for. */
export interface Controller {
  readonly name: string;
  reconcile(): void;
  /** Drops in-memory state (timers are cleared by the Timers registry). */
  stop?(): void;
}

/** The annotation tests put on pod templates and HelmCharts to make things fail on purpose. */
export const FAIL_ANNOTATION = 'simulator.olares.dev/fail';
