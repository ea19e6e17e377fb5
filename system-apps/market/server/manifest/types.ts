// The normalised OlaresManifest: what the parser hands the Market, with quantities as numbers and every default filled in.

/** `olaresManifest.type`. Known today: app, middleware, recommend, model, agent; others are kept as written. */
export type ManifestKind = 'app' | 'middleware' | 'recommend' | 'model' | 'agent' | (string & {});

export interface ManifestMetadata {
  /** Chart and app name: a DNS label, at most 30 characters. */
  name: string;
  /** Registered app id; defaults to the name. */
  appid: string;
  title: string;
  /** URL, or a path relative to the chart folder (e.g. `icon.svg`). */
  icon: string;
  description: string;
  /** The chart version, semver. */
  version: string;
  /** As written, e.g. `Productivity_v112`. */
  categories: string[];
  tags: string[];
  target?: string;
}

export type AuthLevel = 'public' | 'private' | 'internal';
export type OpenMethod = 'default' | 'iframe' | 'window';

export interface Entrance {
  name: string;
  /** The Service name in the chart that serves this entrance. */
  host: string;
  /** 0 only for shared entrances that the platform assigns. */
  port: number;
  title: string;
  icon?: string;
  authLevel: AuthLevel;
  invisible: boolean;
  openMethod: OpenMethod;
  windowPushState: boolean;
  skip: boolean;
}

export interface ServicePort {
  name: string;
  host: string;
  port: number;
  exposePort?: number;
  /** "tcp", "udp", or "" for both. */
  protocol: string;
  addToTailscaleAcl: boolean;
}

export interface TailscaleAcl {
  proto: string;
  dst: string[];
  action?: string;
  src: string[];
}

/** GPU as declared: a memory size ("16Gi") or a device count (1). */
export type GpuAmount = { kind: 'memory'; bytes: number } | { kind: 'count'; count: number };

/** One side of a resource envelope (required or limited). Absent fields were not declared. */
export interface ResourceAmounts {
  cpuMillis?: number;
  memoryBytes?: number;
  diskBytes?: number;
  gpu?: GpuAmount;
}

/** A per-accelerator resource envelope (`spec.accelerator[]`, manifest 0.12+): one per hardware mode. */
export interface AcceleratorProfile {
  /** e.g. `nvidia`, `nvidia-gb10`, `strix-halo`, `cpu`. */
  mode: string;
  required: ResourceAmounts;
  limited: ResourceAmounts;
}

export interface TextAndUrl {
  text: string;
  url?: string;
}

export type ClientPlatform = 'edge' | 'android' | 'ios' | 'windows' | 'mac' | 'linux';

export interface ManifestSpec {
  versionName?: string;
  featuredImage?: string;
  promoteImage: string[];
  promoteVideo?: string;
  fullDescription: string;
  upgradeDescription: string;
  developer?: string;
  website?: string;
  sourceCode?: string;
  submitter?: string;
  doc?: string;
  locale: string[];
  license: TextAndUrl[];
  legal: TextAndUrl[];
  /** requiredCpu / requiredMemory / requiredDisk / requiredGpu, parsed. */
  required: ResourceAmounts;
  /** limitedCpu / limitedMemory / limitedDisk / limitedGpu, parsed. */
  limited: ResourceAmounts;
  accelerators: AcceleratorProfile[];
  /** e.g. amd64, arm64. Defaults to [amd64] when not declared. */
  supportArch: string[];
  runAsUser: boolean;
  runAsInternal: boolean;
  onlyAdmin: boolean;
  supportClient: Partial<Record<ClientPlatform, string>>;
  /** Hardware constraints (vendor, model…) as declared; the format is still moving, so it is kept loosely. */
  hardware?: Record<string, unknown>;
  subCharts: Array<{ name: string; shared: boolean }>;
  podGpuConsumePolicy?: string;
}

export interface SysDataPermission {
  appName?: string;
  group: string;
  dataType: string;
  version: string;
  ops: string[];
  port?: string;
  svc?: string;
  namespace?: string;
}

export interface ProviderPermission {
  appName: string;
  providerName: string;
  namespace?: string;
  podSelectors: unknown[];
}

export interface ManifestPermission {
  appData: boolean;
  appCache: boolean;
  appCommon: boolean;
  externalData: boolean;
  /** Folders under the user's files the app may mount, e.g. `Home/Downloads`. */
  userData: string[];
  sysData: SysDataPermission[];
  provider: ProviderPermission[];
  serviceAccount?: string;
}

