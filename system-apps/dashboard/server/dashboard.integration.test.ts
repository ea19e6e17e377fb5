// Why this file exists: the Dashboard through the app as a browser calls it — the sampler when there is no Prometheus, a real Prometheus with cluster series, per-caller apps and quotas, and the live push over socket.io.
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubernetesAdapter, Kinds, type KubernetesAdapter } from '../../../bff/adapters/kubernetes';
import { startSimulator, type ClusterSimulator } from '../../../bff/adapters/kubernetes/simulator';
import { startPrometheus, type PrometheusServer } from '../../../bff/adapters/prometheus/testing/prometheus-server';
import { createUser, data, error, mutate, ORIGIN, query, signIn, startTestApp, type TestApp } from '../../../bff/testing/app';
import { testServers } from '../../../bff/testing/databases';
import { LIVE_EVENT, type AppUsage, type LiveTick, type Overview, type Panel, type QuotaUse } from '../shared/wire';

const PASSWORD = 'correct horse battery staple';

async function appNamespace(cluster: KubernetesAdapter, app: string, owner: string, cpu: string, memory: string): Promise<void> {
  const api = cluster.system();
  const namespace = `${app}-${owner}`;
  await api.create(Kinds.namespace, { metadata: { name: namespace, labels: { 'olares.dev/owner': owner, 'olares.dev/app': app } } });
  await api.create(Kinds.pod, { metadata: { name: `${app}-0`, namespace }, spec: { containers: [{ name: 'app', image: 'example/app:1', resources: { requests: { cpu, memory } } }] } });
}

for (const server of testServers()) {
  describe(`the Dashboard without Prometheus or a cluster, on the ${server.name} PostgreSQL`, () => {
    let t: TestApp;
    let cookie: string;
    let url: string;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      t = await startTestApp(server, { DASHBOARD_TICK_SECONDS: '1' });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      await createUser(t, 'alice', PASSWORD, 'member');
      cookie = await signIn(t.app, 'alice', PASSWORD);
    });

    afterAll(async () => {
      for (const s of sockets) s.close();
      await t?.close();
    });

    it('shows this machine’s figures from the sampler and says Prometheus is not configured', async () => {
      const o = data<Overview>(await query(t.app, 'dashboard.overview', undefined, cookie));
      expect(o.source).toEqual({ kind: 'sampler', prometheus: 'not-configured', simulatedCluster: false });
      expect(o.memory.totalBytes).toBeGreaterThan(0);
      expect(o.cpu.cores).toBeGreaterThan(0);
      expect(o.pods).toBeNull();
      expect(o.gpu).toBeNull();
      const p = data<Panel>(await query(t.app, 'dashboard.panel', { panel: 'memory', range: '24h' }, cookie));
      expect(p).toMatchObject({ panel: 'memory', range: '24h', stepSeconds: 1 });
      expect(p.series.map((s) => s.name)).toEqual(['used', 'buffers', 'cached', 'free']);
      expect(data<Panel>(await query(t.app, 'dashboard.panel', { panel: 'gpu', range: 'live' }, cookie)).series).toEqual([]);
      expect(data(await query(t.app, 'dashboard.apps', {}, cookie))).toEqual([]);
      expect(data(await query(t.app, 'dashboard.quotas', undefined, cookie))).toEqual([]);
    });

    it('pushes ticks to a socket that watches, and refuses a socket that is not the caller’s', async () => {
      const socket = io(url, { path: '/socket.io/', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin: ORIGIN, cookie } });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const bob = await (async () => {
        await createUser(t, 'bob', PASSWORD, 'member');
        return signIn(t.app, 'bob', PASSWORD);
      })();
      const refused = await mutate(t.app, 'dashboard.watch', { socketId: socket.id, on: true }, bob);
      expect(refused.statusCode).toBe(404);
      expect(error(refused).data.reason).toBe('dashboard.socketNotFound');

      const tick = new Promise<LiveTick>((resolve) => socket.once(LIVE_EVENT, resolve));
      const res = await mutate(t.app, 'dashboard.watch', { socketId: socket.id, on: true }, cookie);
      expect(res.statusCode, res.body).toBe(200);
      const got = await tick;
      expect(got.overview.source.prometheus).toBe('not-configured');
      expect(Object.keys(got.points.cpu ?? {})).toEqual(['user', 'system', 'iowait', 'other']);
      expect(data(await mutate(t.app, 'dashboard.watch', { socketId: socket.id, on: false }, cookie))).toEqual({ watching: false });
    });
  });
}

