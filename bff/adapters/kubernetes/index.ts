// The Kubernetes adapter's public surface: the port, the kinds, the errors and the real client factory.
export type {
  DeletePropagation,
  FollowEnd,
  KindRef,
  KubeApi,
  KubeIdentity,
  KubeObject,
  KubeObjectMeta,
  KubernetesAdapter,
  ListOptions,
  LogFollower,
  LogOptions,
  WatchEvent,
  WatchHandle,
} from './port';
export { Kinds } from './kinds';
export type {
  ConfigMap,
  CronJob,
  DaemonSet,
  Deployment,
  KubeEvent,
  HelmChart,
  HelmChartCondition,
  Job,
  Namespace,
  Node,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  ResourceQuota,
  Secret,
  Service,
  StatefulSet,
  Wire,
} from './kinds';
export * from './status';
export { bytes, cpuMillis, parseQuantity } from './quantity';
export { KubeError, KubeNetworkError, isKubeError, toKubeError, type KubeErrorCause } from './errors';
export { createKubernetesAdapter, SIMULATOR_PLATFORM, type CreateKubernetesAdapterOptions, type KubeLogger } from './client';
export { resolveClusterConfig, type ClusterConfig, type FsProbe } from './kubeconfig';
export { objectKey } from './watch';
