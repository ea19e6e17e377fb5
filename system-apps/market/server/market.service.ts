// The Market's logic: every app's lifecycle (install, stop, resume, upgrade, uninstall, cancel) on Kubernetes.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { Kinds, isKubeError, type KubeApi, type KubernetesAdapter } from '../../../bff/adapters/kubernetes';
import type pg from 'pg';
import { withTransaction } from '../../../bff/db/pool';
import type { EntranceResolver } from '../../../bff/http/entrance-proxy';
import type { EventBus } from '../../../bff/realtime/bus';
import { appError } from '../../../bff/trpc/app-error';
import type { CatalogApp, SourceStatus } from './catalog/types';
import { VERSION_ANNOTATION, ensureNamespace, readMiddlewarePassword, removeRelease, scaleDown, scaleUp, submitChart, writeMiddlewareSecret } from './lifecycle/cluster-steps';
import { readAppStatus } from './lifecycle/app-status';
import { derive } from './lifecycle/derive';
import { observe } from './lifecycle/observe';
import { gpuCount } from './lifecycle/precheck';
import { Tracker } from './lifecycle/tracker';
import { valuesYaml } from './lifecycle/values';
import { compareVersions } from './lifecycle/versions';
import type { PostgresGrant, PostgresProvisioner } from './middleware/postgres';
import { MarketBrowse, REINSTALLABLE } from './market.browse';
import { EntranceAccess, entranceUrl } from './market.entrances';
import { MarketStore, type StoredApp, type StoredEntrance } from './market.store';
import { installedView } from './market.views';
import type { AppState, AppStatus, CatalogDetail, ClusterSummary, InstalledApp, Operation } from './market.types';
import { BUSY_STATES, CANCELLABLE_STATES } from './market.types';

/** What the service needs of the catalogue (catalog/catalog-service.ts). */
export interface Catalog {
  list(): CatalogApp[];
  get(name: string, version?: string): CatalogApp | undefined;
  sources(): SourceStatus[];
  chartArchive(name: string, version?: string): Promise<Buffer>;
}

export interface Caller {
  id: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
}

export interface MarketDeps {
  db: pg.Pool;
  bus: EventBus;
  catalog: Catalog;
  cluster: KubernetesAdapter | null;
  postgres: PostgresProvisioner | null;
  log: Logger;
  /** e.g. `http://{id}.localhost:3000`. */
  entranceOrigin: string;
  dataDir: string;
  /** Extra annotations for an app's HelmChart (tests ask the simulator to fail an install this way). */
  chartAnnotations?: (app: string) => Record<string, string> | undefined;
}

/** How soon an app in transition (installing, stopping…) is looked at again without an event. */
const REQUEUE_MS = 2000;

export class MarketService {
  readonly store: MarketStore;
  private readonly tracker: Tracker | null;
  /** Apps whose steps run in this process now (the tracker leaves those to them). */
  private readonly running = new Map<string, Promise<void>>();
  private readonly cancelRequested = new Set<string>();

  private readonly browse: MarketBrowse;
  private readonly entranceAccess: EntranceAccess;

  constructor(private readonly deps: MarketDeps) {
    this.store = new MarketStore(deps.db);
    this.browse = new MarketBrowse({ catalog: deps.catalog, store: this.store, cluster: deps.cluster });
    this.entranceAccess = new EntranceAccess({ store: this.store, cluster: deps.cluster, entranceOrigin: deps.entranceOrigin });
    this.tracker = deps.cluster ? new Tracker(deps.cluster.system(), (id) => this.reconcile(id), () => this.store.listAll(), deps.log) : null;
  }

  async start(): Promise<void> {
    await this.tracker?.start();
  }

  shutdown(): void {
    this.tracker?.stop();
  }