describe('the Dashboard with a real Prometheus and a simulated cluster', () => {
  const [server] = testServers();
  let prom: PrometheusServer;
  let sim: ClusterSimulator;
  let cluster: KubernetesAdapter;
  let t: TestApp;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    prom = await startPrometheus({ synthetic: { namespaces: ['notes-alice', 'hello-bob'] } });
    sim = await startSimulator({ nodes: [{ name: 'node-1', cpu: '8', memory: '16Gi', disk: '100Gi' }] });
    cluster = await createKubernetesAdapter({ kubeconfig: sim.kubeconfig() });
    await appNamespace(cluster, 'notes', 'alice', '500m', '256Mi');
    await appNamespace(cluster, 'hello', 'bob', '1', '512Mi');
    await cluster.system().create(Kinds.resourceQuota, { metadata: { name: 'quota', namespace: 'notes-alice' }, spec: { hard: { 'requests.cpu': '2', 'requests.memory': '4Gi', pods: '10' } } });
    t = await startTestApp(server!, { PROMETHEUS_URL: prom.url }, { cluster });
    await createUser(t, 'olivia', PASSWORD, 'owner');
    await createUser(t, 'alice', PASSWORD, 'member');
    admin = await signIn(t.app, 'olivia', PASSWORD);
    member = await signIn(t.app, 'alice', PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    cluster?.close();
    await sim?.close();
    await prom?.stop();
  });

  it('answers the overview from Prometheus, with kube-state-metrics’ pods', async () => {
    const o = data<Overview>(await query(t.app, 'dashboard.overview', undefined, member));
    expect(o.source).toEqual({ kind: 'prometheus', prometheus: 'ok', simulatedCluster: true });
    expect(o.pods).toEqual({ running: 3, total: 5 });
    const p = data<Panel>(await query(t.app, 'dashboard.panel', { panel: 'pods', range: '24h' }, member));
    expect(p.stepSeconds).toBe(300);
    expect(p.series.map((s) => s.name)).toEqual(['running', 'pending', 'failed']);
  });

  it('ranks measured apps: every app for an admin, their own for a member', async () => {
    const all = data<AppUsage[]>(await query(t.app, 'dashboard.apps', { sort: 'memory' }, admin));
    expect(all.map((a) => [a.app, a.owner, a.basis])).toEqual([['hello', 'bob', 'measured'], ['notes', 'alice', 'measured']]);
    const own = data<AppUsage[]>(await query(t.app, 'dashboard.apps', { sort: 'cpu' }, member));
    expect(own.map((a) => a.namespace)).toEqual(['notes-alice']);
    expect(own[0]!.netRxBytesPerSec).toBeGreaterThan(0);
  });

  it('shows quota use: everyone to an admin, themselves to a member', async () => {
    const mine = data<QuotaUse[]>(await query(t.app, 'dashboard.quotas', undefined, member));
    expect(mine).toEqual([{ user: 'alice', cpu: { usedCores: 0.5, hardCores: 2 }, memory: { usedBytes: 256 * 2 ** 20, hardBytes: 4 * 2 ** 30 }, pods: { used: 1, hard: 10 } }]);
    const everyone = data<QuotaUse[]>(await query(t.app, 'dashboard.quotas', undefined, admin));
    expect(everyone.map((q) => q.user)).toEqual(['alice', 'olivia']);
  });
});
