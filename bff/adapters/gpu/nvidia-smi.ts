// The GPU port over nvidia-smi on this machine: two CSV queries, read by header name, cached for a moment.
import { execFile } from 'node:child_process';
import os from 'node:os';
import type { GpuProcess } from '../../../system-apps/settings/shared/gpu-wire';
import { bytesOf, numberOf, parseCsv } from './csv';
import type { GpuPort, GpuReading, GpuScan } from './port';

export const GPU_FIELDS = ['index', 'uuid', 'name', 'memory.total', 'memory.used', 'utilization.gpu', 'temperature.gpu', 'power.draw', 'power.limit', 'mig.mode.current'];
export const APP_FIELDS = ['gpu_uuid', 'pid', 'process_name', 'used_gpu_memory'];

export interface NvidiaSmiOptions {
  /** The executable (config.gpu.nvidiaSmi): a name looked up on PATH or a path. */
  command: string;
  /** How long one run may take (default 10 s). */
  timeoutMs?: number;
  /** How long a scan is reused (default 2 s). */
  cacheMs?: number;
  /** The node these GPUs are in (default NODE_NAME, else this machine's host name as the simulator names its node). */
  node?: string;
}

/** This machine's node name as the simulator's default node spells it (bff/adapters/kubernetes/simulator/controllers/nodes.ts). */
export function localNodeName(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NODE_NAME) return env.NODE_NAME;
  return os.hostname().toLowerCase().replace(/[^a-z0-9.-]/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'olares';
}

interface RunResult {
  ok: boolean;
  stdout: string;
  /** ENOENT: not installed. */
  missing: boolean;
  code: number | null;
  firstLine: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, windowsHide: true, env: process.env }, (err, stdout, stderr) => {
      const text = `${stdout}\n${stderr}`;
      const firstLine = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
      if (!err) return resolve({ ok: true, stdout, missing: false, code: 0, firstLine });
      const e = err as NodeJS.ErrnoException & { code?: string | number; killed?: boolean };
      if (e.code === 'ENOENT' || e.code === 'EACCES') return resolve({ ok: false, stdout, missing: e.code === 'ENOENT', code: null, firstLine: e.code === 'EACCES' ? 'nvidia-smi cannot be run (permission denied)' : '' });
      if (e.killed) return resolve({ ok: false, stdout, missing: false, code: null, firstLine: `nvidia-smi did not answer within ${Math.round(timeoutMs / 1000)} s` });
      resolve({ ok: false, stdout, missing: false, code: typeof e.code === 'number' ? e.code : null, firstLine });
    });
  });
}

/** A one-line message safe to show: no paths (an absolute path becomes its last part), at most 200 characters. */
export function safeDetail(line: string): string {
  const cleaned = line.replace(/(?:\/[^\s/:'"]+)+\/([^\s/:'"]+)/g, '$1').trim();
  return (cleaned || 'nvidia-smi failed').slice(0, 200);
}

const NO_DEVICES = /no devices were found/i;

/** Readings from the two CSV outputs (exported for the fixture tests). */
export function readingsFrom(gpuCsv: string, appsCsv: string, node: string): GpuReading[] {
  const gpus = parseCsv(gpuCsv);
  const apps = parseCsv(appsCsv, { joinInto: 'process_name' });
  const unit = (table: typeof gpus, name: string) => table.columns.find((c) => c.name === name)?.unit ?? null;
  const processes = new Map<string, GpuProcess[]>();
  for (const row of apps.rows) {
    const uuid = row.gpu_uuid;
    const pid = numberOf(row.pid);
    if (!uuid || pid === null) continue;
    const list = processes.get(uuid) ?? [];
    list.push({ pid, name: row.process_name ?? '', memoryBytes: bytesOf(row.used_gpu_memory, unit(apps, 'used_gpu_memory')) });
    processes.set(uuid, list);
  }
  const out: GpuReading[] = [];
  gpus.rows.forEach((row, i) => {
    const uuid = row.uuid;
    if (!uuid) return;
    const util = numberOf(row['utilization.gpu']);
    out.push({
      uuid,
      index: numberOf(row.index) ?? i,
      node,
      model: row.name ?? 'NVIDIA GPU',
      memoryTotalBytes: bytesOf(row['memory.total'], unit(gpus, 'memory.total')) ?? 0,
      memoryUsedBytes: bytesOf(row['memory.used'], unit(gpus, 'memory.used')),
      utilisation: util === null ? null : Math.min(1, Math.max(0, util / 100)),
      temperatureC: numberOf(row['temperature.gpu']),
      powerW: numberOf(row['power.draw']),
      powerLimitW: numberOf(row['power.limit']),
      mig: (row['mig.mode.current'] ?? '').toLowerCase() === 'enabled',
      processes: processes.get(uuid) ?? [],
    });
  });
  return out.sort((a, b) => a.index - b.index);
}

export function createNvidiaSmiPort(opts: NvidiaSmiOptions): GpuPort {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const cacheMs = opts.cacheMs ?? 2_000;
  let cached: { at: number; scan: Promise<GpuScan> } | null = null;

  async function scanNow(): Promise<GpuScan> {
    const node = opts.node ?? localNodeName();
    const gpus = await run(opts.command, [`--query-gpu=${GPU_FIELDS.join(',')}`, '--format=csv'], timeoutMs);
    if (gpus.missing) return { ok: true, source: 'none', devices: [] };
    if (!gpus.ok) {
      if (gpus.code === 6 || NO_DEVICES.test(gpus.firstLine)) return { ok: true, source: 'none', devices: [] };
      return { ok: false, source: 'nvidia-smi', detail: safeDetail(gpus.firstLine) };
    }
    if (NO_DEVICES.test(gpus.firstLine)) return { ok: true, source: 'none', devices: [] };
    // Processes are extra: when that query fails the cards are still shown, without processes.
    const apps = await run(opts.command, [`--query-compute-apps=${APP_FIELDS.join(',')}`, '--format=csv'], timeoutMs);
    const devices = readingsFrom(gpus.stdout, apps.ok ? apps.stdout : '', node);
    if (devices.length === 0) return { ok: true, source: 'none', devices: [] };
    return { ok: true, source: 'nvidia-smi', devices };
  }

  return {
    scan() {
      const now = Date.now();
      if (cached && now - cached.at < cacheMs) return cached.scan;
      const scan = scanNow();
      cached = { at: now, scan };
      return scan;
    },
  };
}
