// options: how an app relates to others (dependencies, conflicts, scope), access policies and install-time switches.
import type { Fields } from '../fields';
import { GO_DURATION, compiles, isValidRange, toNpmRange } from '../patterns';
import type { AccessPolicy, Conflict, Dependency, ManifestOptions } from '../types';

const KNOWN = [
  'dependencies',
  'conflicts',
  'policies',
  'appScope',
  'allowMultipleInstall',
  'resetCookie',
  'mobileSupported',
  'analytics',
  'apiTimeout',
  'allowedOutboundPorts',
  'images',
  'shared',
  'templateOnly',
  'LLMGatewaySupported',
  'oidc',
  'wsConfig',
  'websocket',
  'upload',
  'syncProvider',
];
const DEPENDENCY_TYPES = ['system', 'application', 'middleware'];

function readDependencies(o: Fields): Dependency[] {
  return o.mapItems('dependencies', ['name', 'version', 'type', 'mandatory']).map((d) => {
    const version = d.reqStr('version');
    if (version && !isValidRange(version)) d.error('version', `${JSON.stringify(version)} is not a version range (e.g. >=1.12.3-0)`);
    const type = d.str('type') || 'application';
    if (!DEPENDENCY_TYPES.includes(type)) d.warn('type', `${JSON.stringify(type)} is not one of ${DEPENDENCY_TYPES.join(', ')}`);
    return { name: d.reqStr('name'), version, range: version ? toNpmRange(version) : '*', type, mandatory: d.bool('mandatory') };
  });
}

function readConflicts(o: Fields): Conflict[] {
  return o.mapItems('conflicts', ['name', 'type']).map((c) => ({ name: c.reqStr('name'), type: c.str('type') || 'application' }));
}

function readPolicies(o: Fields): AccessPolicy[] {
  return o.mapItems('policies', ['entranceName', 'uriRegex', 'level', 'oneTime', 'validDuration', 'description']).map((p) => {
    const uriRegex = p.reqStr('uriRegex');
    if (uriRegex && !compiles(uriRegex)) p.warn('uriRegex', `${JSON.stringify(uriRegex)} does not compile as a JavaScript regular expression`);
    const validDuration = p.str('validDuration', { pattern: GO_DURATION, hint: 'is not a duration like 3600s or 1h' });
    const entranceName = p.str('entranceName');
    const description = p.str('description');
    return {
      uriRegex,
      level: p.reqStr('level'),
      oneTime: p.bool('oneTime'),
      ...(entranceName ? { entranceName } : {}),
      ...(validDuration ? { validDuration } : {}),
      ...(description ? { description } : {}),
    };
  });
}

function readPorts(o: Fields): number[] {
  const out: number[] = [];
  for (const item of o.items('allowedOutboundPorts')) {
    const v = item.value;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535) out.push(v);
    else o.error(`allowedOutboundPorts[${String(item.segs[item.segs.length - 1])}]`, `${JSON.stringify(v)} is not a port number`);
  }
  return out;
}

export function readOptions(root: Fields): ManifestOptions {
  const o = root.map('options', KNOWN);
  const base: ManifestOptions = {
    dependencies: [],
    conflicts: [],
    policies: [],
    allowMultipleInstall: false,
    resetCookie: { enabled: false },
    mobileSupported: false,
    analytics: { enabled: false },
    allowedOutboundPorts: [],
    images: [],
    shared: false,
    templateOnly: false,
    llmGatewaySupported: false,
  };
  if (!o) return base;
  const out: ManifestOptions = {
    ...base,
    dependencies: readDependencies(o),
    conflicts: readConflicts(o),
    policies: readPolicies(o),
    allowMultipleInstall: o.bool('allowMultipleInstall'),
    resetCookie: { enabled: o.map('resetCookie', ['enabled'])?.bool('enabled') ?? false },
    mobileSupported: o.bool('mobileSupported'),
    analytics: { enabled: o.map('analytics', ['enabled'])?.bool('enabled') ?? false },
    allowedOutboundPorts: readPorts(o),
    images: o.strList('images'),
    shared: o.bool('shared'),
    templateOnly: o.bool('templateOnly'),
    llmGatewaySupported: o.bool('LLMGatewaySupported'),
  };
  const apiTimeout = o.int('apiTimeout', { min: 0 });
  if (apiTimeout !== undefined) out.apiTimeout = apiTimeout;
  const scope = o.map('appScope', ['clusterScoped', 'appRef']);
  if (scope) out.appScope = { clusterScoped: scope.bool('clusterScoped'), appRef: scope.strList('appRef') };
  const oidc = o.map('oidc', ['enabled', 'redirectUri', 'entranceName']);
  if (oidc) {
    const redirectUri = oidc.str('redirectUri');
    const entranceName = oidc.str('entranceName');
    out.oidc = { enabled: oidc.bool('enabled'), ...(redirectUri ? { redirectUri } : {}), ...(entranceName ? { entranceName } : {}) };
  }
  const ws = o.map(o.has('websocket') ? 'websocket' : 'wsConfig', ['port', 'url']);
  if (ws) {
    const port = ws.int('port', { min: 1, max: 65535 });
    const url = ws.str('url');
    out.websocket = { ...(port !== undefined ? { port } : {}), ...(url ? { url } : {}) };
  }
  const upload = o.map('upload', ['fileType', 'dest', 'limitedSize']);
  if (upload) {
    const dest = upload.str('dest');
    const limitedSize = upload.int('limitedSize', { min: 0 });
    out.upload = { fileType: upload.strList('fileType'), ...(dest ? { dest } : {}), ...(limitedSize !== undefined ? { limitedSize } : {}) };
  }
  return out;
}
