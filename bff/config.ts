// Reads the environment once, validates it with zod, and hands one typed config object down.
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PUBLIC_ORIGIN: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(60 * 24 * 3),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(24 * 30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_BAN_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(30),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  TRUST_PROXY: bool.default(false),
  STATIC_DIR: z.string().min(1).default('./dist'),
  /** `simulator` forces the cluster simulator; `auto` uses KUBECONFIG, ~/.kube/config or the in-cluster account when there is one. */
  CLUSTER: z.enum(['auto', 'simulator']).default('auto'),
  KUBECONFIG: z.string().min(1).optional(),
  /** Where app catalogues come from: comma-separated folders and https:// index URLs; the demo catalogue by default. */
  MARKET_SOURCES: z.string().min(1).optional(),
  MARKET_SYNC_MINUTES: z.coerce.number().positive().default(60),
  /** The origin of an app entrance, `{id}` standing for the entrance's id; `<scheme>//{id}.localhost:<port>` of PUBLIC_ORIGIN by default. */
  ENTRANCE_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/]*\{id\}[^/]*$/, 'must be an origin containing {id}, like https://{id}.alice.example.com')
    .optional(),
  /** Host and port the apps' pods reach PostgreSQL at, when it differs from DATABASE_URL's (e.g. a cluster service). */
  APP_POSTGRES_HOST: z.string().min(1).optional(),
  /** Downloads from a URL and cloud drives may reach private networks (a NAS or MinIO on the LAN); off by default. */
  FILES_ALLOW_PRIVATE_NETWORK: bool.default(false),
  /** The largest file a download from a URL may bring. */
  FILES_DOWNLOAD_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 ** 3),
  /** 64 hex characters: the key that seals cloud-drive credentials; `<DATA_DIR>/secrets/files.key` (made on first use) otherwise. */
  FILES_SECRET_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters').optional(),
  /** How often indexed folders are walked again for the search index (changes the watcher cannot see); 0 = never. */
  FILES_INDEX_RESCAN_MINUTES: z.coerce.number().min(0).default(60),
  /** Watch users' folders for outside changes (inotify; not on network file systems). */
  FILES_WATCH: bool.default(true),
  /** How many feeds Wise fetches at once (per replica). */
  WISE_FETCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(6),
  /** Wise may fetch feeds, pages and images from private networks (a feed on the LAN; tests serve feeds from loopback); off by default. */
  WISE_ALLOW_PRIVATE_NETWORK: bool.default(false),
  /** 64 hex characters: the key that signs Wise's image-proxy URLs; `<DATA_DIR>/secrets/wise.key` (made on first use) otherwise. */
  WISE_SECRET_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters').optional(),
  /** Refresh feeds in the background (tests that drive refreshes themselves turn it off). */
  WISE_REFRESH: bool.default(true),
  /** Prometheus's base URL (e.g. `http://prometheus.monitoring:9090`); unset: the Dashboard uses the built-in host sampler. */
  PROMETHEUS_URL: z.string().url().optional(),
  /** How long one PromQL query may take before the Dashboard falls back to the sampler. */
  PROMETHEUS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** How often the Dashboard pushes live figures to watching browsers. */
  DASHBOARD_TICK_SECONDS: z.coerce.number().min(1).max(300).default(5),
  /** Where GPUs are discovered: `nvidia-smi` on this machine, DCGM series in Prometheus, either (auto), or none. */
  GPU_SOURCE: z.enum(['auto', 'nvidia-smi', 'dcgm', 'none']).default('auto'),
  /** The nvidia-smi command (a name on PATH or an absolute path). */
  NVIDIA_SMI: z.string().min(1).default('nvidia-smi'),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicOrigin: string;
  secureCookies: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  loginMaxFailures: number;
  loginBanMs: number;
  loginRatePerMinute: number;
  bodyLimitBytes: number;
  trustProxy: boolean;
  staticDir: string;
  cluster: 'auto' | 'simulator';
  kubeconfig: string | undefined;
  /** Catalogue sources: folders (absolute paths) and URLs; undefined for the built-in demo catalogue. */
  marketSources: string[] | undefined;
  marketSyncMs: number;
  /** e.g. `http://{id}.localhost:3000`. */
  entranceOrigin: string;
  appPostgresHost: { host: string; port: number } | undefined;
  files: {
    allowPrivateNetwork: boolean;
    downloadMaxBytes: number;
    secretKey: string | undefined;
    indexRescanMs: number;
    watch: boolean;
  };
  wise: {
    fetchConcurrency: number;
    allowPrivateNetwork: boolean;
    secretKey: string | undefined;
    refresh: boolean;
  };
  metrics: {
    prometheusUrl: string | undefined;
    timeoutMs: number;
    tickMs: number;
    /** Not from the environment: the bench sets false to measure the Dashboard with its query cache off (the cold path). */
    cache?: boolean;
  };
  gpu: {
    source: 'auto' | 'nvidia-smi' | 'dcgm' | 'none';
    nvidiaSmi: string;
  };
}

