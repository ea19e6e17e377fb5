// Defaulting, as the API server does it before storing: fields a client may leave out get their usual values.
import { isRecord } from './json';
import type { ResourceType } from './resources';
import type { Container, KubeObject, PodSpec } from './types';

export interface DefaultsContext {
  /** A free ClusterIP for a new Service. */
  allocateClusterIp(): string;
}

function rec(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = obj[key];
  if (isRecord(v)) return v;
  const fresh: Record<string, unknown> = {};
  obj[key] = fresh;
  return fresh;
}

function defaultContainer(c: Container): void {
  if (!isRecord(c)) return;
  if (c.imagePullPolicy === undefined && typeof c.image === 'string') {
    const tagged = /:[^/]+$/.test(c.image) && !c.image.endsWith(':latest');
    c.imagePullPolicy = tagged || c.image.includes('@') ? 'IfNotPresent' : 'Always';
  }
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isRecord(p)) p.protocol ??= 'TCP';
  // A container with limits but no requests is given requests equal to its limits.
  const res = c.resources;
  if (res.limits) {
    res.requests ??= {};
    for (const [k, v] of Object.entries(res.limits)) res.requests[k] ??= v;
  }
}

export function defaultPodSpec(spec: PodSpec): void {
  if (!isRecord(spec)) return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.serviceAccountName ??= (spec.serviceAccount as string | undefined) ?? 'default';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) defaultContainer(c);
  for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : []) defaultContainer(c);
}

function qosClass(spec: PodSpec): string {
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const k of ['cpu', 'memory']) if (!lim[k] || req[k] !== lim[k]) guaranteed = false;
  }
  return guaranteed ? 'Guaranteed' : any ? 'Burstable' : 'BestEffort';
}

function defaultTemplate(spec: Record<string, unknown>): void {
  const template = rec(spec, 'template');
  rec(template, 'metadata');
  const podSpec = rec(template, 'spec') as PodSpec;
  defaultPodSpec(podSpec);
}

/** Fills defaults in place. `creating` is false for updates, where status defaults are left alone. */
export function applyDefaults(r: ResourceType, obj: KubeObject, creating: boolean, ctx: DefaultsContext): void {
  const spec = (obj.spec ??= {});
  switch (r.kind) {
    case 'Namespace': {
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
      spec.finalizers ??= ['kubernetes'];
      if (creating) obj.status = { phase: 'Active' };
      break;
    }
    case 'Pod': {
      defaultPodSpec(spec as PodSpec);
      if (creating) obj.status = { phase: 'Pending', qosClass: qosClass(spec as PodSpec) };
      break;
    }
    case 'Deployment': {
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate' };
      const strategy = spec.strategy as Record<string, unknown>;
      if (strategy.type === 'RollingUpdate') strategy.rollingUpdate ??= { maxSurge: '25%', maxUnavailable: '25%' };
      defaultTemplate(spec);
      if (creating) obj.status ??= {};
      break;
    }
    case 'ReplicaSet':
      spec.replicas ??= 1;
      defaultTemplate(spec);
      if (creating) obj.status ??= { replicas: 0 };
      break;
    case 'StatefulSet':
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
      spec.revisionHistoryLimit ??= 10;
      spec.serviceName ??= '';
      defaultTemplate(spec);
      if (creating) obj.status ??= { replicas: 0, availableReplicas: 0 };
      break;
    case 'DaemonSet':
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
      spec.revisionHistoryLimit ??= 10;
      defaultTemplate(spec);
      if (creating) obj.status ??= { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
      break;
    case 'Job': {
      spec.backoffLimit ??= 6;
      spec.completions ??= 1;
      spec.parallelism ??= 1;
      spec.completionMode ??= 'NonIndexed';
      spec.suspend ??= false;
      const uid = obj.metadata.uid ?? '';
      const name = obj.metadata.name ?? '';
      spec.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      const template = rec(spec, 'template');
      const meta = rec(template, 'metadata');
      meta.labels = {
        ...(isRecord(meta.labels) ? meta.labels : {}),
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': name,
        'controller-uid': uid,
        'job-name': name,
      };
      const podSpec = rec(template, 'spec') as PodSpec;
      podSpec.restartPolicy ??= 'Never';
      defaultPodSpec(podSpec);
      if (creating) obj.status ??= {};
      break;
    }
    case 'CronJob':
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      if (creating) obj.status ??= {};
      break;
    case 'Service': {
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      spec.internalTrafficPolicy ??= 'Cluster';
      if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = ctx.allocateClusterIp();
      spec.clusterIPs ??= [spec.clusterIP];
      if (Array.isArray(spec.ports)) {
        for (const p of spec.ports) {
          if (!isRecord(p)) continue;
          p.protocol ??= 'TCP';
          p.targetPort ??= p.port;
        }
      }
      if (creating) obj.status ??= { loadBalancer: {} };
      break;
    }
    case 'Secret': {
      obj.type ??= 'Opaque';
      if (isRecord(obj.stringData)) {
        const data: Record<string, unknown> = isRecord(obj.data) ? { ...obj.data } : {};
        for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v)).toString('base64');
        obj.data = data;
      }
      delete obj.stringData;
      if (Object.keys(spec).length === 0) delete obj.spec;
      break;
    }
    case 'PersistentVolumeClaim':
      spec.volumeMode ??= 'Filesystem';
      spec.storageClassName ??= 'local-path';
      if (creating) obj.status = { phase: 'Pending' };
      break;
    case 'ResourceQuota':
      if (creating) obj.status ??= {};
      break;
    default:
      // ConfigMaps, Events, Nodes and HelmCharts have no spec defaults.
      if (Object.keys(spec).length === 0 && r.kind !== 'Node' && r.kind !== 'HelmChart') delete obj.spec;
  }
}