  /** Resolves once the steps running in this process are done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()]);
  }

  private api(): KubeApi {
    if (!this.deps.cluster) throw appError('PRECONDITION_FAILED', 'market.noCluster', 'No Kubernetes cluster is connected to this desktop.');
    return this.deps.cluster.system();
  }

  // --- reading (market.browse.ts) ---

  catalogList(caller: Caller, input: { q?: string; category?: string }) {
    return this.browse.catalogList(caller, input);
  }

  catalogGet(caller: Caller, name: string): Promise<CatalogDetail> {
    return this.browse.catalogGet(caller, name);
  }

  clusterSummary(): Promise<ClusterSummary> {
    return this.browse.clusterSummary();
  }

  private view(a: StoredApp): InstalledApp {
    return installedView(a, this.deps.catalog.get(a.chart), (e) => this.entranceUrl(e));
  }

  entranceUrl(e: StoredEntrance): string {
    return entranceUrl(this.deps.entranceOrigin, e);
  }

  async list(caller: Caller): Promise<InstalledApp[]> {
    return (await this.store.list(caller.id)).map((a) => this.view(a));
  }

  async operations(caller: Caller, app: string | undefined, limit: number): Promise<Operation[]> {
    return this.store.operations(caller.id, app, limit);
  }

  private emit(a: StoredApp): void {
    this.deps.bus.emit('user.event', { userId: a.userId, event: 'market.app', payload: { app: this.view(a) } });
  }

  private async setState(a: StoredApp, patch: Parameters<MarketStore['update']>[1], onlyIn?: readonly AppState[]): Promise<StoredApp | null> {
    const next = await this.store.update(a.id, patch, onlyIn);
    if (next) this.emit(next);
    return next;
  }

  private async own(caller: Caller, name: string): Promise<StoredApp> {
    const a = await this.store.find(caller.id, name);
    if (!a || a.state === 'uninstalled' || a.state === 'canceled') throw appError('NOT_FOUND', 'market.notInstalled', `${name} is not installed.`);
    return a;
  }

  private refuse(a: StoredApp, action: string): never {
    throw appError('CONFLICT', 'market.wrongState', `${a.title} cannot be ${action} while it is ${a.state}.`, { state: a.state });
  }

  /** Runs an app's steps in the background, one run per app at a time; failures land in the app's state. */
  private run(a: StoredApp, failed: AppState, steps: () => Promise<void>): void {
    const previous = this.running.get(a.id) ?? Promise.resolve();
    const p = previous
      .then(steps)
      .catch(async (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        this.deps.log.warn({ app: a.name, user: a.userName, err: message }, 'market: an app step failed');
        const now = await this.store.findById(a.id);
        if (now && BUSY_STATES.includes(now.state)) {
          const next = await withTransaction(this.deps.db, async (client) => {
            const store = new MarketStore(client);
            const changed = await store.update(now.id, { state: failed, message, progress: null }, [now.state]);
            if (changed) await store.finishOperations(a.userId, a.name, 'failed', message);
            return changed;
          });
          if (next) this.emit(next);
        }
      })
      .finally(() => {
        if (this.running.get(a.id) === p) this.running.delete(a.id);
        this.tracker?.poke(a.namespace);
      });
    this.running.set(a.id, p);
  }

  // --- install ---

  private async nextInstance(caller: Caller, name: string): Promise<{ instance: string; n: number }> {
    const candidates = Array.from({ length: 20 }, (_, i) => (i === 0 ? name : `${name}-${i + 1}`));
    const taken = await this.store.takenNames(caller.id, candidates);
    const i = candidates.findIndex((c) => !taken.has(c));
    if (i < 0) throw appError('CONFLICT', 'market.tooManyInstances', `${name} is installed 20 times already.`);
    return { instance: candidates[i]!, n: i + 1 };
  }

  private entrancesOf(app: CatalogApp, user: string, instance: string): StoredEntrance[] {
    const visible = app.entrances.filter((e) => !e.skip);
    return visible.map((e, i) => ({
      name: e.name,
      title: e.title || app.title,
      host: e.host,
      port: e.port,
      openMethod: e.openMethod === 'window' ? 'window' : 'iframe',
      authLevel: e.authLevel === 'public' ? 'public' : 'private',
      invisible: e.invisible,
      ...(e.icon ? { icon: e.icon } : {}),
      id: visible.length === 1 ? `${instance}-${user}` : `${instance}-${i}-${user}`,
    }));
  }

