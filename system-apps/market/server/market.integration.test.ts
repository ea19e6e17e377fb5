// App lifecycle end to end: the real BFF, the real Kubernetes client against the simulator, real PostgreSQL for state and middleware.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubernetesAdapter, Kinds, type KubernetesAdapter } from '../../../bff/adapters/kubernetes';
import { startSimulator, type ClusterSimulator } from '../../../bff/adapters/kubernetes/simulator';
import { createUser, data, error, mutate, query, signIn, startTestApp, type TestApp } from '../../../bff/testing/app';
import { createTestDatabase, testServers, withDatabase, type TestDatabase } from '../../../bff/testing/databases';
import { CatalogService } from './catalog';
import type { InstalledApp } from './market.types';
import { writeChart } from './testing/charts';

const PASSWORD = 'correct horse battery staple';

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    last = await probe();
    if (last) return last as T;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

for (const server of testServers()) {
  describe(`the app lifecycle on the simulated cluster (${server.name} PostgreSQL)`, () => {
    let sim: ClusterSimulator;
    let cluster: KubernetesAdapter;
    let catalogDir: string;
    let db: TestDatabase;
    let t: TestApp;
    let owner: string;
    let member: string;
    const failing = new Map<string, string>();
    let catalog: CatalogService;

    const startApp = async () => {
      catalog = new CatalogService({ sources: [{ id: 'test', kind: 'folder', location: catalogDir }], cacheDir: path.join(catalogDir, '..', 'cache'), syncIntervalMs: 0 });
      t = await startTestApp(server, {}, { db, cluster, catalog, chartAnnotations: (app) => (failing.has(app) ? { 'simulator.olares.dev/fail': failing.get(app)! } : undefined) });
      owner = await signIn(t.app, 'olivia', PASSWORD);
      member = await signIn(t.app, 'max', PASSWORD);
    };

    const apps = async (cookie = owner) => data<InstalledApp[]>(await query(t.app, 'market.apps.list', undefined, cookie));
    const app = async (name: string, cookie = owner) => (await apps(cookie)).find((a) => a.name === name);
    const inState = async (name: string, state: string, cookie = owner) => {
      let seen: InstalledApp | undefined;
      try {
        return await until(`${name} to be ${state}`, async () => {
          seen = await app(name, cookie);
          return seen?.state === state ? seen : null;
        });
      } catch (err) {
        throw new Error(`${(err as Error).message}; last seen: ${JSON.stringify(seen && { state: seen.state, message: seen.message, progress: seen.progress })}; logs: ${t.logs.filter((l) => l.includes('market')).slice(-5).join(' | ')}`);
      }
    };

    beforeAll(async () => {
      const root = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-market-'));
      catalogDir = path.join(root, 'catalog');
      await writeChart(catalogDir, { name: 'notes', title: 'Notes', postgres: ['main'] });
      await writeChart(catalogDir, { name: 'hello', title: 'Hello', entrances: [{ name: 'hello', host: 'hello', port: 80, authLevel: 'public' }] });
      await writeChart(catalogDir, { name: 'broken', title: 'Broken' });
      await writeChart(catalogDir, { name: 'adminonly', title: 'Admin only', onlyAdmin: true });
      await writeChart(catalogDir, { name: 'huge', title: 'Huge', memory: '900Gi' });
      failing.set('broken', 'image-pull');
      sim = await startSimulator({ timings: { scheduleMs: 10, createMs: 30, helmJobMs: 30, terminateMs: 20 }, nodes: [{ name: 'node-1', cpu: '8', memory: '16Gi', disk: '100Gi' }] });
      cluster = await createKubernetesAdapter({ kubeconfig: sim.kubeconfig() });
      db = await createTestDatabase(server);
      const seed = await startTestApp(server, {}, { db });
      await createUser(seed, 'olivia', PASSWORD, 'owner');
      await createUser(seed, 'max', PASSWORD, 'member');
      await seed.stopKeepingData();
      await startApp();
    });

    afterAll(async () => {
      await t?.close();
      cluster?.close();
      await sim?.close();
    });

    it('lists the catalogue with localised text and says the cluster is simulated', async () => {
      const list = data<{ apps: Array<{ name: string; locales: Record<string, { title: string }> }> }>(await query(t.app, 'market.catalog.list', {}, owner));
      expect(list.apps.map((a) => a.name)).toEqual(expect.arrayContaining(['notes', 'hello', 'broken']));
      expect(list.apps.find((a) => a.name === 'notes')!.locales['zh-CN']!.title).toBe('Notes（测试）');
      expect(data<{ simulated: boolean; nodes: number }>(await query(t.app, 'market.cluster.summary', undefined, owner))).toMatchObject({ simulated: true, nodes: 1 });
    });

    it('installs: a double click and a retry give one release; PostgreSQL is provisioned for the app alone; the entrance answers', async () => {
      const [a, b] = await Promise.all([mutate(t.app, 'market.apps.install', { name: 'notes', requestId: 'click-1' }, owner), mutate(t.app, 'market.apps.install', { name: 'notes', requestId: 'click-2' }, owner)]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      const retry = await mutate(t.app, 'market.apps.install', { name: 'notes', requestId: 'click-1' }, owner);
      expect(retry.statusCode, retry.body).toBe(200);
      const running = await inState('notes', 'running');
      expect(running.namespace).toBe('notes-olivia');
      const charts = await cluster.system().list(Kinds.helmChart, { namespace: 'notes-olivia' });
      expect(charts.items).toHaveLength(1);

      // The middleware: a role and a database, credentials in the app's secret, reachable with them.
      const secret = await cluster.system().get(Kinds.secret, 'olares-middleware', 'notes-olivia');
      const field = (k: string) => Buffer.from(secret!.data![k]!, 'base64').toString('utf8');
      const url = new URL(withDatabase(server.adminUrl, field('postgres-database-main')));
      url.username = field('postgres-user');
      url.password = field('postgres-password');
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      expect((await client.query('SELECT current_user AS u')).rows[0].u).toBe(field('postgres-user'));
      await client.end();

      // The operation log says what happened.
      const ops = data<Array<{ op: string; outcome: string }>>(await query(t.app, 'market.apps.operations', { app: 'notes' }, owner));
      expect(ops).toEqual([expect.objectContaining({ op: 'install', outcome: 'succeeded' })]);

      // The private entrance: refused without the entrance cookie, let in with a ticket from the desktop.
      const host = new URL(running.entrances[0]!.url!).host;
      expect((await t.app.inject({ method: 'GET', url: '/', headers: { host } })).statusCode).toBe(401);
      const { url: enterUrl } = data<{ url: string }>(await mutate(t.app, 'market.apps.enter', { name: 'notes' }, owner));
      const entered = await t.app.inject({ method: 'GET', url: new URL(enterUrl).pathname + new URL(enterUrl).search, headers: { host } });
      expect(entered.statusCode).toBe(303);
      const cookie = entered.cookies.find((c) => c.name === 'olares_entrance')!;
      const page = await t.app.inject({ method: 'GET', url: '/', headers: { host, cookie: `olares_entrance=${cookie.value}` } });
      expect(page.statusCode, page.body).toBe(200);
      expect(page.body).toContain('notes');
      // A ticket works once; another user's ticket is no good for this app.
      const again = await t.app.inject({ method: 'GET', url: new URL(enterUrl).pathname + new URL(enterUrl).search, headers: { host } });
      expect(again.statusCode).toBe(403);
      expect(error(await mutate(t.app, 'market.apps.enter', { name: 'notes' }, member)).data.reason).toBe('market.notInstalled');
    });

    it('shows an app’s pods and events, read from the cluster as the user', async () => {
      await writeChart(catalogDir, { name: 'memberapp', title: 'Member app', entrances: [{ name: 'memberapp', host: 'memberapp', port: 80, authLevel: 'public' }] });
      await catalog.sync();
      expect((await mutate(t.app, 'market.apps.install', { name: 'memberapp', requestId: 'member-app-1' }, member)).statusCode).toBe(200);
      await inState('memberapp', 'running', member);
      const status = data<{ pods: Array<{ status: string; ready: boolean }>; events: Array<{ reason: string }> }>(await query(t.app, 'market.apps.status', { name: 'memberapp' }, member));
      expect(status.pods.some((p) => p.status === 'Running' && p.ready)).toBe(true);
      expect(status.events.map((e) => e.reason)).toEqual(expect.arrayContaining(['Scheduled', 'Started']));
      // The cluster decides: without the member's owner label on the namespace, the impersonated read is refused.
      await cluster.system().patch(Kinds.namespace, 'memberapp-max', undefined, { metadata: { labels: { 'olares.dev/owner': 'someone-else' } } });
      expect(error(await query(t.app, 'market.apps.status', { name: 'memberapp' }, member)).data.reason).toBe('market.clusterForbidden');
      await cluster.system().patch(Kinds.namespace, 'memberapp-max', undefined, { metadata: { labels: { 'olares.dev/owner': 'max' } } });
      await mutate(t.app, 'market.apps.uninstall', { name: 'memberapp', removeData: true }, member);
      await until('memberapp to be gone', async () => !(await app('memberapp', member)));
    });

    it('stops and resumes by scaling the workloads', async () => {
      expect((await mutate(t.app, 'market.apps.stop', { name: 'notes' }, owner)).statusCode).toBe(200);
      const stopped = await inState('notes', 'stopped');
      expect(stopped.entrances[0]!.state).toBe('stopped');
      expect((await mutate(t.app, 'market.apps.resume', { name: 'notes' }, owner)).statusCode).toBe(200);
      await inState('notes', 'running');
    });

    it('refuses what cannot be installed, with the reason', async () => {
      expect(error(await mutate(t.app, 'market.apps.install', { name: 'adminonly', requestId: 'member-try-1' }, member)).data.reason).toBe('market.onlyAdmin');
      expect(error(await mutate(t.app, 'market.apps.install', { name: 'huge', requestId: 'huge-try-1' }, owner)).data.reason).toBe('market.insufficient.memory');
      expect(error(await mutate(t.app, 'market.apps.install', { name: 'notes', requestId: 'again-1' }, owner)).data.reason).toBe('market.alreadyInstalled');
    });

    it('marks an install failed when its image cannot be pulled, and a reinstall is allowed after', async () => {
      await mutate(t.app, 'market.apps.install', { name: 'broken', requestId: 'broken-1' }, owner);
      const failed = await inState('broken', 'installFailed');
      expect(failed.message).toMatch(/ErrImagePull|ImagePullBackOff/);
      const ops = data<Array<{ op: string; outcome: string }>>(await query(t.app, 'market.apps.operations', { app: 'broken' }, owner));
      expect(ops[0]).toMatchObject({ op: 'install', outcome: 'failed' });
      await mutate(t.app, 'market.apps.uninstall', { name: 'broken', removeData: true }, owner);
      await until('broken to be gone', async () => !(await app('broken')));
    });

    it('keeps tracking through a watch broken with 410 Gone mid-install, and through a restart of the BFF', async () => {
      const res = await mutate(t.app, 'market.apps.install', { name: 'hello', requestId: 'hello-1' }, owner);
      expect(res.statusCode, res.body).toBe(200);
      // The watch history is forgotten and every watch dropped: the adapter must re-list to see the rest.
      sim.compact();
      sim.breakWatches();
      await inState('hello', 'running');
      await mutate(t.app, 'market.apps.stop', { name: 'hello' }, owner);
      // The BFF goes away while the app is stopping, and a new one picks the work up from the cluster.
      await t.stopKeepingData();
      await startApp();
      await inState('hello', 'stopped');
      const page = await until('the public entrance to answer', async () => {
        await mutate(t.app, 'market.apps.resume', { name: 'hello' }, owner);
        const running = await inState('hello', 'running');
        const r = await t.app.inject({ method: 'GET', url: '/', headers: { host: new URL(running.entrances[0]!.url!).host } });
        return r.statusCode === 200 ? r : null;
      });
      expect(page.body).toContain('hello');
    });

    it('upgrades to a newer chart from the catalogue, keeping the app’s data', async () => {
      await until('notes to be running', async () => (await app('notes'))?.state === 'running');
      // Something the app wrote with its own credentials, to find again after the upgrade.
      const appDb = async () => {
        const secret = await cluster.system().get(Kinds.secret, 'olares-middleware', 'notes-olivia');
        const field = (k: string) => Buffer.from(secret!.data![k]!, 'base64').toString('utf8');
        const url = new URL(withDatabase(server.adminUrl, field('postgres-database-main')));
        url.username = field('postgres-user');
        url.password = field('postgres-password');
        const c = new pg.Client({ connectionString: url.toString() });
        await c.connect();
        return c;
      };
      const writer = await appDb();
      await writer.query("CREATE TABLE IF NOT EXISTS memo (text text); INSERT INTO memo VALUES ('kept across upgrades')");
      await writer.end();
      await writeChart(catalogDir, { name: 'notes', title: 'Notes', postgres: ['main'], version: '1.1.0' });
      await catalog.sync();
      const before = await app('notes');
      expect(before?.updateAvailable).toBe('1.1.0');
      const res = await mutate(t.app, 'market.apps.upgrade', { name: 'notes', requestId: 'upgrade-notes-1' }, owner);
      expect(res.statusCode, res.body).toBe(200);
      const upgraded = await until('notes 1.1.0 to run', async () => {
        const a = await app('notes');
        return a?.state === 'running' && a.version === '1.1.0' ? a : null;
      });
      expect(upgraded.updateAvailable).toBeUndefined();
      const reader = await appDb();
      expect((await reader.query('SELECT text FROM memo')).rows).toEqual([{ text: 'kept across upgrades' }]);
      await reader.end();
      const hc = await cluster.system().get(Kinds.helmChart, 'notes', 'notes-olivia');
      expect(hc?.metadata.annotations?.['olares.dev/version']).toBe('1.1.0');
      const ops = data<Array<{ op: string; outcome: string; fromVersion?: string; toVersion?: string }>>(await query(t.app, 'market.apps.operations', { app: 'notes' }, owner));
      expect(ops[0]).toMatchObject({ op: 'upgrade', outcome: 'succeeded', fromVersion: '1.0.0', toVersion: '1.1.0' });
      expect(error(await mutate(t.app, 'market.apps.upgrade', { name: 'notes', requestId: 'upgrade-notes-2' }, owner)).data.reason).toBe('market.noUpdate');
    });

    it('cancels an install in progress: nothing is left behind', async () => {
      await writeChart(catalogDir, { name: 'quick', title: 'Quick', postgres: ['db'] });
      await catalog.sync();
      expect((await mutate(t.app, 'market.apps.install', { name: 'quick', requestId: 'quick-1' }, owner)).statusCode).toBe(200);
      const res = await mutate(t.app, 'market.apps.cancel', { name: 'quick' }, owner);
      expect(res.statusCode, res.body).toBe(200);
      await until('quick to be gone from My apps', async () => !(await app('quick')));
      await until('its namespace to be gone', async () => (await cluster.system().get(Kinds.namespace, 'quick-olivia')) === null);
      const ops = data<Array<{ op: string; outcome: string }>>(await query(t.app, 'market.apps.operations', { app: 'quick' }, owner));
      expect(ops.map((o) => `${o.op}:${o.outcome}`).sort()).toEqual(['cancel:succeeded', 'install:canceled']);
      const admin = new pg.Client({ connectionString: server.adminUrl });
      await admin.connect();
      const left = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'quick_olivia%'`);
      await admin.end();
      expect(left.rows).toEqual([]);
    });

    it('installs a second instance of an app that allows several, each with its own namespace, data and entrance', async () => {
      await writeChart(catalogDir, { name: 'multi', title: 'Multi', postgres: ['db'], allowMultipleInstall: true });
      await catalog.sync();
      expect((await mutate(t.app, 'market.apps.install', { name: 'multi', requestId: 'multi-1' }, owner)).statusCode).toBe(200);
      await inState('multi', 'running');
      const second = await mutate(t.app, 'market.apps.install', { name: 'multi', requestId: 'multi-2' }, owner);
      expect(second.statusCode, second.body).toBe(200);
      expect(data<InstalledApp>(second)).toMatchObject({ name: 'multi-2', chart: 'multi', title: 'Multi 2', namespace: 'multi-2-olivia' });
      const two = await inState('multi-2', 'running');
      expect(new URL(two.entrances[0]!.url!).host).toMatch(/^multi-2-olivia\./);
      const secret = await cluster.system().get(Kinds.secret, 'olares-middleware', 'multi-2-olivia');
      expect(Buffer.from(secret!.data!['postgres-database-db']!, 'base64').toString()).toBe('multi_2_olivia_db');
      for (const name of ['multi', 'multi-2']) await mutate(t.app, 'market.apps.uninstall', { name, removeData: true }, owner);
      await until('both instances to be gone', async () => !(await app('multi')) && !(await app('multi-2')));
    });

    it('uninstalls: the namespace goes, and the databases only when asked', async () => {
      expect((await mutate(t.app, 'market.apps.uninstall', { name: 'notes', removeData: true }, owner)).statusCode).toBe(200);
      await until('notes to be gone from My apps', async () => !(await app('notes')));
      expect(await cluster.system().get(Kinds.namespace, 'notes-olivia')).toBeNull();
      const admin = new pg.Client({ connectionString: server.adminUrl });
      await admin.connect();
      const left = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'notes_olivia%'`);
      await admin.end();
      expect(left.rows).toEqual([]);
      const ops = data<Array<{ op: string; outcome: string }>>(await query(t.app, 'market.apps.operations', { app: 'notes' }, owner));
      expect(ops[0]).toMatchObject({ op: 'uninstall', outcome: 'succeeded' });
    });
  });
}
