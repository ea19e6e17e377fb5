// Chart.yaml: the Helm side of an app chart — its name, version and appVersion, checked as Helm would.
import semver from 'semver';
import { Fields } from '../manifest/fields';
import type { Issues } from '../manifest/issues';
import { DNS_LABEL, DNS_LABEL_HINT } from '../manifest/patterns';
import { loadYaml } from '../manifest/yaml-doc';

export interface ChartYaml {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  type: string;
}

const KNOWN = ['apiVersion', 'name', 'version', 'appVersion', 'description', 'type', 'kubeVersion', 'keywords', 'home', 'sources', 'dependencies', 'maintainers', 'icon', 'deprecated', 'annotations'];

/** Read Chart.yaml; problems go to `issues`. Undefined when unusable. */
export function readChartYaml(text: string, issues: Issues): ChartYaml | undefined {
  const yaml = loadYaml(text, issues);
  if (!yaml) return undefined;
  if (yaml.data === null || yaml.data === undefined) {
    issues.error('(root)', 'Chart.yaml is empty');
    return undefined;
  }
  const root = Fields.of({ issues, yaml }, yaml.data, [], KNOWN);
  if (!root) return undefined;
  const apiVersion = root.str('apiVersion') || 'v1';
  if (apiVersion !== 'v1' && apiVersion !== 'v2') root.error('apiVersion', `${JSON.stringify(apiVersion)} is not v1 or v2`);
  const name = root.reqStr('name', { pattern: DNS_LABEL, hint: DNS_LABEL_HINT });
  const version = root.reqStr('version');
  if (version && !semver.valid(version)) root.error('version', `${JSON.stringify(version)} is not a semantic version (Helm requires one)`);
  const type = root.str('type') || 'application';
  if (type !== 'application') root.error('type', `${JSON.stringify(type)}: only application charts can be installed`);
  if (root.has('dependencies')) root.warn('dependencies', 'Helm dependencies are not fetched; vendor them under charts/');
  const appVersion = root.str('appVersion');
  const description = root.str('description');
  return { apiVersion, name, version, type, ...(appVersion ? { appVersion } : {}), ...(description ? { description } : {}) };
}