  async install(caller: Caller, name: string, requestId: string): Promise<InstalledApp> {
    const retry = await this.store.findOperation(caller.id, requestId);
    if (retry) return this.view(await this.own(caller, retry.app));
    const app = this.deps.catalog.get(name);
    if (!app) throw appError('NOT_FOUND', 'market.unknownApp', `There is no app called "${name}" in the catalogue.`);
    const existing = await this.store.find(caller.id, name);
    // A second click while the first install is still starting: the same install.
    if (existing && ['pending', 'downloading', 'installing', 'initializing'].includes(existing.state)) return this.view(existing);
    const blockers = await this.browse.blockers(caller, app, existing);
    if (blockers.length) throw appError(blockers[0]!.reason === 'market.alreadyInstalled' ? 'CONFLICT' : 'PRECONDITION_FAILED', blockers[0]!.reason, blockers.map((b) => b.message).join(' '), { blockers });
    // Apps that allow several instances: the next free `<name>-<n>` when the first is there.
    const { instance, n } = existing && !REINSTALLABLE.includes(existing.state) ? await this.nextInstance(caller, app.name) : { instance: app.name, n: 1 };
    const namespace = `${instance}-${caller.name}`;
    const row = await this.store.begin({
      userId: caller.id,
      name: instance,
      chart: app.name,
      source: app.source,
      version: app.version,
      title: n > 1 ? `${app.title} ${n}` : app.title,
      icon: app.icon,
      state: 'pending',
      namespace,
      entrances: this.entrancesOf(app, caller.name, instance),
      middleware: app.middleware.some((m) => m.kind === 'postgres') ? { postgres: { databases: app.middleware.find((m) => m.kind === 'postgres')!.names } } : {},
    });
    if (!row) {
      const now = await this.store.find(caller.id, name);
      if (now) return this.view(now);
      throw appError('CONFLICT', 'market.alreadyInstalled', `${app.title} is already installed.`);
    }
    await this.store.startOperation({ userId: caller.id, app: instance, op: 'install', toVersion: app.version, requestId });
    try {
      await this.store.claimEntranceHosts(row.id, row.entrances.map((e) => ({ host: e.id, entrance: e.name })));
    } catch {
      await this.store.update(row.id, { state: 'installFailed', message: 'Another app already uses this entrance name.' });
      await this.store.finishOperations(caller.id, instance, 'failed', 'Another app already uses this entrance name.');
      throw appError('CONFLICT', 'market.entranceTaken', `Another app already uses the entrance of ${app.title}.`);
    }
    this.emit(row);
    this.run(row, 'installFailed', () => this.installSteps(row.id));
    return this.view(row);
  }

  /** Download, namespace, middleware, HelmChart: each step idempotent, so a restart runs them again from the top. */
  private async installSteps(id: string, version?: string): Promise<void> {
    let a = await this.store.findById(id);
    if (!a) return;
    const api = this.api();
    const stopIfCanceled = async () => {
      if (!this.cancelRequested.has(id)) return false;
      this.cancelRequested.delete(id);
      await this.removalSteps(id, 'canceling');
      return true;
    };
    a = await this.setState(a, { state: 'downloading', progress: 10 }, ['pending', 'downloading']);
    if (!a) return;
    const chart = await this.deps.catalog.chartArchive(a.chart, version ?? a.version);
    if (await stopIfCanceled()) return;
    a = await this.setState(a, { state: 'installing', progress: 25 }, ['downloading']);
    if (!a) return;
    if ((await ensureNamespace(api, a.namespace, a.userName, a.name)) === 'terminating') throw new Error(`The namespace ${a.namespace} of an earlier install is still being removed; try again in a moment.`);
    const postgres = await this.provisionPostgres(api, a);
    if (await stopIfCanceled()) return;
    await submitChart(api, {
      namespace: a.namespace,
      release: a.name,
      version: version ?? a.version,
      chart,
      owner: a.userName,
      valuesYaml: this.values(a, postgres),
      annotations: this.deps.chartAnnotations?.(a.name),
    });
    this.tracker?.poke(a.namespace);
  }

  private values(a: StoredApp, postgres: PostgresGrant | undefined): string {
    const zoneOf = (e: StoredEntrance) => new URL(this.entranceUrl(e)).host;
    const app = this.deps.catalog.get(a.chart);
    return valuesYaml({
      user: a.userName,
      app: a.name,
      zone: new URL(this.deps.entranceOrigin.replace('{id}', a.userName)).host,
      dataDir: this.deps.dataDir,
      entranceHosts: Object.fromEntries(a.entrances.map((e) => [e.name, zoneOf(e)])),
      ...(postgres ? { postgres } : {}),
      gpu: { type: app && gpuCount(app) > 0 ? 'nvidia' : 'none' },
    });
  }

