// This machine's raw figures for the host sampler: CPU modes, load, memory, filesystems and network counters (/proc and statfs on Linux, systeminformation elsewhere).
import fsp from 'node:fs/promises';
import os from 'node:os';
import si from 'systeminformation';
import type { FilesystemRow } from '../../../../system-apps/dashboard/shared/wire';
import { VIRTUAL_FS, VIRTUAL_NET } from '../queries';
import { linuxFilesystems, linuxInterfaces } from './linux-proc';

export interface HostReading {
  /** Shares of CPU time since the previous reading, 0..1 each. */
  cpu: { user: number; system: number; iowait: number; other: number };
  cores: number;
  load: [number, number, number];
  memory: { total: number; available: number; free: number; buffers: number; cached: number };
  filesystems: FilesystemRow[];
  /** Byte counters since boot per interface (the sampler turns them into rates). */
  interfaces: Array<{ iface: string; rxBytes: number; txBytes: number }>;
}

export interface HostSource {
  read(): Promise<HostReading>;
}

const virtualFs = new RegExp(`^(${VIRTUAL_FS})$`);
const virtualNet = new RegExp(`^(${VIRTUAL_NET})$`);

/** /proc/stat's first line: user nice system idle iowait irq softirq steal. */
async function procStat(): Promise<number[] | null> {
  try {
    const line = (await fsp.readFile('/proc/stat', 'utf8')).split('\n', 1)[0] ?? '';
    if (!line.startsWith('cpu ')) return null;
    return line.trim().split(/\s+/).slice(1, 9).map(Number);
  } catch {
    return null;
  }
}

/**
 * The real machine. On Linux the CPU modes come from /proc/stat deltas (systeminformation's currentLoad has
 * no iowait); elsewhere from currentLoad, with iowait 0.
 */
export function createHostSource(): HostSource {
  let previous: number[] | null = null;

  async function cpu(): Promise<HostReading['cpu']> {
    const now = await procStat();
    if (now) {
      const before = previous;
      previous = now;
      if (before) {
        const d = now.map((v, i) => v - (before[i] ?? 0));
        const total = d.reduce((a, b) => a + b, 0);
        if (total > 0) {
          const [user = 0, nice = 0, system = 0, , iowait = 0, irq = 0, softirq = 0, steal = 0] = d;
          return { user: (user + nice) / total, system: (system + irq + softirq) / total, iowait: iowait / total, other: steal / total };
        }
      }
    }
    const load = await si.currentLoad();
    return { user: (load.currentLoadUser + load.currentLoadNice) / 100, system: (load.currentLoadSystem + load.currentLoadIrq) / 100, iowait: 0, other: load.currentLoadSteal / 100 };
  }

  // On Linux nothing here starts a process: systeminformation's fsSize and networkStats use execSync there.
  const linux = process.platform === 'linux';

  async function filesystemRows(): Promise<FilesystemRow[]> {
    if (linux) return linuxFilesystems(virtualFs).catch(() => []);
    const seen = new Set<string>();
    const rows: FilesystemRow[] = [];
    for (const f of await si.fsSize().catch(() => [])) {
      if (virtualFs.test(f.type) || !f.mount || seen.has(f.mount) || !f.size) continue;
      seen.add(f.mount);
      rows.push({ mountpoint: f.mount, device: f.fs, fstype: f.type, sizeBytes: f.size, usedBytes: f.used });
    }
    return rows;
  }

  async function interfaceCounters(): Promise<HostReading['interfaces']> {
    const all = linux ? await linuxInterfaces().catch(() => []) : (await si.networkStats('*').catch(() => [])).map((n) => ({ iface: n.iface, rxBytes: n.rx_bytes, txBytes: n.tx_bytes }));
    return all.filter((n) => !virtualNet.test(n.iface));
  }

  return {
    async read() {
      const [c, mem, filesystems, interfaces] = await Promise.all([cpu(), si.mem(), filesystemRows(), interfaceCounters()]);
      const [l1 = 0, l5 = 0, l15 = 0] = os.loadavg();
      return {
        cpu: c,
        cores: os.availableParallelism?.() ?? os.cpus().length,
        load: [l1, l5, l15],
        memory: { total: mem.total, available: mem.available, free: mem.free, buffers: mem.buffers, cached: mem.cached },
        filesystems: filesystems.sort((a, b) => a.mountpoint.localeCompare(b.mountpoint)),
        interfaces,
      };
    },
  };
}
