// The Market as a catalogue: what each user sees of it (their copies marked), what the cluster has free, and why an app cannot be installed.
import type { KubernetesAdapter } from '../../../bff/adapters/kubernetes';
import { appError } from '../../../bff/trpc/app-error';
import type { CatalogApp } from './catalog/types';
import { clusterCapacity, type ClusterCapacity } from './lifecycle/observe';
import { dependencyMet, precheck, type Blocker } from './lifecycle/precheck';
import type { MarketStore, StoredApp } from './market.store';
import type { Catalog, Caller } from './market.service';
import type { AppState, CatalogDetail, CatalogEntry, ClusterSummary, Resources, SourceStatusView } from './market.types';
import { catalogDetail, catalogEntry } from './market.views';

/** States after which an app may be installed again. */
export const REINSTALLABLE: readonly AppState[] = ['uninstalled', 'canceled', 'installFailed'];
const NO_RESOURCES: Resources = { cpuMillis: 0, memoryBytes: 0, diskBytes: 0, gpu: 0 };

export class MarketBrowse {
  constructor(private readonly deps: { catalog: Catalog; store: MarketStore; cluster: KubernetesAdapter | null }) {}


  private async mine(userId: string): Promise<Map<string, StoredApp>> {
    return new Map((await this.deps.store.list(userId)).map((a) => [a.name, a]));
  }

  async catalogList(caller: Caller, input: { q?: string; category?: string }): Promise<{ apps: CatalogEntry[]; categories: Array<{ id: string; count: number }>; sources: SourceStatusView[] }> {
    // Every kind the catalogue offers is listed; kinds this desktop cannot install say so on their page (market.notInstallable).
    const all = this.deps.catalog.list();
    const counts = new Map<string, number>();
    for (const a of all) for (const c of a.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
    const q = input.q?.trim().toLowerCase();
    const matches = (a: CatalogApp) =>
      !q ||
      [a.name, a.title, a.description, a.developer ?? '', ...a.categories, ...Object.values(a.locales).flatMap((l) => [l.title, l.description])].some((s) => s.toLowerCase().includes(q));
    const mine = await this.mine(caller.id);
    const apps = all.filter((a) => (!input.category || a.categories.includes(input.category)) && matches(a)).sort((a, b) => a.title.localeCompare(b.title));
    return {
      apps: apps.map((a) => catalogEntry(a, mine.get(a.name))),
      categories: [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
      sources: this.deps.catalog.sources().map((s) => ({ id: s.id, kind: s.kind, ok: s.ok, ...(s.error ? { error: s.error } : {}), apps: s.apps, ...(s.lastSyncedAt ? { lastSyncedAt: s.lastSyncedAt } : {}) })),
    };
  }

  async capacity(): Promise<ClusterCapacity> {
    if (!this.deps.cluster) return { nodes: 0, arch: [], total: NO_RESOURCES, free: NO_RESOURCES };
    return clusterCapacity(this.deps.cluster.system());
  }

  async clusterSummary(): Promise<ClusterSummary> {
    const c = await this.capacity();
    return { simulated: this.deps.cluster?.simulated ?? false, server: this.deps.cluster?.server ?? '', nodes: c.nodes, arch: c.arch, total: c.total, free: c.free };
  }

  async blockers(caller: Caller, app: CatalogApp, existing: StoredApp | null): Promise<Blocker[]> {
    const out: Blocker[] = [];
    if (existing && !REINSTALLABLE.includes(existing.state) && !app.allowMultipleInstall) out.push({ reason: 'market.alreadyInstalled', message: `${app.title} is already installed.` });
    if (!this.deps.cluster) out.push({ reason: 'market.noCluster', message: 'No Kubernetes cluster is connected to this desktop.' });
    if (app.type !== 'app') out.push({ reason: 'market.notInstallable', message: `${app.title} is a ${app.type}, which this desktop does not install yet.` });
    const cap = await this.capacity();
    out.push(...precheck({ app, role: caller.role, free: cap.free, arch: cap.arch, installed: await this.deps.store.installedNames(caller.id) }));
    return out;
  }

  async catalogGet(caller: Caller, name: string): Promise<CatalogDetail> {
    const app = this.deps.catalog.get(name);
    if (!app) throw appError('NOT_FOUND', 'market.unknownApp', `There is no app called "${name}" in the catalogue.`);
    const mine = await this.mine(caller.id);
    const installedNames = await this.deps.store.installedNames(caller.id);
    const cap = await this.capacity();
    return {
      ...catalogDetail(app, mine.get(name)),
      dependencies: app.dependencies.map((d) => ({ name: d.name, version: d.version, type: d.type, mandatory: d.mandatory, satisfied: dependencyMet(d, installedNames) })),
      clusterFree: cap.free,
      blockers: await this.blockers(caller, app, mine.get(name) ?? null),
    };
  }

}
