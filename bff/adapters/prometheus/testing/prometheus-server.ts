// Tests' and the bench's real Prometheus: node exporter and Prometheus on free loopback ports (1 s scrapes), synthetic cluster series optional.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openMetricsHistory, startSyntheticExporter, type SyntheticOptions } from './synthetic';

const run = promisify(execFile);

export interface PrometheusServer {
  /** http://127.0.0.1:PORT */
  url: string;
  nodeExporterUrl: string;
  stop(): Promise<void>;
}

export interface StartPrometheusOptions {
  /** Serve kube-state-metrics, cAdvisor and DCGM series too (scraped live, with `historySeconds` of backfilled history). */
  synthetic?: SyntheticOptions | boolean;
  /** History backfilled with promtool before Prometheus starts (default 26 h, so a 24 h panel has data). */
  historySeconds?: number;
  /** How long to wait for the first scrapes (default 60 s). */
  readyTimeoutMs?: number;
}

const BINARIES = ['prometheus', 'prometheus-node-exporter', 'promtool'];

/** Throws, naming the package, when a binary is missing: the tests that need Prometheus fail rather than skip. */
export async function requirePrometheusBinaries(): Promise<void> {
  for (const bin of BINARIES) {
    try {
      await run('sh', ['-c', `command -v ${bin}`]);
    } catch {
      throw new Error(`${bin} is not installed: apt-get install -y prometheus prometheus-node-exporter (the Dashboard's metrics tests need a real Prometheus)`);
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>, children: ChildProcess[], logs: string[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = children.find((c) => c.exitCode !== null);
    if (dead) throw new Error(`${dead.spawnfile} exited (${dead.exitCode}) while waiting for ${what}: ${logs.join('').slice(-2000)}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${logs.join('').slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function instantHas(url: string, promql: string): Promise<boolean> {
  const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as { data?: { result?: unknown[] } };
  return (body.data?.result?.length ?? 0) > 0;
}

export async function startPrometheus(opts: StartPrometheusOptions = {}): Promise<PrometheusServer> {
  await requirePrometheusBinaries();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'olares-prometheus-'));
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const synthetic = opts.synthetic === true ? {} : opts.synthetic || null;
  const exporter = synthetic ? await startSyntheticExporter(synthetic) : null;
  const stop = async () => {
    for (const child of children.reverse()) await stopProcess(child);
    await exporter?.close();
    await fsp.rm(dir, { recursive: true, force: true });
  };
  try {
    const [nodePort, promPort] = [await freePort(), await freePort()];
    const data = path.join(dir, 'data');
    await fsp.mkdir(data);
    if (synthetic) {
      // History up to a few seconds ago (every minute, then every 5 s for the last 10 minutes, so rates
      // over the live range are right at once); the live exporter carries the same series on from there.
      const now = Math.floor(Date.now() / 1000);
      const times: number[] = [];
      for (let t = now - (opts.historySeconds ?? 26 * 3600); t < now - 600; t += 60) times.push(t);
      for (let t = now - 600; t <= now - 5; t += 5) times.push(t);
      const history = path.join(dir, 'history.om');
      await fsp.writeFile(history, openMetricsHistory(synthetic, times, { job: 'synthetic', instance: `127.0.0.1:${exporter!.port}` }));
      await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', history, data], { maxBuffer: 16 * 1024 * 1024 });
    }
    const scrape = (job: string, port: number) => `  - job_name: ${job}\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`;
    const config = `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n${scrape('node', nodePort)}${exporter ? scrape('synthetic', exporter.port) : ''}`;
    await fsp.writeFile(path.join(dir, 'prometheus.yml'), config);
    const spawnLogged = (cmd: string, args: string[]) => {
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const keep = (b: Buffer) => void (logs.push(b.toString()), logs.length > 50 && logs.shift());
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      children.push(child);
      return child;
    };
    spawnLogged('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${nodePort}`, '--log.level=warn']);
    spawnLogged('prometheus', [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--storage.tsdb.retention.time=30d',
      '--log.level=warn',
    ]);
    const url = `http://127.0.0.1:${promPort}`;
    const timeout = opts.readyTimeoutMs ?? 60_000;
    await waitFor('Prometheus /-/ready', timeout, async () => (await fetch(`${url}/-/ready`)).ok, children, logs);
    await waitFor('up{job="node"} == 1', timeout, () => instantHas(url, 'up{job="node"} == 1'), children, logs);
    // Rates need two scrapes in their window.
    await waitFor('a CPU rate', timeout, () => instantHas(url, 'rate(node_cpu_seconds_total[1m])'), children, logs);
    // …and a live range's last step (up to 5 s back) has a rate too.
    await waitFor('seven scrapes', timeout, () => instantHas(url, 'count_over_time(up{job="node"}[1m]) > 6'), children, logs);
    if (exporter) await waitFor('the synthetic series', timeout, () => instantHas(url, 'rate(container_cpu_usage_seconds_total[1m])'), children, logs);
    return { url, nodeExporterUrl: `http://127.0.0.1:${nodePort}`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
