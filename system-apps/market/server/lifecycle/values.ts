// The values Olares hands every app chart (user, domain, data paths, middleware credentials, GPU), as the YAML of a HelmChart's valuesContent.
import path from 'node:path';
import { stringify } from 'yaml';
import type { PostgresGrant } from '../middleware/postgres';
import { OLARES_VERSION } from './precheck';

export interface ValuesInput {
  user: string;
  app: string;
  /** The user's zone: entrances live under it (`<id>.<zone>`). */
  zone: string;
  dataDir: string;
  /** entrance name → its host name (no scheme). */
  entranceHosts: Record<string, string>;
  postgres?: PostgresGrant;
  gpu: { type: 'nvidia' | 'none' };
}

export function olaresValues(v: ValuesInput): Record<string, unknown> {
  const home = path.join(v.dataDir, 'users', v.user);
  return {
    bfl: { username: v.user },
    user: { zone: v.zone },
    domain: v.entranceHosts,
    sysVersion: OLARES_VERSION,
    olaresEnv: {},
    userspace: {
      appData: path.join(home, 'appdata', v.app),
      appCache: path.join(home, 'appcache', v.app),
      userData: path.join(home, 'files'),
    },
    ...(v.postgres
      ? {
          postgres: {
            host: v.postgres.host,
            port: v.postgres.port,
            username: v.postgres.role,
            password: v.postgres.password,
            databases: v.postgres.databases,
          },
        }
      : {}),
    // Only apps that need a GPU are told about one (a chart schedules a GPU when it sees these).
    ...(v.gpu.type === 'none' ? {} : { GPU: { Type: v.gpu.type, Cuda: '12.4' }, gpu: v.gpu.type }),
  };
}

export const valuesYaml = (v: ValuesInput) => stringify(olaresValues(v));