  private async provisionPostgres(api: KubeApi, a: StoredApp): Promise<PostgresGrant | undefined> {
    const app = this.deps.catalog.get(a.chart);
    const spec = app?.manifest.middleware.postgres;
    if (!spec) return undefined;
    if (!this.deps.postgres) throw new Error('This desktop has no PostgreSQL to give apps (no database URL).');
    const password = await readMiddlewarePassword(api, a.namespace);
    const grant = await this.deps.postgres.provision({
      app: a.name,
      user: a.userName,
      databases: spec.databases.map((d) => ({ name: d.name, ...(d.extensions?.length ? { extensions: d.extensions } : {}) })),
      ...(password ? { password } : {}),
    });
    await writeMiddlewareSecret(api, a.namespace, {
      'postgres-host': grant.host,
      'postgres-port': String(grant.port),
      'postgres-user': grant.role,
      'postgres-password': grant.password,
      ...Object.fromEntries(Object.entries(grant.databases).map(([k, v]) => [`postgres-database-${k}`, v])),
    });
    return grant;
  }

  // --- the other operations ---

  async cancel(caller: Caller, name: string): Promise<InstalledApp> {
    const a = await this.own(caller, name);
    if (!CANCELLABLE_STATES.includes(a.state)) this.refuse(a, 'canceled');
    await this.store.startOperation({ userId: caller.id, app: name, op: 'cancel', fromVersion: a.version });
    if (a.state === 'resuming') {
      const next = (await this.setState(a, { state: 'stopping', message: null, progress: null }, ['resuming'])) ?? a;
      await this.store.finishOperations(caller.id, name, 'canceled', null, ['resume']);
      this.run(next, 'stopFailed', () => scaleDown(this.api(), a.namespace));
      return this.view(next);
    }
    if (a.state === 'upgrading') {
      // Back to the version that was running: the chart of the installed version is submitted again.
      await this.store.finishOperations(caller.id, name, 'canceled', null, ['upgrade']);
      const next = (await this.setState(a, { targetVersion: a.version, message: null }, ['upgrading'])) ?? a;
      this.run(next, 'upgradeFailed', () => this.upgradeSteps(next.id, a.version));
      return this.view(next);
    }
    if (this.running.has(a.id) && (a.state === 'pending' || a.state === 'downloading')) {
      this.cancelRequested.add(a.id);
      const next = (await this.setState(a, { state: 'canceling', progress: null }, [a.state])) ?? a;
      return this.view(next);
    }
    const next = (await this.setState(a, { state: 'canceling', message: null, progress: null }, CANCELLABLE_STATES)) ?? a;
    this.run(next, 'installFailed', () => this.removalSteps(a.id, 'canceling'));
    return this.view(next);
  }

  async stop(caller: Caller, name: string): Promise<InstalledApp> {
    const a = await this.own(caller, name);
    if (!['running', 'stopFailed', 'resumeFailed'].includes(a.state)) this.refuse(a, 'stopped');
    await this.store.startOperation({ userId: caller.id, app: name, op: 'stop', fromVersion: a.version });
    const next = (await this.setState(a, { state: 'stopping', message: null, progress: null }, [a.state])) ?? a;
    this.run(next, 'stopFailed', () => scaleDown(this.api(), a.namespace));
    return this.view(next);
  }

  async resume(caller: Caller, name: string): Promise<InstalledApp> {
    const a = await this.own(caller, name);
    if (!['stopped', 'resumeFailed'].includes(a.state)) this.refuse(a, 'resumed');
    await this.store.startOperation({ userId: caller.id, app: name, op: 'resume', fromVersion: a.version });
    const next = (await this.setState(a, { state: 'resuming', message: null, progress: 0 }, [a.state])) ?? a;
    this.run(next, 'resumeFailed', () => scaleUp(this.api(), a.namespace));
    return this.view(next);
  }