/** Thrown when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as they do in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicOrigin = new URL(e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).origin;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicOrigin,
    secureCookies: publicOrigin.startsWith('https:'),
    logLevel: e.LOG_LEVEL,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginBanMs: e.LOGIN_BAN_SECONDS * 1000,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
    staticDir: path.resolve(e.STATIC_DIR),
    cluster: e.CLUSTER,
    kubeconfig: e.KUBECONFIG,
    marketSources: e.MARKET_SOURCES?.split(',')
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => (/^https?:\/\//.test(x) ? x : path.resolve(x))),
    marketSyncMs: e.MARKET_SYNC_MINUTES * 60_000,
    entranceOrigin: e.ENTRANCE_ORIGIN ?? defaultEntranceOrigin(publicOrigin),
    appPostgresHost: e.APP_POSTGRES_HOST ? hostPort(e.APP_POSTGRES_HOST) : undefined,
    files: {
      allowPrivateNetwork: e.FILES_ALLOW_PRIVATE_NETWORK,
      downloadMaxBytes: e.FILES_DOWNLOAD_MAX_BYTES,
      secretKey: e.FILES_SECRET_KEY,
      indexRescanMs: e.FILES_INDEX_RESCAN_MINUTES * 60_000,
      watch: e.FILES_WATCH,
    },
    wise: {
      fetchConcurrency: e.WISE_FETCH_CONCURRENCY,
      allowPrivateNetwork: e.WISE_ALLOW_PRIVATE_NETWORK,
      secretKey: e.WISE_SECRET_KEY,
      refresh: e.WISE_REFRESH,
    },
    metrics: {
      prometheusUrl: e.PROMETHEUS_URL?.replace(/\/+$/, ''),
      timeoutMs: e.PROMETHEUS_TIMEOUT_MS,
      tickMs: e.DASHBOARD_TICK_SECONDS * 1000,
    },
    gpu: { source: e.GPU_SOURCE, nvidiaSmi: e.NVIDIA_SMI },
  };
}

/** Entrances get their own origins beside the desktop's: `x.localhost:3000` beside `localhost:3000`, `x.home.example` beside `desktop.home.example`. */
function defaultEntranceOrigin(publicOrigin: string): string {
  const u = new URL(publicOrigin);
  const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
  // `desktop.alice.example.com` → `{id}.alice.example.com`; a bare `example.com` → `{id}.example.com`.
  const labels = u.hostname.split('.');
  const parent = loopback ? 'localhost' : labels.length > 2 ? labels.slice(1).join('.') : u.hostname;
  return `${u.protocol}//{id}.${parent}${u.port ? `:${u.port}` : ''}`;
}

function hostPort(value: string): { host: string; port: number } {
  const m = /^(.+?)(?::(\d+))?$/.exec(value)!;
  return { host: m[1]!, port: m[2] ? Number(m[2]) : 5432 };
}
