// Turns a parsed manifest and Chart.yaml into the CatalogApp the store shows: display categories, permission list, resources.
import { localizedText, type OlaresManifest, type ResourceAmounts } from '../manifest';
import type { ChartYaml } from './chart-yaml';
import type { CatalogApp, CatalogLocaleText, CatalogMiddleware, CatalogPermission, CatalogResources } from './types';

/** `Productivity_v112` → `Productivity`: the suffix marks the catalogue generation, not the category. */
export function displayCategory(raw: string): string {
  return raw.replace(/_v\d+$/i, '').trim();
}

function displayCategories(raw: string[]): string[] {
  return [...new Set(raw.map(displayCategory).filter(Boolean))];
}

/** The spec's own envelope, else the first accelerator profile's (charts with per-GPU modes declare them there). */
function envelope(m: OlaresManifest, side: 'required' | 'limited'): ResourceAmounts {
  const own = m.spec[side];
  const first = m.spec.accelerators[0]?.[side] ?? {};
  return { ...first, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) };
}

function requirements(m: OlaresManifest): CatalogResources {
  const r = envelope(m, 'required');
  return { cpuMillis: r.cpuMillis ?? 0, memoryBytes: r.memoryBytes ?? 0, diskBytes: r.diskBytes ?? 0, ...(r.gpu ? { gpu: r.gpu } : {}) };
}

function limits(m: OlaresManifest): Partial<CatalogResources> {
  const l = envelope(m, 'limited');
  const out: Partial<CatalogResources> = {};
  if (l.cpuMillis !== undefined) out.cpuMillis = l.cpuMillis;
  if (l.memoryBytes !== undefined) out.memoryBytes = l.memoryBytes;
  if (l.diskBytes !== undefined) out.diskBytes = l.diskBytes;
  if (l.gpu) out.gpu = l.gpu;
  return out;
}

function permissions(m: OlaresManifest): CatalogPermission[] {
  const p = m.permission;
  const out: CatalogPermission[] = [];
  if (p.appData) out.push({ kind: 'appData' });
  if (p.appCache) out.push({ kind: 'appCache' });
  if (p.appCommon) out.push({ kind: 'appCommon' });
  if (p.externalData) out.push({ kind: 'externalData' });
  if (p.userData.length > 0) out.push({ kind: 'userData', paths: p.userData });
  for (const s of p.sysData) out.push({ kind: 'sysData', group: s.group, dataType: s.dataType, ops: s.ops });
  for (const s of p.provider) out.push({ kind: 'provider', appName: s.appName, providerName: s.providerName });
  if (p.serviceAccount) out.push({ kind: 'serviceAccount', name: p.serviceAccount });
  if (m.options.allowedOutboundPorts.length > 0) out.push({ kind: 'outboundPorts', ports: m.options.allowedOutboundPorts });
  if (m.ports.length > 0) out.push({ kind: 'exposedPorts', ports: m.ports.map((x) => ({ name: x.name, port: x.port, protocol: x.protocol || 'tcp/udp' })) });
  return out;
}

function middleware(m: OlaresManifest): CatalogMiddleware[] {
  const out: CatalogMiddleware[] = [];
  const pg = m.middleware.postgres;
  if (pg) {
    out.push({
      kind: 'postgres',
      username: pg.username,
      names: pg.databases.map((d) => d.name),
      extensions: [...new Set(pg.databases.flatMap((d) => d.extensions))],
    });
  }
  const { postgres: _pg, other, ...loose } = m.middleware;
  for (const [kind, value] of Object.entries(loose)) {
    if (!value) continue;
    out.push({ kind, ...(value.username ? { username: value.username } : {}), names: value.names, extensions: [] });
  }
  for (const kind of Object.keys(other)) out.push({ kind, names: [], extensions: [] });
  return out;
}

function locales(m: OlaresManifest): Record<string, CatalogLocaleText> {
  const tags = new Set([...Object.keys(m.i18n), ...m.spec.locale]);
  const out: Record<string, CatalogLocaleText> = {};
  for (const tag of [...tags].sort()) {
    const t = localizedText(m, tag);
    out[tag] = {
      title: t.title,
      description: t.description,
      ...(t.fullDescription ? { fullDescription: t.fullDescription } : {}),
      ...(t.upgradeDescription ? { upgradeDescription: t.upgradeDescription } : {}),
    };
  }
  return out;
}

/** Build the store's view of one chart. */
export function toCatalogApp(m: OlaresManifest, chart: ChartYaml, source: string): CatalogApp {
  const s = m.spec;
  const optional = {
    ...(chart.appVersion ? { appVersion: chart.appVersion } : {}),
    ...(s.developer ? { developer: s.developer } : {}),
    ...(s.submitter ? { submitter: s.submitter } : {}),
    ...(s.website ? { website: s.website } : {}),
    ...(s.sourceCode ? { sourceCode: s.sourceCode } : {}),
    ...(s.doc ? { doc: s.doc } : {}),
    ...(s.featuredImage ? { featuredImage: s.featuredImage } : {}),
  };
  return {
    name: m.metadata.name,
    version: chart.version,
    versionName: s.versionName ?? chart.appVersion ?? chart.version,
    type: m.type,
    apiVersion: m.apiVersion,
    title: m.metadata.title,
    icon: m.metadata.icon,
    description: m.metadata.description,
    fullDescription: s.fullDescription,
    upgradeDescription: s.upgradeDescription,
    categories: displayCategories(m.metadata.categories),
    rawCategories: m.metadata.categories,
    license: s.license,
    screenshots: s.promoteImage,
    locales: locales(m),
    requirements: requirements(m),
    limits: limits(m),
    accelerators: s.accelerators,
    supportArch: s.supportArch,
    onlyAdmin: s.onlyAdmin,
    allowMultipleInstall: m.options.allowMultipleInstall,
    permissions: permissions(m),
    middleware: middleware(m),
    dependencies: m.options.dependencies,
    conflicts: m.options.conflicts,
    entrances: m.entrances,
    source,
    manifest: m,
    ...optional,
  };
}