  async upgrade(caller: Caller, name: string, requestId: string): Promise<InstalledApp> {
    const retry = await this.store.findOperation(caller.id, requestId);
    if (retry) return this.view(await this.own(caller, retry.app));
    const a = await this.own(caller, name);
    const latest = this.deps.catalog.get(a.chart);
    if (!latest || compareVersions(latest.version, a.version) <= 0) throw appError('CONFLICT', 'market.noUpdate', `${a.title} is up to date.`);
    if (!['running', 'stopped', 'upgradeFailed'].includes(a.state)) this.refuse(a, 'upgraded');
    await this.store.startOperation({ userId: caller.id, app: name, op: 'upgrade', fromVersion: a.version, toVersion: latest.version, requestId });
    const next = (await this.setState(a, { state: 'upgrading', targetVersion: latest.version, message: null, progress: 5 }, [a.state])) ?? a;
    this.run(next, 'upgradeFailed', () => this.upgradeSteps(a.id, latest.version));
    return this.view(next);
  }

  async upgradeAll(caller: Caller): Promise<InstalledApp[]> {
    const out: InstalledApp[] = [];
    for (const a of await this.store.list(caller.id)) {
      const view = this.view(a);
      if (view.updateAvailable) out.push(await this.upgrade(caller, a.name, `upgrade-all-${randomBytes(8).toString('hex')}`));
    }
    return out;
  }

  private async upgradeSteps(id: string, version: string): Promise<void> {
    const a = await this.store.findById(id);
    if (!a) return;
    const api = this.api();
    const chart = await this.deps.catalog.chartArchive(a.chart, version);
    // A stopped app is started again by its upgrade (the new release comes up with its replicas).
    await scaleUp(api, a.namespace);
    const postgres = await this.provisionPostgres(api, a);
    await submitChart(api, { namespace: a.namespace, release: a.name, version, chart, owner: a.userName, valuesYaml: this.values(a, postgres), annotations: this.deps.chartAnnotations?.(a.name) });
    this.tracker?.poke(a.namespace);
  }

  async uninstall(caller: Caller, name: string, removeData: boolean): Promise<InstalledApp> {
    const a = await this.own(caller, name);
    if (a.state === 'uninstalling') return this.view(a);
    await this.store.startOperation({ userId: caller.id, app: name, op: 'uninstall', fromVersion: a.version });
    if (this.running.has(a.id)) this.cancelRequested.add(a.id);
    const next = (await this.setState(a, { state: 'uninstalling', removeData, message: null, progress: null })) ?? a;
    this.run(next, 'uninstallFailed', () => this.removalSteps(a.id, 'uninstalling'));
    return this.view(next);
  }

  /** Removes the release and the namespace; the app's databases go only when its data is to go (always for a cancel). */
  private async removalSteps(id: string, as: 'uninstalling' | 'canceling'): Promise<void> {
    let a = await this.store.findById(id);
    if (!a) return;
    if (a.state !== as) a = (await this.setState(a, { state: as, progress: null })) ?? a;
    await removeRelease(this.api(), a.namespace, a.name);
    const dbs = a.middleware.postgres?.databases;
    if (dbs && this.deps.postgres) await this.deps.postgres.remove({ app: a.name, user: a.userName, databases: dbs, dropData: as === 'canceling' || a.removeData });
    this.tracker?.poke(a.namespace);
  }

  // --- tracking ---

