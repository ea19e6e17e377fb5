// entrances and sharedEntrances: the web endpoints of an app, how they are reached and how the desktop opens them.
import type { Fields } from '../fields';
import { ENTRANCE_NAME, ENTRANCE_NAME_HINT, SERVICE_NAME, SERVICE_NAME_HINT, isUrlOrChartPath } from '../patterns';
import type { AuthLevel, Entrance, OpenMethod } from '../types';

const KNOWN = ['name', 'host', 'port', 'title', 'icon', 'authLevel', 'invisible', 'openMethod', 'windowPushState', 'skip'];
const AUTH_LEVELS: readonly AuthLevel[] = ['private', 'public', 'internal'];
const OPEN_METHODS: readonly OpenMethod[] = ['default', 'iframe', 'window'];

function readEntrance(e: Fields, shared: boolean): Entrance {
  const icon = e.str('icon');
  if (icon && !isUrlOrChartPath(icon)) e.error('icon', `${JSON.stringify(icon)} must be an http(s) URL or a path inside the chart folder`);
  return {
    name: e.reqStr('name', { pattern: ENTRANCE_NAME, hint: ENTRANCE_NAME_HINT, maxLength: 63 }),
    host: e.reqStr('host', { pattern: SERVICE_NAME, hint: SERVICE_NAME_HINT, maxLength: 63 }),
    // Shared entrances may leave the port to the platform (0).
    port: e.int('port', { min: shared ? 0 : 1, max: 65535, required: !shared }) ?? 0,
    title: e.reqStr('title', { maxLength: 30, soft: true }),
    ...(icon ? { icon } : {}),
    authLevel: e.oneOf('authLevel', AUTH_LEVELS, 'private'),
    invisible: e.bool('invisible'),
    openMethod: e.oneOf('openMethod', OPEN_METHODS, 'default', true),
    windowPushState: e.bool('windowPushState'),
    skip: e.bool('skip'),
  };
}

/** Read `entrances` (or `sharedEntrances` with shared=true); names must be unique within the list. */
export function readEntrances(root: Fields, key: 'entrances' | 'sharedEntrances'): Entrance[] {
  const shared = key === 'sharedEntrances';
  const items = root.mapItems(key, KNOWN);
  const entrances = items.map((e) => readEntrance(e, shared));
  const seen = new Set<string>();
  entrances.forEach((e, i) => {
    if (!e.name) return;
    if (seen.has(e.name)) items[i]?.error('name', `${JSON.stringify(e.name)} is used by another entrance`);
    seen.add(e.name);
  });
  return entrances;
}
