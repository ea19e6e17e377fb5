// Shared by the simulator's tests: a simulator with fast timings, real client-node clients for it, and polling helpers.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ApiException,
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { c as tarCreate } from 'tar';
import { startSimulator, type ClusterSimulator, type SimulatorOptions } from './index';

export const FAST = { scheduleMs: 10, createMs: 25, helmJobMs: 25, terminateMs: 25 };

/** The repository root (the folder with package.json). */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Real app charts from the Olares catalogue, beside the project; read-only. */
export const olaresAppsDir = path.resolve(repoRoot, '../shared/fixtures/olares-apps');

export interface Harness {
  sim: ClusterSimulator;
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  custom: CustomObjectsApi;
  objects: KubernetesObjectApi;
  /** A KubeConfig whose requests impersonate `user` (client-node sends Impersonate-User only; add groups per call). */
  as(user: string): KubeConfig;
}

export async function startHarness(opts: SimulatorOptions = {}): Promise<Harness> {
  const sim = await startSimulator({ timings: FAST, nodes: [{ name: 'node-1', cpu: '8', memory: '16Gi' }], ...opts });
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig());
  return {
    sim,
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    objects: KubernetesObjectApi.makeApiClient(kc),
    as(user) {
      const other = new KubeConfig();
      other.loadFromString(sim.kubeconfig());
      const users = other.users.map((u) => ({ ...u, impersonateUser: user }));
      other.loadFromOptions({ clusters: other.clusters, users, contexts: other.contexts, currentContext: other.currentContext });
      return other;
    },
  };
}

/** Polls `fn` until it returns a truthy value (or throws the last error after `timeoutMs`). */
export async function waitFor<T>(fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Status object of a failed client call. */
export function statusOf(e: unknown): { code: number; body: Record<string, unknown> } {
  if (!(e instanceof ApiException)) throw e;
  const raw: unknown = e.body;
  const body = typeof raw === 'string' ? (JSON.parse(raw) as Record<string, unknown>) : (raw as Record<string, unknown>);
  return { code: e.code, body };
}

export async function expectStatus(p: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return statusOf(e);
  }
  throw new Error('expected the call to fail');
}

/** Packs a fixture chart folder into a .tgz (top folder <name>/) and returns it base64-encoded. */
export async function packChart(name: string, from = olaresAppsDir): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sim-chart-'));
  try {
    const file = path.join(dir, `${name}.tgz`);
    await tarCreate({ gzip: true, cwd: from, file, portable: true }, [name]);
    return (await fs.readFile(file)).toString('base64');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A plain Deployment body. */
export function deployment(name: string, opts: { replicas?: number; image?: string; annotations?: Record<string, string>; requests?: Record<string, string> } = {}) {
  return {
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, ...(opts.annotations ? { annotations: opts.annotations } : {}) },
        spec: { containers: [{ name: 'main', image: opts.image ?? 'nginx:1.27', ...(opts.requests ? { resources: { requests: opts.requests } } : {}) }] },
      },
    },
  };
}

/** Raw HTTP against the simulator with the admin token (for what the typed clients cannot send). */
export async function raw(h: Harness, method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; text: string }> {
  const token = h.kc.getCurrentUser()?.token ?? '';
  const res = await fetch(`${h.sim.url}${urlPath}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}
