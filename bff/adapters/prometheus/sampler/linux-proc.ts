// Linux figures for the host sampler read straight from /proc and statfs(2), asynchronously: systeminformation's fsSize and networkStats run `execSync` here, which stalled the BFF's event loop for tens of ms on every sample.
import fsp from 'node:fs/promises';
import type { FilesystemRow } from '../../../../system-apps/dashboard/shared/wire';

export interface Mount {
  device: string;
  mountpoint: string;
  fstype: string;
}

/** /proc/mounts fields escape space, tab, newline and backslash as octal (`\040`). */
const unescapeField = (field: string) => field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));

/** The lines of /proc/mounts (or /proc/self/mounts): device, mount point, type. */
export function parseMounts(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const [device, mountpoint, fstype] = line.trim().split(/\s+/);
    if (device && mountpoint && fstype) mounts.push({ device: unescapeField(device), mountpoint: unescapeField(mountpoint), fstype });
  }
  return mounts;
}

/** /proc/net/dev: received and sent byte counters since boot, per interface. */
export function parseNetDev(text: string): Array<{ iface: string; rxBytes: number; txBytes: number }> {
  const rows: Array<{ iface: string; rxBytes: number; txBytes: number }> = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const iface = line.slice(0, colon).trim();
    const fields = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    // Receive: bytes packets errs drop fifo frame compressed multicast; then transmit: bytes …
    if (!iface || fields.length < 16 || !Number.isFinite(fields[0]) || !Number.isFinite(fields[8])) continue;
    rows.push({ iface, rxBytes: fields[0]!, txBytes: fields[8]! });
  }
  return rows;
}

/**
 * Real filesystems (not those whose type `virtual` matches), one row per mount point, sized as df does:
 * size = blocks × block size, used = (blocks − free blocks) × block size. Empty ones (devpts…) are left out.
 */
export async function linuxFilesystems(virtual: RegExp, mountsFile = '/proc/mounts'): Promise<FilesystemRow[]> {
  const mounts = parseMounts(await fsp.readFile(mountsFile, 'utf8'));
  const seen = new Set<string>();
  const candidates = mounts.filter((m) => !virtual.test(m.fstype) && !seen.has(m.mountpoint) && seen.add(m.mountpoint));
  const rows = await Promise.all(
    candidates.map(async (m): Promise<FilesystemRow | null> => {
      try {
        const s = await fsp.statfs(m.mountpoint);
        const sizeBytes = s.blocks * s.bsize;
        return sizeBytes > 0 ? { mountpoint: m.mountpoint, device: m.device, fstype: m.fstype, sizeBytes, usedBytes: (s.blocks - s.bfree) * s.bsize } : null;
      } catch {
        return null; // gone since /proc/mounts was read, or not ours to look at
      }
    }),
  );
  return rows.filter((r): r is FilesystemRow => r !== null);
}

export async function linuxInterfaces(netDevFile = '/proc/net/dev'): Promise<Array<{ iface: string; rxBytes: number; txBytes: number }>> {
  return parseNetDev(await fsp.readFile(netDevFile, 'utf8'));
}
