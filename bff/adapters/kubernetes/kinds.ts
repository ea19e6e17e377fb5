// The kinds the product uses: one typed descriptor each (client-node's models, as JSON), so `api.list(Kinds.pod)` returns Pod[].
import type {
  CoreV1Event,
  V1ConfigMap,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Namespace,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1ReplicaSet,
  V1ResourceQuota,
  V1Secret,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { KindRef, KubeObject } from './port';

/**
 * A client-node model as it arrives over the wire: client-node types timestamps as Date because its
 * generated clients convert them, but our HTTP hands back JSON, where they are RFC 3339 strings.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type Obj<T> = Wire<T> & KubeObject;

export type Namespace = Obj<V1Namespace>;
export type Node = Obj<V1Node>;
export type Pod = Obj<V1Pod>;
export type Service = Obj<V1Service>;
export type ConfigMap = Obj<V1ConfigMap>;
export type Secret = Obj<V1Secret>;
/** A core v1 Event (named so that it does not shadow the DOM `Event`). */
export type KubeEvent = Obj<CoreV1Event>;
export type PersistentVolumeClaim = Obj<V1PersistentVolumeClaim>;
export type ResourceQuota = Obj<V1ResourceQuota>;
export type Deployment = Obj<V1Deployment>;
export type StatefulSet = Obj<V1StatefulSet>;
export type DaemonSet = Obj<V1DaemonSet>;
export type ReplicaSet = Obj<V1ReplicaSet>;
export type Job = Obj<V1Job>;
export type CronJob = Obj<V1CronJob>;

export interface HelmChartCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** k3s's helm-controller resource (helm.cattle.io/v1): the controller runs a helm install/upgrade Job for it. */
export type HelmChart = KubeObject & {
  spec: {
    chart?: string;
    repo?: string;
    version?: string;
    targetNamespace?: string;
    createNamespace?: boolean;
    /** The values as YAML text. */
    valuesContent?: string;
    set?: Record<string, string | number | boolean>;
    /** A packaged chart (.tgz), base64. */
    chartContent?: string;
    timeout?: string;
    backOffLimit?: number;
    failurePolicy?: 'reinstall' | 'abort';
    authSecret?: { name: string };
    bootstrap?: boolean;
  };
  status?: {
    /** The Job running helm for the current spec. */
    jobName?: string;
    conditions?: HelmChartCondition[];
  };
};

function kind<T extends KubeObject>(apiVersion: string, kindName: string, plural: string, namespaced: boolean): KindRef<T> {
  return Object.freeze({ apiVersion, kind: kindName, plural, namespaced });
}

export const Kinds = {
  namespace: kind<Namespace>('v1', 'Namespace', 'namespaces', false),
  node: kind<Node>('v1', 'Node', 'nodes', false),
  pod: kind<Pod>('v1', 'Pod', 'pods', true),
  service: kind<Service>('v1', 'Service', 'services', true),
  configMap: kind<ConfigMap>('v1', 'ConfigMap', 'configmaps', true),
  secret: kind<Secret>('v1', 'Secret', 'secrets', true),
  event: kind<KubeEvent>('v1', 'Event', 'events', true),
  persistentVolumeClaim: kind<PersistentVolumeClaim>('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true),
  resourceQuota: kind<ResourceQuota>('v1', 'ResourceQuota', 'resourcequotas', true),
  deployment: kind<Deployment>('apps/v1', 'Deployment', 'deployments', true),
  statefulSet: kind<StatefulSet>('apps/v1', 'StatefulSet', 'statefulsets', true),
  daemonSet: kind<DaemonSet>('apps/v1', 'DaemonSet', 'daemonsets', true),
  replicaSet: kind<ReplicaSet>('apps/v1', 'ReplicaSet', 'replicasets', true),
  job: kind<Job>('batch/v1', 'Job', 'jobs', true),
  cronJob: kind<CronJob>('batch/v1', 'CronJob', 'cronjobs', true),
  helmChart: kind<HelmChart>('helm.cattle.io/v1', 'HelmChart', 'helmcharts', true),
} as const;
