// Why this file exists: the sampler's Linux readers replace systeminformation's execSync calls — they must parse /proc as the kernel writes it and size filesystems as df does.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VIRTUAL_FS } from '../queries';
import { linuxFilesystems, linuxInterfaces, parseMounts, parseNetDev } from './linux-proc';

const linux = process.platform === 'linux';

describe('parseMounts', () => {
  it('reads device, mount point and type, unescaping the octal escapes of spaces and tabs', () => {
    const text = ['/dev/sda1 / ext4 rw,relatime 0 0', '/dev/sdb1 /mnt/My\\040Disk xfs rw 0 0', 'tmpfs /run tmpfs rw,nosuid 0 0', '', 'garbage'].join('\n');
    expect(parseMounts(text)).toEqual([
      { device: '/dev/sda1', mountpoint: '/', fstype: 'ext4' },
      { device: '/dev/sdb1', mountpoint: '/mnt/My Disk', fstype: 'xfs' },
      { device: 'tmpfs', mountpoint: '/run', fstype: 'tmpfs' },
    ]);
  });
});

describe('parseNetDev', () => {
  it('reads the received and sent byte counters of each interface, skipping the two header lines', () => {
    const text = [
      'Inter-|   Receive                                                |  Transmit',
      ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
      '    lo: 346393510   94788    0    0    0     0          0         0 346393510   94788    0    0    0     0       0          0',
      '  eth0:521670185  412345    0    3    0     0          0        12  2146086   20001    0    0    0     0       0          0',
    ].join('\n');
    expect(parseNetDev(text)).toEqual([
      { iface: 'lo', rxBytes: 346393510, txBytes: 346393510 },
      { iface: 'eth0', rxBytes: 521670185, txBytes: 2146086 },
    ]);
  });
});

describe.runIf(linux)('on this Linux machine', () => {
  it('sizes real filesystems as df does and leaves out virtual, empty and vanished ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mounts-'));
    const mounts = path.join(dir, 'mounts');
    fs.writeFileSync(mounts, ['/dev/root / ext4 rw 0 0', 'tmpfs /tmp tmpfs rw 0 0', 'devpts /dev/pts devpts rw 0 0', '/dev/gone /no/such/mount ext4 rw 0 0', '/dev/root / ext4 rw 0 0'].join('\n'));
    const rows = await linuxFilesystems(new RegExp(`^(${VIRTUAL_FS})$`), mounts);
    fs.rmSync(dir, { recursive: true });
    expect(rows.map((r) => r.mountpoint)).toEqual(['/']);
    const [size, used] = execFileSync('df', ['-B1', '--output=size,used', '/'], { encoding: 'utf8' }).trim().split('\n')[1]!.trim().split(/\s+/).map(Number);
    expect(rows[0]).toMatchObject({ device: '/dev/root', fstype: 'ext4', sizeBytes: size });
    expect(Math.abs(rows[0]!.usedBytes - used!)).toBeLessThan(64 * 2 ** 20); // other writers between the two reads
  });

  it('finds the loopback interface with its counters', async () => {
    const lo = (await linuxInterfaces()).find((n) => n.iface === 'lo');
    expect(lo?.rxBytes).toBeGreaterThan(0);
  });
});
