// parseManifest: OlaresManifest.yaml text in, a validated and normalised OlaresManifest (or every problem, by field) out.
import { Fields } from './fields';
import { Issues, type ManifestIssue } from './issues';
import { crossCheck } from './sections/cross-checks';
import { readEntrances } from './sections/entrances';
import { readEnvs } from './sections/envs';
import { readHeader } from './sections/header';
import { readMetadata } from './sections/metadata';
import { readMiddleware } from './sections/middleware';
import { readPorts, readProvider, readTailscale, readWorkloadReplicas } from './sections/network';
import { readOptions } from './sections/options';
import { readPermission } from './sections/permission';
import { readSpec } from './sections/spec';
import { manifestTemplateData, renderTemplate, type ManifestRenderOptions } from './template';
import type { OlaresManifest } from './types';
import { loadYaml } from './yaml-doc';

export type ManifestResult = { ok: true; manifest: OlaresManifest; warnings: ManifestIssue[] } | { ok: false; errors: ManifestIssue[]; warnings: ManifestIssue[] };

export interface ParseManifestOptions {
  /** Named in every issue, e.g. `OlaresManifest.yaml`. */
  file?: string;
  /** Who the manifest is rendered for (its `{{ if }}` blocks); default: an admin. */
  render?: ManifestRenderOptions;
}

const ROOT_KEYS = [
  'olaresManifest.version',
  'olaresManifest.type',
  'terminusManifest.version',
  'terminusManifest.type',
  'apiVersion',
  'metadata',
  'entrances',
  'sharedEntrances',
  'ports',
  'tailscale',
  'tailScale',
  'spec',
  'permission',
  'middleware',
  'options',
  'provider',
  'envs',
  'workloadReplicas',
];

/** Render the template, parse the YAML; undefined (with the issues recorded) when either fails. */
export function loadManifestYaml(text: string, issues: Issues, render?: ManifestRenderOptions) {
  const rendered = renderTemplate(text, manifestTemplateData(render));
  if (!rendered.ok) {
    issues.error('(template)', `line ${rendered.line}: ${rendered.reason}`);
    return undefined;
  }
  return loadYaml(rendered.text, issues);
}

/** Parse and validate an OlaresManifest.yaml. Unknown fields are warnings; anything that makes the app unusable is an error. */
export function parseManifest(text: string, opts: ParseManifestOptions = {}): ManifestResult {
  const issues = new Issues(opts.file);
  const fail = (): ManifestResult => ({ ok: false, errors: issues.errors, warnings: issues.warnings });
  const yaml = loadManifestYaml(text, issues, opts.render);
  if (!yaml) return fail();
  if (yaml.data === null || yaml.data === undefined) {
    issues.error('(root)', 'the manifest is empty');
    return fail();
  }
  const root = Fields.of({ issues, yaml }, yaml.data, [], ROOT_KEYS);
  if (!root) return fail();

  const manifest: OlaresManifest = {
    ...readHeader(root),
    metadata: readMetadata(root),
    entrances: readEntrances(root, 'entrances'),
    sharedEntrances: readEntrances(root, 'sharedEntrances'),
    ports: readPorts(root),
    tailscale: readTailscale(root),
    spec: readSpec(root),
    permission: readPermission(root),
    middleware: readMiddleware(root),
    options: readOptions(root),
    provider: readProvider(root),
    envs: readEnvs(root),
    workloadReplicas: readWorkloadReplicas(root),
    i18n: {},
  };
  crossCheck(manifest, issues);
  if (issues.errors.length > 0) return fail();
  return { ok: true, manifest, warnings: issues.warnings };
}
