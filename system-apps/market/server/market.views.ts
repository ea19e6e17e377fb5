// How catalogue apps and installed apps look to the UI: pure mappings from the catalogue and the store's rows.
import type { CatalogApp } from './catalog/types';
import { gpuCount } from './lifecycle/precheck';
import { compareVersions } from './lifecycle/versions';
import type { StoredApp, StoredEntrance } from './market.store';
import type { CatalogDetail, CatalogEntry, InstalledApp, PermissionEntry, Resources } from './market.types';

export function requirementsOf(app: CatalogApp): Resources {
  const g = app.requirements.gpu;
  return {
    cpuMillis: app.requirements.cpuMillis,
    memoryBytes: app.requirements.memoryBytes,
    diskBytes: app.requirements.diskBytes,
    gpu: gpuCount(app),
    ...(g?.kind === 'memory' ? { gpuMemoryBytes: g.bytes } : {}),
  };
}

/** One card of the catalogue, with the caller's installed copy when there is one. */
export function catalogEntry(app: CatalogApp, installed: StoredApp | undefined): CatalogEntry {
  return {
    name: app.name,
    version: app.version,
    versionName: app.versionName,
    title: app.title,
    description: app.description,
    icon: app.icon,
    categories: app.categories,
    ...(app.developer ? { developer: app.developer } : {}),
    locales: app.locales,
    requirements: requirementsOf(app),
    ...(installed ? { installed: { state: installed.state, version: installed.version, updateAvailable: compareVersions(app.version, installed.version) > 0 } } : {}),
  };
}

function permissionView(p: CatalogApp['permissions'][number]): PermissionEntry {
  switch (p.kind) {
    case 'userData':
      return { kind: p.kind, detail: p.paths };
    case 'sysData':
      return { kind: p.kind, detail: [`${p.group}/${p.dataType}: ${p.ops.join(', ')}`] };
    case 'provider':
      return { kind: p.kind, detail: [`${p.appName}/${p.providerName}`] };
    case 'serviceAccount':
      return { kind: p.kind, detail: [p.name] };
    case 'outboundPorts':
      return { kind: p.kind, detail: p.ports.map(String) };
    case 'exposedPorts':
      return { kind: p.kind, detail: p.ports.map((x) => `${x.name} ${x.port}/${x.protocol}`) };
    default:
      return { kind: p.kind };
  }
}

/** The detail page, less what depends on the cluster and the caller (free resources, dependencies met, blockers). */
export function catalogDetail(app: CatalogApp, installed: StoredApp | undefined): Omit<CatalogDetail, 'dependencies' | 'clusterFree' | 'blockers'> {
  const lim = app.limits;
  return {
    ...catalogEntry(app, installed),
    fullDescription: app.fullDescription,
    ...(app.upgradeDescription ? { upgradeDescription: app.upgradeDescription } : {}),
    screenshots: app.screenshots,
    ...(app.featuredImage ? { featuredImage: app.featuredImage } : {}),
    ...(app.website ? { website: app.website } : {}),
    ...(app.sourceCode ? { sourceCode: app.sourceCode } : {}),
    ...(app.doc ? { doc: app.doc } : {}),
    ...(app.submitter ? { submitter: app.submitter } : {}),
    license: app.license.map((l) => ({ text: l.text, ...(l.url ? { url: l.url } : {}) })),
    permissions: app.permissions.map(permissionView),
    middleware: app.middleware.map((m) => m.kind),
    conflicts: app.conflicts.map((c) => c.name),
    supportArch: app.supportArch,
    onlyAdmin: app.onlyAdmin,
    allowMultipleInstall: app.allowMultipleInstall,
    limits: { cpuMillis: lim.cpuMillis ?? 0, memoryBytes: lim.memoryBytes ?? 0, diskBytes: lim.diskBytes ?? 0, gpu: lim.gpu ? (lim.gpu.kind === 'count' ? lim.gpu.count : 1) : 0 },
    entrances: app.entrances.filter((e) => !e.invisible).map((e) => ({ name: e.name, title: e.title, openMethod: e.openMethod, authLevel: e.authLevel })),
  };
}

/** One of the user's apps; `latest` is the catalogue's current version of its chart (for "update available"). */
export function installedView(a: StoredApp, latest: CatalogApp | undefined, entranceUrl: (e: StoredEntrance) => string): InstalledApp {
  return {
    name: a.name,
    chart: a.chart,
    title: a.title,
    icon: a.icon,
    version: a.version,
    state: a.state,
    ...(a.message ? { message: a.message } : {}),
    ...(a.progress !== null ? { progress: a.progress } : {}),
    entrances: a.entrances.map((e) => ({
      name: e.name,
      title: e.title,
      state: a.state === 'running' ? 'running' : a.state === 'stopped' ? 'stopped' : a.state.endsWith('Failed') ? 'failed' : 'notReady',
      url: entranceUrl(e),
      openMethod: e.openMethod,
      ...(e.icon ? { icon: e.icon } : {}),
      invisible: e.invisible,
    })),
    ...(latest && compareVersions(latest.version, a.version) > 0 && (a.state === 'running' || a.state === 'stopped' || a.state === 'upgradeFailed') ? { updateAvailable: latest.version } : {}),
    namespace: a.namespace,
    updatedAt: new Date(a.updatedAt).toISOString(),
  };
}
