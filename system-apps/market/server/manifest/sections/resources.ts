// Resource envelopes (requiredCpu, limitedMemory, requiredGpu…): Kubernetes quantities parsed to millicores and bytes.
import type { Fields } from '../fields';
import { isSizedQuantity, parseBytes, parseCpuMillis, parseQuantity, tryQuantity } from '../quantity';
import type { GpuAmount, ResourceAmounts } from '../types';

/** requiredGpu / limitedGpu: "16Gi" is GPU memory, 1 is a device count, 0 is none. */
function readGpu(f: Fields, key: string): GpuAmount | undefined {
  const v = f.raw(key);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') {
    f.error(key, 'expected a Kubernetes quantity (e.g. 16Gi of GPU memory, or 1 device)');
    return undefined;
  }
  const parsed = tryQuantity(parseQuantity, v);
  if (!parsed.ok) {
    f.error(key, parsed.reason);
    return undefined;
  }
  if (parsed.value < 0) {
    f.error(key, `${JSON.stringify(String(v))} must not be negative`);
    return undefined;
  }
  if (parsed.value === 0) return undefined;
  if (isSizedQuantity(v)) return { kind: 'memory', bytes: parseBytes(v) };
  return { kind: 'count', count: parsed.value };
}

/** One side of an envelope: `required*` or `limited*`. `gpuKey` names the GPU field (requiredGpu, requiredGPUMemory). */
export function readAmounts(f: Fields, side: 'required' | 'limited', gpuKey: string): ResourceAmounts {
  const out: ResourceAmounts = {};
  const cpu = f.quantity(`${side}Cpu`, parseCpuMillis);
  const memory = f.quantity(`${side}Memory`, parseBytes);
  const disk = f.quantity(`${side}Disk`, parseBytes);
  const gpu = readGpu(f, gpuKey);
  if (cpu !== undefined) out.cpuMillis = cpu;
  if (memory !== undefined) out.memoryBytes = memory;
  if (disk !== undefined) out.diskBytes = disk;
  if (gpu !== undefined) out.gpu = gpu;
  return out;
}

/** A request above its limit cannot be scheduled as written: reported as a warning (the platform clamps it). */
export function checkEnvelope(f: Fields, required: ResourceAmounts, limited: ResourceAmounts, gpuKey: string): void {
  const pairs: Array<[keyof ResourceAmounts, string]> = [
    ['cpuMillis', 'Cpu'],
    ['memoryBytes', 'Memory'],
    ['diskBytes', 'Disk'],
  ];
  for (const [field, suffix] of pairs) {
    const r = required[field];
    const l = limited[field];
    if (typeof r === 'number' && typeof l === 'number' && r > l) f.warn(`required${suffix}`, `is more than limited${suffix}`);
  }
  const rg = required.gpu;
  const lg = limited.gpu;
  if (rg?.kind === 'memory' && lg?.kind === 'memory' && rg.bytes > lg.bytes) f.warn(gpuKey, `is more than ${gpuKey.replace('required', 'limited')}`);
}
