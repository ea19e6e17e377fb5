// The helm controller, acted out like k3s's: a HelmChart runs a helm-install Job, whose success renders the release; deletion runs helm-delete first.
import { createHash } from 'node:crypto';
import { ApiError } from '../../errors';
import { clone, isRecord } from '../../json';
import { resource, type ResourceType } from '../../resources';
import type { KubeObject } from '../../types';
import { FAIL_ANNOTATION, type Controller, type ControllerContext } from '../context';
import { jobCondition } from '../job';
import { HELM_JOB_LABEL } from '../kubelet';
import { ownerRef, writeStatus } from '../workload-helpers';
import { applySet, deepMerge, loadChart, parseValues, type LoadedChart } from './chart';
import { renderRelease } from './render';
import { CONFIG_HASH_ANNOTATION, releaseSecret, releaseSecretName } from './release-secret';

export const HELM_FINALIZER = 'wrangler.cattle.io/on-helm-chart-remove';
export const CONFIG_HASH = 'helmcharts.helm.cattle.io/configHash';
/** Why the helm job fails, for its log (set on the job's pod template). */
export const FAIL_MESSAGE_ANNOTATION = 'simulator.olares.dev/fail-message';
const JOB_IMAGE = 'rancher/klipper-helm:v0.9.3-build20241008';

/** Kinds a release may own; uninstall deletes these. */
const RELEASE_KINDS = ['deployments', 'services', 'statefulsets', 'daemonsets', 'configmaps', 'secrets', 'jobs', 'persistentvolumeclaims'];

interface HelmChartSpec {
  chart?: string;
  repo?: string;
  version?: string;
  targetNamespace?: string;
  valuesContent?: string;
  set?: Record<string, unknown>;
  chartContent?: string;
  [k: string]: unknown;
}

function specOf(hc: KubeObject): HelmChartSpec {
  return (hc.spec ?? {}) as HelmChartSpec;
}

export function configHash(hc: KubeObject): string {
  const s = specOf(hc);
  const relevant = { chart: s.chart, repo: s.repo, version: s.version, targetNamespace: s.targetNamespace, valuesContent: s.valuesContent, set: s.set, chartContent: s.chartContent };
  return `SHA256:${createHash('sha256').update(JSON.stringify(relevant)).digest('hex').toUpperCase()}`;
}

export class HelmController implements Controller {
  readonly name = 'helm-controller';
  private readonly charts = new Map<string, LoadedChart | Error>();

  constructor(private readonly ctx: ControllerContext) {}

  stop(): void {
    this.charts.clear();
  }

