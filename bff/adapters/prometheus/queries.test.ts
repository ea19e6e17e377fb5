// Why this file exists: every range must give charts of a few hundred points with rate windows that span several scrapes, and the filters must keep virtual disks and links out.
import { describe, expect, it } from 'vitest';
import { RANGES } from '../../../system-apps/dashboard/shared/wire';
import { allQueries, panelQueries, rangeSpec, VIRTUAL_FS, VIRTUAL_NET } from './queries';
import { rangeGrid } from './prometheus.metrics';

describe('the Dashboard’s PromQL', () => {
  it('sizes each range’s step for 150–400 points; live is the last 15 minutes', () => {
    expect(rangeSpec('live')).toMatchObject({ seconds: 900, stepSeconds: 5, rateWindow: '60s' });
    for (const range of RANGES) {
      const { seconds, stepSeconds, rateWindow } = rangeSpec(range);
      expect(seconds / stepSeconds).toBeGreaterThanOrEqual(150);
      expect(seconds / stepSeconds).toBeLessThanOrEqual(400);
      expect(parseInt(rateWindow, 10)).toBeGreaterThanOrEqual(Math.max(60, stepSeconds * 4));
    }
    expect(rangeSpec('7d')).toMatchObject({ stepSeconds: 1800, rateWindow: '7200s' });
  });

  it('puts the range’s rate window into the panel queries', () => {
    expect(panelQueries('cpu', '24h').modes).toContain('[1200s]');
    expect(panelQueries('network', '6h').rx).toContain('rate(node_network_receive_bytes_total{device!~');
    expect(panelQueries('network', '6h').rx).toContain('[240s]');
    expect(panelQueries('gpu', 'live')).toEqual({ util: 'avg by (UUID) (DCGM_FI_DEV_GPU_UTIL)', memory: 'sum by (UUID) (DCGM_FI_DEV_FB_USED)' });
    expect(panelQueries('pods', '1h').pods).toBe('sum by (phase) (kube_pod_status_phase)');
  });

  it('leaves virtual filesystems and interfaces out', () => {
    const fs = new RegExp(`^(${VIRTUAL_FS})$`);
    for (const t of ['tmpfs', 'overlay', 'squashfs', 'devtmpfs', 'fuse.lxcfs', 'cgroup2']) expect(fs.test(t), t).toBe(true);
    for (const t of ['ext4', 'xfs', 'btrfs', 'zfs', 'fuseblk']) expect(fs.test(t), t).toBe(false);
    const net = new RegExp(`^(${VIRTUAL_NET})$`);
    for (const i of ['lo', 'veth1a2b', 'docker0', 'cni0', 'flannel.1', 'cali12ab']) expect(net.test(i), i).toBe(true);
    for (const i of ['eth0', 'enp3s0', 'wlan0', 'bond0']) expect(net.test(i), i).toBe(false);
  });

  it('lays a range on whole steps ending at the last step boundary', () => {
    const g = rangeGrid('1h', 1_700_000_007_400);
    expect(g.end).toBe(1_699_999_995); // floor(1_700_000_007 / 15) · 15
    expect(g.grid).toHaveLength(241);
    expect(g.grid[0]).toBe(g.start);
    expect(g.grid.every((t) => t % 15 === 0)).toBe(true);
    const live = rangeGrid('live', 1_700_000_009_999);
    expect([live.end, live.start, live.stepSeconds]).toEqual([1_700_000_005, 1_700_000_005 - 900, 5]);
    expect(rangeGrid('live', 1_700_000_005_000).end).toBe(1_700_000_005);
    expect(rangeGrid('live', 1_700_000_004_999).end).toBe(1_700_000_000);
  });

  it('lists every query once, with names', () => {
    const all = allQueries();
    expect(new Set(all.map((q) => q.name)).size).toBe(all.length);
    expect(all.filter((q) => q.kind === 'range').map((q) => q.name)).toContain('panel.filesystems.used');
  });
});
