// The HAMi vocabulary in one place: resource names, annotations and labels, and what each Olares mode puts on an app's pod template.
import type { GpuMode } from '../../../system-apps/settings/shared/gpu-wire';
import { GPU_MODES } from '../../../system-apps/settings/shared/gpu-wire';

/** HAMi's resource names (https://github.com/Project-HAMi/HAMi): a vGPU, its memory (MiB), memory as a percentage, compute share. */
export const HAMI_GPU = 'nvidia.com/gpu';
export const HAMI_GPUMEM = 'nvidia.com/gpumem';
export const HAMI_GPUMEM_PERCENTAGE = 'nvidia.com/gpumem-percentage';
export const HAMI_GPUCORES = 'nvidia.com/gpucores';
/** Pod annotation: schedule only onto the GPU with this UUID. */
export const HAMI_USE_UUID = 'nvidia.com/use-gpuuuid';
/** Node label HAMi's device plugin selects nodes by. */
export const HAMI_NODE_LABEL = 'gpu';
export const HAMI_NODE_LABEL_VALUE = 'on';
/** The resource names only HAMi's scheduler reads (written in limits and, equal, in requests). */
const HAMI_ONLY = [HAMI_GPUMEM, HAMI_GPUMEM_PERCENTAGE, HAMI_GPUCORES];

/** Our record on the node: each GPU's Olares mode, JSON `{ uuid: mode }` (no entry: time slicing). */
export const MODES_ANNOTATION = 'gpu.olares.dev/modes';
/** Our record on a workload: JSON `{ uuid, memoryBytes }` — where the app is bound and the VRAM it was granted. */
export const BINDING_ANNOTATION = 'gpu.olares.dev/binding';

export const DEFAULT_MODE: GpuMode = 'time-slicing';
export const MiB = 1024 * 1024;

export interface Binding {
  uuid: string;
  /** The VRAM granted (memory slicing applies it; other modes keep it for when the card is sliced again). */
  memoryBytes: number | null;
}

const isMode = (v: unknown): v is GpuMode => typeof v === 'string' && (GPU_MODES as readonly string[]).includes(v);

export function readModes(annotations: Record<string, string> | undefined): Record<string, GpuMode> {
  try {
    const parsed: unknown = JSON.parse(annotations?.[MODES_ANNOTATION] ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, GpuMode] => isMode(e[1])));
  } catch {
    return {};
  }
}

export function readBinding(annotations: Record<string, string> | undefined): Binding | null {
  try {
    const parsed = JSON.parse(annotations?.[BINDING_ANNOTATION] ?? 'null') as { uuid?: unknown; memoryBytes?: unknown } | null;
    if (!parsed || typeof parsed.uuid !== 'string') return null;
    const mem = typeof parsed.memoryBytes === 'number' && parsed.memoryBytes > 0 ? parsed.memoryBytes : null;
    return { uuid: parsed.uuid, memoryBytes: mem };
  } catch {
    return null;
  }
}

export const bindingJson = (b: Binding): string => JSON.stringify({ uuid: b.uuid, memoryBytes: b.memoryBytes });

export interface ContainerLike {
  name?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  [k: string]: unknown;
}

/** A container asks for a GPU when it requests or limits `nvidia.com/gpu`. */
export function asksForGpu(c: ContainerLike): boolean {
  const r = c.resources ?? {};
  return Number.parseFloat(r.limits?.[HAMI_GPU] ?? r.requests?.[HAMI_GPU] ?? '0') > 0;
}

/**
 * The resources of one GPU container under a mode and binding: `nvidia.com/gpu` kept (1 when missing);
 * HAMi's names go in limits and requests alike;
 * memory slicing adds `nvidia.com/gpumem` (MiB), exclusive adds `gpumem-percentage: 100` and
 * `gpucores: 100`; unbound (binding null) carries no HAMi-only names at all.
 */
export function gpuResources(c: ContainerLike, mode: GpuMode, binding: Binding | null): ContainerLike['resources'] {
  const requests = { ...(c.resources?.requests ?? {}) };
  const limits = { ...(c.resources?.limits ?? {}) };
  for (const k of HAMI_ONLY) {
    delete requests[k];
    delete limits[k];
  }
  limits[HAMI_GPU] ??= requests[HAMI_GPU] ?? '1';
  const hami: Record<string, string> = {};
  if (binding && mode === 'memory-slicing' && binding.memoryBytes) hami[HAMI_GPUMEM] = String(Math.max(1, Math.floor(binding.memoryBytes / MiB)));
  if (binding && mode === 'exclusive') {
    hami[HAMI_GPUMEM_PERCENTAGE] = '100';
    hami[HAMI_GPUCORES] = '100';
  }
  // Extended resources: requests equal limits (the API server would copy them anyway).
  Object.assign(limits, hami);
  Object.assign(requests, hami);
  return { ...c.resources, ...(Object.keys(requests).length ? { requests } : {}), limits };
}

/** The VRAM a container's limits grant (memory slicing), in bytes; null when it has none. */
export function grantedBytes(c: ContainerLike): number | null {
  const mib = Number.parseInt(c.resources?.limits?.[HAMI_GPUMEM] ?? '', 10);
  return Number.isFinite(mib) && mib > 0 ? mib * MiB : null;
}

export interface TemplateLike {
  metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: { containers?: ContainerLike[]; [k: string]: unknown };
}

/**
 * A JSON merge patch for a Deployment/StatefulSet that applies `binding` under `mode`, or null when
 * the workload already looks like that (nothing to restart). Only GPU containers change.
 */
export function workloadPatch(annotations: Record<string, string> | undefined, template: TemplateLike, mode: GpuMode, binding: Binding | null): object | null {
  const containers = template.spec?.containers ?? [];
  const next = containers.map((c) => (asksForGpu(c) ? { ...c, resources: gpuResources(c, mode, binding) } : c));
  const pinNow = template.metadata?.annotations?.[HAMI_USE_UUID] ?? null;
  const pinNext = binding?.uuid ?? null;
  const recordNow = annotations?.[BINDING_ANNOTATION] ?? null;
  const recordNext = binding ? bindingJson(binding) : null;
  const templateChanged = pinNow !== pinNext || JSON.stringify(next) !== JSON.stringify(containers);
  if (!templateChanged && recordNow === recordNext) return null;
  return {
    metadata: { annotations: { [BINDING_ANNOTATION]: recordNext } },
    ...(templateChanged ? { spec: { template: { metadata: { annotations: { [HAMI_USE_UUID]: pinNext } }, spec: { containers: next } } } } : {}),
  };
}

/** Whether a patch from workloadPatch changes the pod template (and so restarts the pods). */
export function restartsPods(patch: object | null): boolean {
  return !!patch && 'spec' in patch;
}
