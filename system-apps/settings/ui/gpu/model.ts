// What the GPU page works out from the server's status: the apps a change restarts, where an app may go, and how much VRAM it may have there.
import type { GpuApp, GpuDevice, GpuMode, GpuStatus } from '../../shared/gpu-wire';

/** An app as the page names it: its app name, with the owner when the namespace is someone's. */
export interface AppRef {
  namespace: string;
  app: string;
  owner: string | null;
}

export function findDevice(status: GpuStatus | null, uuid: string | null | undefined): GpuDevice | null {
  return (uuid && status?.devices.find((d) => d.uuid === uuid)) || null;
}

/** The device an app is bound to (by the apps list first, then by the devices' bindings). */
export function deviceOf(status: GpuStatus | null, namespace: string): GpuDevice | null {
  if (!status) return null;
  const app = status.apps.find((a) => a.namespace === namespace);
  return findDevice(status, app?.boundTo) ?? status.devices.find((d) => d.bindings.some((b) => b.namespace === namespace)) ?? null;
}

/** Apps that want a GPU and hold none. */
export function unboundApps(status: GpuStatus | null): GpuApp[] {
  if (!status) return [];
  return status.apps.filter((a) => !a.boundTo && !status.devices.some((d) => d.bindings.some((b) => b.namespace === a.namespace)));
}

/** The apps a mode change on this card restarts: every app bound to it. */
export function restartsOnModeChange(device: GpuDevice): AppRef[] {
  return device.bindings.map((b) => ({ namespace: b.namespace, app: b.app, owner: b.owner }));
}

/** The VRAM an app may have on a memory-slicing card: what no app holds, plus what it holds there already. */
export function maxVramFor(device: GpuDevice, namespace: string): number {
  const own = device.bindings.find((b) => b.namespace === namespace)?.memoryBytes ?? 0;
  const free = device.memoryUnallocatedBytes ?? Math.max(0, device.memoryTotalBytes - device.bindings.reduce((n, b) => n + (b.memoryBytes ?? 0), 0));
  return Math.min(device.memoryTotalBytes, free + own);
}

export type TargetBlock = 'held' | 'full' | 'current';

export interface BindTarget {
  device: GpuDevice;
  /** Why the app cannot go there; null when it can. */
  blocked: TargetBlock | null;
  /** The app that holds an exclusive card. */
  holder: string | null;
  maxBytes: number | null;
}

/** Every card an app could be bound (or moved) to, with the reason a card is out of reach. */
export function bindTargets(status: GpuStatus | null, namespace: string): BindTarget[] {
  if (!status) return [];
  const current = deviceOf(status, namespace);
  return status.devices.map((device) => {
    const others = device.bindings.filter((b) => b.namespace !== namespace);
    const maxBytes = device.mode === 'memory-slicing' ? maxVramFor(device, namespace) : null;
    let blocked: TargetBlock | null = null;
    if (current?.uuid === device.uuid && device.mode !== 'memory-slicing') blocked = 'current';
    else if (device.mode === 'exclusive' && others.length > 0) blocked = 'held';
    else if (maxBytes !== null && maxBytes < 1024 * 1024) blocked = 'full';
    return { device, blocked, holder: device.mode === 'exclusive' ? (others[0]?.app ?? null) : null, maxBytes };
  });
}

/** The first card an app can go to: the one it is on when that can take a new amount, else the first open one. */
export function defaultTarget(targets: BindTarget[], current: string | null): string | null {
  return (targets.find((t) => t.device.uuid === current && !t.blocked) ?? targets.find((t) => !t.blocked))?.device.uuid ?? null;
}

/** A change of mode that keeps bound apps within the new mode's rule, or the reason it would not. */
export function modeChangeProblem(device: GpuDevice, mode: GpuMode): 'exclusiveTooMany' | null {
  return mode === 'exclusive' && device.bindings.length > 1 ? 'exclusiveTooMany' : null;
}

/** A mode's message key (`settings.gpu.modes.<key>`): message paths keep to letters. */
export function modeKey(mode: GpuMode): 'timeSlicing' | 'memorySlicing' | 'exclusive' {
  return mode === 'time-slicing' ? 'timeSlicing' : mode === 'memory-slicing' ? 'memorySlicing' : 'exclusive';
}

/** A source's message key (`settings.gpu.sources.<key>`). */
export function sourceKey(source: GpuStatus['source']): 'nvidiaSmi' | 'dcgm' | 'none' {
  return source === 'nvidia-smi' ? 'nvidiaSmi' : source;
}