  reconcile(): void {
    for (const hc of this.ctx.store.list(resource('helmcharts'))) {
      try {
        if (hc.metadata.deletionTimestamp) this.uninstall(hc);
        else this.install(hc);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code !== 409) this.ctx.onError(e);
      }
    }
  }

  /** The chart of a HelmChart's chartContent, decoded once per content hash. */
  private chartOf(hc: KubeObject): LoadedChart | Error | undefined {
    const content = specOf(hc).chartContent;
    if (!content) return undefined;
    const key = createHash('sha256').update(content).digest('hex');
    let chart = this.charts.get(key);
    if (!chart) {
      try {
        chart = loadChart(content, specOf(hc).chart ?? hc.metadata.name ?? 'chart');
      } catch (e) {
        chart = e instanceof Error ? e : new Error(String(e));
      }
      if (this.charts.size > 20) this.charts.clear();
      this.charts.set(key, chart);
    }
    return chart;
  }

  private helmJob(hc: KubeObject, mode: 'install' | 'delete', hash: string, failMessage?: string): KubeObject {
    const name = hc.metadata.name ?? '';
    const s = specOf(hc);
    const target = s.targetNamespace || hc.metadata.namespace || 'default';
    return {
      metadata: {
        name: `helm-${mode}-${name}`,
        namespace: hc.metadata.namespace,
        labels: { [HELM_JOB_LABEL]: name },
        annotations: { [CONFIG_HASH]: hash },
        ownerReferences: [ownerRef(hc)],
      },
      spec: {
        backoffLimit: 0,
        template: {
          metadata: {
            labels: { [HELM_JOB_LABEL]: name },
            ...(failMessage ? { annotations: { [FAIL_ANNOTATION]: 'helm', [FAIL_MESSAGE_ANNOTATION]: failMessage } } : {}),
          },
          spec: {
            serviceAccountName: `helm-${name}`,
            restartPolicy: 'Never',
            containers: [
              {
                name: 'helm',
                image: JOB_IMAGE,
                args: [mode === 'install' ? 'install' : 'delete'],
                env: [
                  { name: 'NAME', value: name },
                  { name: 'VERSION', value: s.version ?? '' },
                  { name: 'REPO', value: s.repo ?? '' },
                  { name: 'HELM_DRIVER', value: 'secret' },
                  { name: 'CHART_NAMESPACE', value: hc.metadata.namespace ?? '' },
                  { name: 'CHART', value: s.chart ?? '' },
                  { name: 'TARGET_NAMESPACE', value: target },
                ],
              },
            ],
          },
        },
      },
    };
  }

  private setStatus(hc: KubeObject, jobName: string, failed: { reason: string; message: string } | undefined): void {
    const ns = hc.metadata.namespace ?? '';
    const conditions = [
      { type: 'JobCreated', status: 'True', reason: 'Job created', message: `Applying HelmChart using Job ${ns}/${jobName}` },
      failed ? { type: 'Failed', status: 'True', reason: failed.reason, message: failed.message } : { type: 'Failed', status: 'False', reason: '', message: '' },
    ];
    writeStatus(this.ctx, resource('helmcharts'), hc, { ...hc.status, jobName, conditions });
  }

  private install(hc: KubeObject): void {
    const { store, ops } = this.ctx;
    const ns = hc.metadata.namespace ?? '';
    const name = hc.metadata.name ?? '';
    if (!hc.metadata.finalizers?.includes(HELM_FINALIZER)) {
      ops.mutate(resource('helmcharts'), ns, name, (d) => {
        d.metadata.finalizers = [...(d.metadata.finalizers ?? []), HELM_FINALIZER];
      });
      return;
    }
    const hash = configHash(hc);
    const jobs = resource('jobs');
    const jobName = `helm-install-${name}`;
    const job = store.get(jobs, ns, jobName);
    if (!job || job.metadata.annotations?.[CONFIG_HASH] !== hash) {
      if (job) ops.delete(jobs, ns, jobName, { propagationPolicy: 'Background' });
      const chart = this.chartOf(hc);
      let failMessage: string | undefined;
      if (chart instanceof Error) failMessage = `Error: INSTALLATION FAILED: ${chart.message}`;
      else if (hc.metadata.annotations?.[FAIL_ANNOTATION] === 'helm') failMessage = 'Error: INSTALLATION FAILED: simulated failure (simulator.olares.dev/fail=helm)';
      ops.create(jobs, ns, this.helmJob(hc, 'install', hash, failMessage));
      this.setStatus(hc, jobName, undefined);
      return;
    }
    if (jobCondition(job, 'Failed')) {
      this.setStatus(hc, jobName, { reason: 'BackoffLimitExceeded', message: `Job ${ns}/${jobName} failed: Job has reached the specified backoff limit` });
      return;
    }
    this.setStatus(hc, jobName, undefined);
    if (jobCondition(job, 'Complete')) this.renderIfNeeded(hc, hash);
  }

  private releaseSecrets(release: string, target: string): KubeObject[] {
    return this.ctx.store
      .list(resource('secrets'), target)
      .filter((s) => s.metadata.labels?.owner === 'helm' && s.metadata.labels?.name === release)
      .sort((a, b) => Number(a.metadata.labels?.version ?? 0) - Number(b.metadata.labels?.version ?? 0));
  }

  private releaseObjects(release: string, target: string): Array<{ r: ResourceType; obj: KubeObject }> {
    const out: Array<{ r: ResourceType; obj: KubeObject }> = [];
    for (const plural of RELEASE_KINDS) {
      const r = resource(plural);
      for (const obj of this.ctx.store.list(r, target)) {
        const l = obj.metadata.labels ?? {};
        if (l['app.kubernetes.io/managed-by'] === 'Helm' && l['app.kubernetes.io/instance'] === release) out.push({ r, obj });
      }
    }
    return out;
  }

  private renderIfNeeded(hc: KubeObject, hash: string): void {
    const { store, ops } = this.ctx;
    const release = hc.metadata.name ?? '';
    const s = specOf(hc);
    const target = s.targetNamespace || hc.metadata.namespace || 'default';
    const history = this.releaseSecrets(release, target);
    const latest = history[history.length - 1];
    if (latest?.metadata.annotations?.[CONFIG_HASH_ANNOTATION] === hash) return;

    const nsR = resource('namespaces');
    const targetNs = store.get(nsR, undefined, target);
    if (!targetNs) ops.create(nsR, undefined, { metadata: { name: target } });
    else if (targetNs.metadata.deletionTimestamp) return;

    const loaded = this.chartOf(hc);
    const chart = loaded instanceof Error ? undefined : loaded;
    const userValues = applySet(parseValues(s.valuesContent), isRecord(s.set) ? s.set : {});
    const values = deepMerge(chart?.values ?? {}, userValues);
    const objects = renderRelease({
      release,
      namespace: target,
      chart,
      chartName: s.chart ?? release,
      values,
      fail: hc.metadata.annotations?.[FAIL_ANNOTATION],
      simulatorUrl: this.ctx.url(),
    });
    const keep = new Set<string>();
    for (const obj of objects) {
      const r = obj.kind === 'Service' ? resource('services') : resource('deployments');
      const objName = obj.metadata.name ?? '';
      keep.add(`${r.plural}/${objName}`);
      const existing = store.get(r, target, objName);
      if (!existing) {
        ops.create(r, target, obj);
      } else {
        ops.mutate(r, target, objName, (d) => {
          d.metadata.labels = { ...obj.metadata.labels };
          d.metadata.annotations = { ...d.metadata.annotations, ...obj.metadata.annotations };
          const spec = clone(obj.spec ?? {});
          if (r.kind === 'Service') {
            spec.clusterIP = d.spec?.clusterIP;
            spec.clusterIPs = d.spec?.clusterIPs;
          }
          d.spec = spec;
        });
      }
    }
    for (const { r, obj } of this.releaseObjects(release, target)) {
      if ((r.plural === 'deployments' || r.plural === 'services') && !keep.has(`${r.plural}/${obj.metadata.name ?? ''}`)) {
        ops.delete(r, target, obj.metadata.name ?? '');
      }
    }
    const version = Number(latest?.metadata.labels?.version ?? 0) + 1;
    for (const old of history) {
      if (old.metadata.labels?.status === 'deployed') {
        ops.mutate(resource('secrets'), target, old.metadata.name ?? '', (d) => {
          d.metadata.labels = { ...d.metadata.labels, status: 'superseded' };
        });
      }
    }
    if (!store.get(resource('secrets'), target, releaseSecretName(release, version))) {
      ops.create(resource('secrets'), target, releaseSecret({ release, namespace: target, version, chart, chartName: s.chart ?? release, config: userValues, objects, hash }));
    }
  }

  private uninstall(hc: KubeObject): void {
    const { store, ops } = this.ctx;
    if (!hc.metadata.finalizers?.includes(HELM_FINALIZER)) return;
    const ns = hc.metadata.namespace ?? '';
    const name = hc.metadata.name ?? '';
    const jobs = resource('jobs');
    const installJob = `helm-install-${name}`;
    if (store.get(jobs, ns, installJob)) ops.delete(jobs, ns, installJob);
    const nsObj = store.get(resource('namespaces'), undefined, ns);
    const deleteJobName = `helm-delete-${name}`;
    if (nsObj && !nsObj.metadata.deletionTimestamp) {
      const job = store.get(jobs, ns, deleteJobName);
      if (!job) {
        ops.create(jobs, ns, this.helmJob(hc, 'delete', configHash(hc)));
        return;
      }
      if (!jobCondition(job, 'Complete') && !jobCondition(job, 'Failed')) return;
    }
    const target = specOf(hc).targetNamespace || ns || 'default';
    for (const { r, obj } of this.releaseObjects(name, target)) ops.delete(r, target, obj.metadata.name ?? '');
    for (const secret of this.releaseSecrets(name, target)) ops.delete(resource('secrets'), target, secret.metadata.name ?? '');
    if (store.get(jobs, ns, deleteJobName)) ops.delete(jobs, ns, deleteJobName);
    ops.mutate(resource('helmcharts'), ns, name, (d) => {
      d.metadata.finalizers = (d.metadata.finalizers ?? []).filter((f) => f !== HELM_FINALIZER);
    });
  }
}
