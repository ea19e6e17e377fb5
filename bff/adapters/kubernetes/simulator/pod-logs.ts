// Synthetic container logs for GET pods/<name>/log: start-up lines naming the image, periodic lines while running, tail and follow.
import type { ServerResponse } from 'node:http';
import { badRequest } from './errors';
import { HELM_JOB_LABEL } from './controllers/kubelet';
import { FAIL_ANNOTATION } from './controllers/context';
import { runsToCompletion } from './controllers/pod-status';
import { resource } from './resources';
import type { Store } from './store';
import type { Timers } from './timers';
import type { ContainerStatus, Pod } from './types';

const MAX_LINES = 10_000;
const FAIL_MESSAGE_ANNOTATION = 'simulator.olares.dev/fail-message';

interface Run {
  start: number;
  end?: number;
  exitCode?: number;
}

interface LogLine {
  t: number;
  text: string;
}

function time(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/** The container instance whose log is asked for, or a 400 explaining why there is none. */
function runOf(pod: Pod, cs: ContainerStatus | undefined, container: string, previous: boolean): Run {
  const podName = pod.metadata.name ?? '';
  if (previous) {
    const last = cs?.lastState.terminated;
    if (!last) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return { start: time(last.startedAt) ?? Date.now(), end: time(last.finishedAt), exitCode: last.exitCode };
  }
  if (cs?.state.running) return { start: time(cs.state.running.startedAt) ?? Date.now() };
  if (cs?.state.terminated) return { start: time(cs.state.terminated.startedAt) ?? Date.now(), end: time(cs.state.terminated.finishedAt) ?? Date.now(), exitCode: cs.state.terminated.exitCode };
  const last = cs?.lastState.terminated;
  if (last) return { start: time(last.startedAt) ?? Date.now(), end: time(last.finishedAt), exitCode: last.exitCode };
  const reason = cs?.state.waiting?.reason ?? 'ContainerCreating';
  const why = reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${why}`);
}

function envOf(pod: Pod, container: string, key: string): string {
  const c = pod.spec.containers.find((x) => x.name === container);
  const env = Array.isArray(c?.env) ? (c.env as Array<{ name?: string; value?: string }>) : [];
  return env.find((e) => e.name === key)?.value ?? '';
}

/** All the lines of one run as a lazy sequence: header, one periodic line per `period` while running, footer once it ended. */
class RunLog {
  readonly header: string[];
  readonly footer: string[];
  private readonly periodic: boolean;

  constructor(
    private readonly pod: Pod,
    private readonly container: string,
    private readonly run: Run,
    private readonly period: number,
  ) {
    const c = pod.spec.containers.find((x) => x.name === container);
    const image = c?.image ?? '';
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    if (pod.metadata.labels?.[HELM_JOB_LABEL] !== undefined) {
      const mode = Array.isArray(c?.args) && c.args[0] === 'delete' ? 'delete' : 'install';
      const release = envOf(pod, container, 'NAME');
      const target = envOf(pod, container, 'TARGET_NAMESPACE');
      this.periodic = false;
      this.header = mode === 'install'
        ? [`Installing helm_v3 chart`, `+ helm_v3 upgrade --install --namespace ${target} --create-namespace ${release} /tmp/${release}.tgz --values /config/values-01_HelmChart.yaml`]
        : [`Uninstalling helm_v3 chart`, `+ helm_v3 uninstall ${release} --namespace ${target} --wait`];
      const failure = pod.metadata.annotations?.[FAIL_MESSAGE_ANNOTATION] ?? 'Error: simulated failure';
      this.footer = run.exitCode === undefined
        ? []
        : run.exitCode !== 0
          ? [failure]
          : mode === 'install'
            ? [`Release "${release}" has been upgraded. Happy Helming!`, `NAME: ${release}`, `LAST DEPLOYED: ${new Date(run.end ?? Date.now()).toUTCString()}`, `NAMESPACE: ${target}`, 'STATUS: deployed', 'TEST SUITE: None']
            : [`release "${release}" uninstalled`];
      return;
    }
    this.periodic = !runsToCompletion(pod);
    const ports = (c?.ports ?? []).map((p) => p.containerPort).filter((p): p is number => typeof p === 'number');
    this.header = [
      `level=info msg="starting ${container}" image=${image} pod=${ns}/${name} node=${pod.spec.nodeName ?? ''} simulated=true`,
      ...ports.map((p) => `level=info msg="listening" address=0.0.0.0:${p}`),
      `level=info msg="ready"`,
    ];
    const crashed = pod.metadata.annotations?.[FAIL_ANNOTATION] === 'crash' && run.exitCode !== undefined && run.exitCode !== 0;
    this.footer = run.end === undefined ? [] : crashed ? ['panic: simulated crash (simulator.olares.dev/fail=crash)', '', 'goroutine 1 [running]:', 'main.main()'] : runsToCompletion(pod) ? ['level=info msg="done"'] : ['level=info msg="received SIGTERM, shutting down"'];
  }

  /** How many lines exist at time `at`. */
  count(at: number): number {
    const until = Math.min(at, this.run.end ?? at);
    const periodic = this.periodic ? Math.max(0, Math.floor((until - this.run.start) / this.period)) : 0;
    const footer = this.run.end !== undefined && this.run.end <= at ? this.footer.length : 0;
    return this.header.length + periodic + footer;
  }

  line(i: number): LogLine {
    if (i < this.header.length) return { t: this.run.start + i, text: this.header[i] ?? '' };
    const periodicCount = this.periodic ? Math.max(0, Math.floor(((this.run.end ?? Date.now()) - this.run.start) / this.period)) : 0;
    const p = i - this.header.length;
    if (!this.run.end || p < periodicCount) {
      const n = p + 1;
      return { t: this.run.start + n * this.period, text: `level=info msg="GET /healthz" status=200 duration=${(n % 7) + 1}ms seq=${n}` };
    }
    const f = p - periodicCount;
    return { t: this.run.end, text: this.footer[f] ?? '' };
  }

  get ended(): boolean {
    return this.run.end !== undefined;
  }

  get containerName(): string {
    return this.container;
  }

  get podUid(): string {
    return this.pod.metadata.uid ?? '';
  }
}

function format(line: LogLine, timestamps: boolean): string {
  if (!timestamps) return `${line.text}\n`;
  const iso = new Date(line.t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  return `${iso} ${line.text}\n`;
}

export class PodLogs {
  private readonly streams = new Set<ServerResponse>();

  constructor(
    private readonly store: Store,
    private readonly timers: Timers,
    private readonly period: number,
  ) {}

  private pickContainer(pod: Pod, requested: string | null): string {
    const names = pod.spec.containers.map((c) => c.name);
    const init = (pod.spec.initContainers ?? []).map((c) => c.name);
    if (requested) {
      if (!names.includes(requested) && !init.includes(requested)) {
        throw badRequest(`container ${requested} is not valid for pod ${pod.metadata.name ?? ''}`);
      }
      return requested;
    }
    if (names.length === 1 && names[0]) return names[0];
    throw badRequest(`a container name must be specified for pod ${pod.metadata.name ?? ''}, choose one of: [${names.join(' ')}]${init.length ? ` or one of the init containers: [${init.join(' ')}]` : ''}`);
  }

  private statusOf(pod: Pod, container: string): ContainerStatus | undefined {
    return [...(pod.status?.containerStatuses ?? []), ...((pod.status?.initContainerStatuses as ContainerStatus[] | undefined) ?? [])].find((s) => s.name === container);
  }

  /** Answers the request; throws ApiError (before anything is written) when there is no log to give. */
  serve(res: ServerResponse, pod: Pod, query: URLSearchParams): void {
    const container = this.pickContainer(pod, query.get('container'));
    const previous = query.get('previous') === 'true';
    const run = runOf(pod, this.statusOf(pod, container), container, previous);
    const log = new RunLog(pod, container, run, this.period);
    const timestamps = query.get('timestamps') === 'true';
    const follow = query.get('follow') === 'true' && !previous;
    const tail = query.get('tailLines');
    const limitBytes = Number(query.get('limitBytes') ?? '0');
    const sinceSeconds = Number(query.get('sinceSeconds') ?? '0');
    const sinceTime = time(query.get('sinceTime') ?? undefined);
    const since = sinceSeconds > 0 ? Date.now() - sinceSeconds * 1000 : sinceTime;

    const total = log.count(Date.now());
    let from = Math.max(0, total - MAX_LINES);
    if (tail !== null && /^\d+$/.test(tail)) from = Math.max(0, total - Number(tail));
    if (since !== undefined) while (from < total && log.line(from).t < since) from++;
    let text = '';
    for (let i = from; i < total; i++) text += format(log.line(i), timestamps);
    if (limitBytes > 0 && Buffer.byteLength(text) > limitBytes) text = Buffer.from(text).subarray(0, limitBytes).toString('utf8');

    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', ...(follow ? { 'Transfer-Encoding': 'chunked' } : {}) });
    if (!follow || log.ended) {
      res.end(text);
      return;
    }
    if (text) res.write(text);
    this.followRun(res, pod, log, total, timestamps);
  }

  private followRun(res: ServerResponse, pod0: Pod, log0: RunLog, emitted0: number, timestamps: boolean): void {
    this.streams.add(res);
    let emitted = emitted0;
    let log = log0;
    const ns = pod0.metadata.namespace;
    const name = pod0.metadata.name ?? '';
    const tick = (): void => {
      if (res.destroyed || res.writableEnded) return stop();
      const pod = this.store.get(resource('pods'), ns, name) as Pod | undefined;
      const cs = pod && pod.metadata.uid === log.podUid ? this.statusOf(pod, log.containerName) : undefined;
      const stillRunning = Boolean(cs?.state.running) && !pod?.metadata.deletionTimestamp;
      if (!stillRunning && pod && cs) {
        // The container stopped: emit what it said until the end, including its last words.
        try {
          log = new RunLog(pod, log.containerName, runOf(pod, cs, log.containerName, false), this.period);
        } catch {
          // waiting again with no record: nothing more to say
        }
      }
      const at = stillRunning || !log.ended ? Date.now() : Number.MAX_SAFE_INTEGER;
      const total = log.count(at);
      let chunk = '';
      for (let i = emitted; i < total; i++) chunk += format(log.line(i), timestamps);
      emitted = total;
      if (chunk) res.write(chunk);
      if (!stillRunning) {
        res.end();
        stop();
      }
    };
    const cancel = this.timers.every(this.period, tick);
    const stop = (): void => {
      cancel();
      this.streams.delete(res);
    };
    res.on('close', stop);
  }

  endAll(): void {
    for (const res of [...this.streams]) {
      this.streams.delete(res);
      res.end();
    }
  }
}
