// ports, tailscale and provider: what an app exposes besides its web entrances (raw TCP/UDP, VPN rules, in-cluster APIs).
import type { Fields } from '../fields';
import { SERVICE_NAME, SERVICE_NAME_HINT } from '../patterns';
import type { ProviderDecl, ServicePort, TailscaleAcl } from '../types';

export function readPorts(root: Fields): ServicePort[] {
  return root.mapItems('ports', ['name', 'host', 'port', 'exposePort', 'protocol', 'addToTailscaleAcl']).map((p) => {
    const exposePort = p.int('exposePort', { min: 0, max: 65535 });
    return {
      name: p.reqStr('name'),
      host: p.reqStr('host', { pattern: SERVICE_NAME, hint: SERVICE_NAME_HINT, maxLength: 63 }),
      port: p.int('port', { min: 1, max: 65535, required: true }) ?? 0,
      ...(exposePort !== undefined ? { exposePort } : {}),
      protocol: p.oneOf('protocol', ['', 'tcp', 'udp'] as const, '', true),
      addToTailscaleAcl: p.bool('addToTailscaleAcl'),
    };
  });
}

/** `tailscale` (documented spelling) or `tailScale` (what the Go struct reads). */
export function readTailscale(root: Fields): { acls: TailscaleAcl[]; subRoutes: string[] } {
  const key = root.has('tailscale') ? 'tailscale' : 'tailScale';
  const t = root.map(key, ['acls', 'subRoutes']);
  if (!t) return { acls: [], subRoutes: [] };
  const acls = t.mapItems('acls', ['action', 'src', 'proto', 'dst']).map((a) => {
    const action = a.str('action');
    return { proto: a.str('proto') ?? '', dst: a.strList('dst'), src: a.strList('src'), ...(action ? { action } : {}) };
  });
  return { acls, subRoutes: t.strList('subRoutes') };
}

export function readProvider(root: Fields): ProviderDecl[] {
  return root.mapItems('provider', ['name', 'entrance', 'paths', 'verbs']).map((p) => ({
    name: p.reqStr('name'),
    entrance: p.reqStr('entrance'),
    paths: p.strList('paths'),
    verbs: p.strList('verbs'),
  }));
}

/** workloadReplicas: workload name → replica count. */
export function readWorkloadReplicas(root: Fields): Record<string, number> {
  const w = root.map('workloadReplicas');
  const out: Record<string, number> = {};
  if (!w) return out;
  for (const key of Object.keys(w.data)) {
    const n = w.int(key, { min: 0, max: 1000 });
    if (n !== undefined) out[key] = n;
  }
  return out;
}
