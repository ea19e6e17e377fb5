// Why this file exists: the Dashboard must never go blank — Prometheus answers when it can, the sampler otherwise, and every answer says which and why.
import { describe, expect, it } from 'vitest';
import { createPromClient } from './client';
import { FallbackMetrics } from './fallback';
import { MetricsUnavailable, type HostOverview, type MetricsPort } from './port';

const overview = (usage: number): HostOverview => ({
  at: 1,
  cpu: { usage, cores: 1, load1: 0, load5: 0, load15: 0 },
  memory: { totalBytes: 1, usedBytes: 0, availableBytes: 1 },
  disk: { totalBytes: 1, usedBytes: 0 },
  network: { rxBytesPerSec: 0, txBytesPerSec: 0 },
});

function fakePort(kind: 'prometheus' | 'sampler', usage: number, fail?: () => Error | null): MetricsPort & { calls: number } {
  const port = {
    kind,
    calls: 0,
    async overview() {
      port.calls++;
      const err = fail?.();
      if (err) throw err;
      return overview(usage);
    },
    pods: async () => null,
    panel: async () => null,
    namespaces: async () => null,
  };
  return port;
}

describe('FallbackMetrics', () => {
  it('answers from the sampler when Prometheus is not configured, and starts it', async () => {
    let started = 0;
    const f = new FallbackMetrics({ prometheus: null, sampler: fakePort('sampler', 0.2), startSampler: () => started++ });
    expect(started).toBe(1);
    expect(await f.overview()).toEqual({ source: { kind: 'sampler', prometheus: 'not-configured' }, value: overview(0.2) });
  });

  it('answers from Prometheus while it answers; from the sampler, saying why, while it is down; retries after a while', async () => {
    let down: Error | null = null;
    let now = 0;
    let started = 0;
    const downs: string[] = [];
    const prom = fakePort('prometheus', 0.9, () => down);
    const f = new FallbackMetrics({ prometheus: prom, sampler: fakePort('sampler', 0.2), startSampler: () => started++, retryMs: 10_000, now: () => now, onDown: (d) => downs.push(d) });
    expect(started).toBe(0);
    expect(await f.overview()).toMatchObject({ source: { kind: 'prometheus', prometheus: 'ok' }, value: { cpu: { usage: 0.9 } } });

    down = new MetricsUnavailable('connection refused');
    expect(await f.overview()).toMatchObject({ source: { kind: 'sampler', prometheus: 'down', detail: 'connection refused' }, value: { cpu: { usage: 0.2 } } });
    expect(started).toBe(1);
    expect(f.state()).toEqual({ kind: 'sampler', prometheus: 'down', detail: 'connection refused' });
    // Within the retry delay Prometheus is not asked again.
    const calls = prom.calls;
    now += 5_000;
    await f.overview();
    expect(prom.calls).toBe(calls);

    down = null;
    now += 10_000;
    expect(await f.overview()).toMatchObject({ source: { kind: 'prometheus', prometheus: 'ok' } });
    expect(downs).toEqual(['connection refused']);
  });

  it('lets errors other than MetricsUnavailable through (a bug is not an outage)', async () => {
    const f = new FallbackMetrics({ prometheus: fakePort('prometheus', 1, () => new TypeError('bug')), sampler: fakePort('sampler', 0) });
    await expect(f.overview()).rejects.toThrow('bug');
  });

  it('the client says a closed port is “connection refused”, without the URL or its credentials', async () => {
    const client = createPromClient('http://user:secret@127.0.0.1:9/', 2_000);
    const err = await client.query('up').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetricsUnavailable);
    expect((err as MetricsUnavailable).detail).toBe('connection refused');
    expect(String((err as Error).message)).not.toMatch(/secret|127\.0\.0\.1/);
    expect(client.url).toBe('http://127.0.0.1:9');
    await client.close();
  });
});