  /** Brings one app's row in line with the cluster; runs on watch events, and resumes steps a restart cut short. */
  async reconcile(id: string): Promise<void> {
    const a = await this.store.findById(id);
    if (!a || !this.deps.cluster) return;
    if (this.running.has(id)) return;
    // Steps that were running when the BFF stopped: run them again (each is idempotent).
    if (a.state === 'pending' || a.state === 'downloading') return this.run(a, 'installFailed', () => this.installSteps(id));
    const api = this.deps.cluster.system();
    const obs = await observe(api, a.namespace, a.name);
    if (a.state === 'installing' && !obs.helm) return this.run(a, 'installFailed', () => this.installSteps(id));
    if ((a.state === 'uninstalling' || a.state === 'canceling') && obs.namespace === 'present') return this.run(a, 'uninstallFailed', () => this.removalSteps(id, a.state as 'uninstalling' | 'canceling'));
    if (a.state === 'stopping' && obs.workloads.some((w) => w.desired > 0)) return this.run(a, 'stopFailed', () => scaleDown(api, a.namespace));
    if (a.state === 'resuming' && obs.workloads.some((w) => w.desired === 0)) return this.run(a, 'resumeFailed', () => scaleUp(api, a.namespace));
    if (a.state === 'upgrading' && a.targetVersion) {
      const hc = obs.helm;
      const hcVersion = (await api.get(Kinds.helmChart, a.name, a.namespace))?.metadata.annotations?.[VERSION_ANNOTATION];
      if (hc && hcVersion !== a.targetVersion) return this.run(a, 'upgradeFailed', () => this.upgradeSteps(id, a.targetVersion!));
    }

    const d = derive(a.state, obs);
    // Still in transition: look again soon even if no event comes (a missed one must not leave it there).
    if (BUSY_STATES.includes(d.state)) this.tracker?.requeue(id, REQUEUE_MS);
    const patch: Parameters<MarketStore['update']>[1] = {};
    if (d.state !== a.state) patch.state = d.state;
    if ((d.message ?? null) !== (a.message ?? null) && !(d.state === a.state && d.state.endsWith('Failed'))) patch.message = d.message;
    if ((d.progress ?? null) !== (a.progress ?? null)) patch.progress = d.progress;
    if (d.state === 'running' && a.state === 'upgrading' && a.targetVersion) {
      patch.version = a.targetVersion;
      patch.targetVersion = null;
      const app = this.deps.catalog.get(a.chart, a.targetVersion);
      if (app) {
        patch.title = app.title;
        patch.icon = app.icon;
      }
    }
    if (!Object.keys(patch).length) return;
    // The state and the operation log change together: nobody sees a failed app with its install still running.
    const next = await withTransaction(this.deps.db, async (client) => {
      const store = new MarketStore(client);
      const changed = await store.update(a.id, patch, [a.state]);
      if (changed && patch.state) await this.finishFor(store, a, changed);
      return changed;
    });
    if (next) this.emit(next);
  }

  /** Closes the operation log entries a state change ends. */
  private async finishFor(store: MarketStore, before: StoredApp, after: StoredApp): Promise<void> {
    const s = after.state;
    const done = (outcome: 'succeeded' | 'failed' | 'canceled', ops?: Operation['op'][]) => store.finishOperations(after.userId, after.name, outcome, after.message, ops);
    if (s === 'running') await done('succeeded', before.state === 'resuming' ? ['resume'] : ['install', 'upgrade', 'cancel']);
    else if (s === 'stopped') await done('succeeded', ['stop', 'cancel']);
    else if (s === 'uninstalled') {
      await done('succeeded', ['uninstall']);
      await done('canceled');
      await store.releaseEntranceHosts(after.id);
    } else if (s === 'canceled') {
      await done('succeeded', ['cancel']);
      await done('canceled', ['install']);
      await store.releaseEntranceHosts(after.id);
    } else if (s.endsWith('Failed')) await done('failed');
  }

  /**
   * The app's pods and recent events, read as the caller (impersonated): the cluster's RBAC decides, and
   * the namespace carries the owner's label, so a user sees their own app and an admin any.
   */
  async status(caller: Caller, name: string): Promise<AppStatus> {
    const a = await this.own(caller, name);
    if (!this.deps.cluster) throw appError('PRECONDITION_FAILED', 'market.noCluster', 'No Kubernetes cluster is connected to this desktop.');
    const api = this.deps.cluster.asUser({ user: caller.name, groups: caller.role === 'member' ? ['olares:users'] : ['olares:users', 'olares:admin'] });
    try {
      return await readAppStatus(api, a.namespace);
    } catch (err) {
      if (isKubeError(err) && err.code === 403) throw appError('FORBIDDEN', 'market.clusterForbidden', `The cluster does not let ${caller.name} see ${a.title}.`);
      if (isKubeError(err) && err.code === 404) return { pods: [], events: [] };
      throw err;
    }
  }

  // --- entrances (market.entrances.ts) ---

  entrances(): EntranceResolver {
    return this.entranceAccess.resolver();
  }

  /** A URL that lets this browser into one of the caller's entrances (with a one-use ticket when it is private). */
  async enter(caller: Caller, name: string, entrance: string | undefined): Promise<{ url: string }> {
    return this.entranceAccess.enter(caller.id, await this.own(caller, name), entrance);
  }
}
