// From what the cluster shows in an app's namespace to the app's Olares state, entrance states and progress: pure, so every rule is unit-tested.
import type { AppState, EntranceState } from '../market.types';

/** What the tracker read from the cluster for one app (see observe.ts). */
export interface Observation {
  namespace: 'present' | 'terminating' | 'absent';
  /** The HelmChart of the release, or null. */
  helm: null | {
    /** The chart content we submitted last is the one the controller worked on (its job ran after our change). */
    current: boolean;
    job: 'running' | 'succeeded' | 'failed' | 'none';
    message?: string;
  };
  workloads: Array<{ kind: 'Deployment' | 'StatefulSet'; name: string; desired: number; ready: number; updated: number }>;
  pods: Array<{ name: string; phase: string; ready: boolean; waitingReason?: string; message?: string; unschedulable?: string; restarts: number }>;
}

export interface Derived {
  state: AppState;
  message: string | null;
  progress: number | null;
}

/** Container waits that do not get better by themselves: the install (or upgrade, resume) failed. */
const FATAL_WAITS = new Set(['ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError']);

function podTrouble(obs: Observation): { fatal: boolean; message: string } | null {
  for (const p of obs.pods) {
    if (p.waitingReason && FATAL_WAITS.has(p.waitingReason)) return { fatal: true, message: `${p.name}: ${p.waitingReason}${p.message ? ` (${p.message})` : ''}` };
  }
  for (const p of obs.pods) if (p.unschedulable) return { fatal: false, message: p.unschedulable };
  return null;
}

const allReady = (obs: Observation) => obs.workloads.length > 0 && obs.workloads.every((w) => w.desired > 0 && w.ready >= w.desired && w.updated >= w.desired);
const allDown = (obs: Observation) => obs.workloads.every((w) => w.desired === 0) && obs.pods.length === 0;

function readiness(obs: Observation): number {
  const desired = obs.workloads.reduce((n, w) => n + Math.max(w.desired, 0), 0);
  const ready = obs.workloads.reduce((n, w) => n + Math.min(w.ready, w.desired), 0);
  return desired ? ready / desired : 0;
}

/**
 * The next state of an app in `current` given the cluster's view. States driven by the BFF's own steps
 * (pending, downloading, and installing before the chart is submitted) come back unchanged: the
 * installer moves them on. Terminal states stay as they are.
 */
export function derive(current: AppState, obs: Observation): Derived {
  const same: Derived = { state: current, message: null, progress: null };
  switch (current) {
    case 'installing':
    case 'initializing':
    case 'upgrading': {
      const failed: AppState = current === 'upgrading' ? 'upgradeFailed' : 'installFailed';
      if (!obs.helm || !obs.helm.current) return { ...same, progress: current === 'upgrading' ? 10 : 40 };
      if (obs.helm.job === 'failed') return { state: failed, message: obs.helm.message ?? 'The chart could not be installed.', progress: null };
      if (obs.helm.job === 'running' || obs.helm.job === 'none') return { state: current, message: null, progress: current === 'upgrading' ? 30 : 50 };
      const trouble = podTrouble(obs);
      if (trouble?.fatal) return { state: failed, message: trouble.message, progress: null };
      if (allReady(obs)) return { state: 'running', message: null, progress: null };
      return { state: current === 'upgrading' ? 'upgrading' : 'initializing', message: trouble?.message ?? null, progress: Math.round(60 + 40 * readiness(obs)) };
    }
    case 'resuming': {
      const trouble = podTrouble(obs);
      if (trouble?.fatal) return { state: 'resumeFailed', message: trouble.message, progress: null };
      if (allReady(obs)) return { state: 'running', message: null, progress: null };
      return { state: 'resuming', message: trouble?.message ?? null, progress: Math.round(100 * readiness(obs)) };
    }
    case 'stopping':
      return allDown(obs) ? { state: 'stopped', message: null, progress: null } : same;
    case 'uninstalling':
      return obs.namespace === 'absent' ? { state: 'uninstalled', message: null, progress: null } : same;
    case 'canceling':
      return obs.namespace === 'absent' ? { state: 'canceled', message: null, progress: null } : same;
    case 'running': {
      const trouble = podTrouble(obs);
      return { state: 'running', message: trouble?.message ?? null, progress: null };
    }
    default:
      return same;
  }
}

/** Each entrance's state: its workload (named after the entrance's host) ready, scaled down, or neither. */
export function entranceState(appState: AppState, host: string, obs: Observation): EntranceState {
  if (appState === 'stopped' || appState === 'stopping') return 'stopped';
  if (appState.endsWith('Failed')) return 'failed';
  const own = obs.workloads.find((w) => w.name === host);
  const ready = own ? own.desired > 0 && own.ready >= own.desired : allReady(obs);
  return ready && (appState === 'running' || appState === 'upgrading') ? 'running' : 'notReady';
}
