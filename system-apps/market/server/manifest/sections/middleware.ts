// middleware: the databases and brokers the platform provisions for an app. PostgreSQL is checked strictly; the others loosely.
import type { Fields } from '../fields';
import { PG_EXTENSION, PG_IDENT, PG_IDENT_HINT } from '../patterns';
import type { LooseMiddleware, ManifestMiddleware, PostgresRequest } from '../types';

const LOOSE_KINDS = ['redis', 'mongodb', 'mysql', 'mariadb', 'minio', 'rabbitmq', 'elasticsearch', 'nats', 'zinc', 'argo'] as const;
type LooseKind = (typeof LOOSE_KINDS)[number];

/** Where each kind lists what it provisions (databases, buckets, …). */
const NAMED_LISTS = ['databases', 'buckets', 'vhosts', 'indexes', 'subjects'];

function readPostgres(m: Fields): PostgresRequest | undefined {
  const pg = m.map('postgres', ['username', 'password', 'databases']);
  if (!pg) {
    if (m.raw('postgres') === null) m.error('postgres', 'is empty: it needs a username and databases');
    return undefined;
  }
  const username = pg.reqStr('username', { pattern: PG_IDENT, hint: PG_IDENT_HINT });
  const password = pg.str('password');
  const items = pg.mapItems('databases', ['name', 'distributed', 'extensions', 'scripts']);
  if (items.length === 0 && !pg.has('databases')) pg.error('databases', 'is required: list at least one database');
  else if (items.length === 0) pg.error('databases', 'must list at least one database');
  const seen = new Set<string>();
  const databases = items.map((d) => {
    const name = d.reqStr('name', { pattern: PG_IDENT, hint: PG_IDENT_HINT });
    if (name && seen.has(name)) d.error('name', `${JSON.stringify(name)} is listed twice`);
    seen.add(name);
    return {
      name,
      distributed: d.bool('distributed'),
      extensions: d.strList('extensions', { pattern: PG_EXTENSION, hint: 'is not an extension name' }),
      scripts: d.strList('scripts'),
    };
  });
  return { username, ...(password ? { password } : {}), databases };
}

/** The common fields of a non-PostgreSQL middleware; type problems are warnings, the rest is kept as written. */
function readLoose(m: Fields, kind: string): LooseMiddleware | undefined {
  const value = m.raw(kind);
  if (value === null || value === undefined) return { names: [], raw: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    m.warn(kind, 'expected a mapping; ignored');
    return undefined;
  }
  const raw = value as Record<string, unknown>;
  const out: LooseMiddleware = { names: [], raw };
  for (const key of ['username', 'password', 'namespace'] as const) {
    const v = raw[key];
    if (typeof v === 'string' && v) out[key] = v;
    else if (v !== undefined && v !== null) m.warn(`${kind}.${key}`, 'expected a string; ignored');
  }
  for (const list of NAMED_LISTS) {
    const items = raw[list];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const name = item && typeof item === 'object' ? (item as Record<string, unknown>).name : undefined;
      if (typeof name === 'string' && name) out.names.push(name);
    }
  }
  return out;
}

export function readMiddleware(root: Fields): ManifestMiddleware {
  const m = root.map('middleware');
  const out: ManifestMiddleware = { other: {} };
  if (!m) return out;
  for (const kind of Object.keys(m.data)) {
    if (kind === 'postgres') {
      const pg = readPostgres(m);
      if (pg) out.postgres = pg;
    } else if ((LOOSE_KINDS as readonly string[]).includes(kind)) {
      const loose = readLoose(m, kind);
      if (loose) out[kind as LooseKind] = loose;
    } else {
      m.warn(kind, 'unknown middleware, kept as written');
      out.other[kind] = m.raw(kind);
    }
  }
  return out;
}
