// metadata: the app's name, title, icon, description, chart version and categories.
import semver from 'semver';
import type { Fields } from '../fields';
import { DNS_LABEL, DNS_LABEL_HINT, isUrlOrChartPath } from '../patterns';
import type { ManifestMetadata } from '../types';

const KNOWN = ['name', 'appid', 'title', 'icon', 'description', 'version', 'categories', 'tags', 'target', 'rating', 'type'];

export function readMetadata(root: Fields): ManifestMetadata {
  const m = root.map('metadata', KNOWN);
  if (!m) {
    if (!root.has('metadata')) root.error('metadata', 'is required');
    return { name: '', appid: '', title: '', icon: '', description: '', version: '', categories: [], tags: [] };
  }
  const name = m.reqStr('name', { pattern: DNS_LABEL, hint: DNS_LABEL_HINT, maxLength: 30 });
  const version = m.reqStr('version');
  if (version && !semver.valid(version)) m.error('version', `${JSON.stringify(version)} is not a semantic version (e.g. 1.0.0)`);
  const icon = m.reqStr('icon');
  if (icon && !isUrlOrChartPath(icon)) m.error('icon', `${JSON.stringify(icon)} must be an http(s) URL or a path inside the chart folder`);
  const appid = m.str('appid') || name;
  if (appid !== name) m.warn('appid', `${JSON.stringify(appid)} differs from metadata.name ${JSON.stringify(name)}`);
  const target = m.str('target');
  return {
    name,
    appid,
    title: m.reqStr('title', { maxLength: 30, soft: true }),
    icon,
    description: m.reqStr('description'),
    version,
    categories: m.strList('categories'),
    tags: m.strList('tags'),
    ...(target ? { target } : {}),
  };
}