export interface PostgresDatabase {
  name: string;
  distributed: boolean;
  extensions: string[];
  scripts: string[];
}

export interface PostgresRequest {
  username: string;
  password?: string;
  databases: PostgresDatabase[];
}

/** Middleware other than PostgreSQL: the common fields typed, anything else kept as written. */
export interface LooseMiddleware {
  username?: string;
  password?: string;
  namespace?: string;
  /** databases / buckets / vhosts / indexes / subjects, by their names. */
  names: string[];
  raw: Record<string, unknown>;
}

export interface ManifestMiddleware {
  postgres?: PostgresRequest;
  redis?: LooseMiddleware;
  mongodb?: LooseMiddleware;
  mysql?: LooseMiddleware;
  mariadb?: LooseMiddleware;
  minio?: LooseMiddleware;
  rabbitmq?: LooseMiddleware;
  elasticsearch?: LooseMiddleware;
  nats?: LooseMiddleware;
  zinc?: LooseMiddleware;
  argo?: LooseMiddleware;
  /** Kinds this version does not know, as written. */
  other: Record<string, unknown>;
}

export type DependencyType = 'system' | 'application' | 'middleware' | (string & {});

export interface Dependency {
  name: string;
  /** As written, e.g. `>=1.12.3-0,<1.12.6`. */
  version: string;
  /** The same as an npm-semver range (commas become spaces), e.g. `>=1.12.3-0 <1.12.6`. */
  range: string;
  type: DependencyType;
  mandatory: boolean;
}

export interface Conflict {
  name: string;
  type: string;
}

export interface AccessPolicy {
  entranceName?: string;
  uriRegex: string;
  level: string;
  oneTime: boolean;
  validDuration?: string;
  description?: string;
}

export interface ManifestOptions {
  dependencies: Dependency[];
  conflicts: Conflict[];
  policies: AccessPolicy[];
  appScope?: { clusterScoped: boolean; appRef: string[] };
  allowMultipleInstall: boolean;
  resetCookie: { enabled: boolean };
  mobileSupported: boolean;
  analytics: { enabled: boolean };
  apiTimeout?: number;
  allowedOutboundPorts: number[];
  images: string[];
  /** A shared (cluster-wide) app. */
  shared: boolean;
  templateOnly: boolean;
  llmGatewaySupported: boolean;
  oidc?: { enabled: boolean; redirectUri?: string; entranceName?: string };
  websocket?: { port?: number; url?: string };
  upload?: { fileType: string[]; dest?: string; limitedSize?: number };
}

export type EnvType = 'string' | 'int' | 'bool' | 'url' | 'ip' | 'domain' | 'email' | 'password' | (string & {});

export interface ManifestEnv {
  envName: string;
  type: EnvType;
  default?: string;
  value?: string;
  required: boolean;
  editable: boolean;
  applyOnChange: boolean;
  description?: string;
  options: Array<{ title: string; value: string }>;
  remoteOptions?: string;
  regex?: string;
  multiSelect: boolean;
  splitter?: string;
  /** Takes its value from a system or user variable, e.g. OLARES_USER_SMTP_SERVER. */
  valueFrom?: { envName: string };
}

export interface ProviderDecl {
  name: string;
  entrance: string;
  paths: string[];
  verbs: string[];
}

/** Localised text for one locale; missing fields fall back to the manifest's own. */
export interface ManifestLocaleText {
  title?: string;
  description?: string;
  fullDescription?: string;
  upgradeDescription?: string;
}

/** A parsed, validated, normalised OlaresManifest.yaml. */
export interface OlaresManifest {
  /** `olaresManifest.version`, e.g. "0.12.0". */
  manifestVersion: string;
  /** `olaresManifest.type`. */
  type: ManifestKind;
  /** `apiVersion`: v1 (default), v2 (client/server sub-charts), v3 (shared, admin-installed). */
  apiVersion: string;
  metadata: ManifestMetadata;
  entrances: Entrance[];
  sharedEntrances: Entrance[];
  ports: ServicePort[];
  tailscale: { acls: TailscaleAcl[]; subRoutes: string[] };
  spec: ManifestSpec;
  permission: ManifestPermission;
  middleware: ManifestMiddleware;
  options: ManifestOptions;
  provider: ProviderDecl[];
  envs: ManifestEnv[];
  /** Workload name → replica count. */
  workloadReplicas: Record<string, number>;
  /** Locale → localised text, from `i18n/<locale>/OlaresManifest.yaml` (empty until merged). */
  i18n: Record<string, ManifestLocaleText>;
}
