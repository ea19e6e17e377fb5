// "Rendering" a release without Go templates: one Deployment and Service per OlaresManifest entrance (or one Deployment named after the chart).
import { isRecord } from '../../json';
import { checkDns1035 } from '../../names';
import { formatBytes, formatCpu, parseQuantity } from '../../quantity';
import type { KubeObject } from '../../types';
import { FAIL_ANNOTATION } from '../context';
import type { LoadedChart } from './chart';

export const URL_ANNOTATION = 'simulator.olares.dev/url';
export const TITLE_ANNOTATION = 'simulator.olares.dev/title';
export const APP_ANNOTATION = 'simulator.olares.dev/app';

export interface RenderInput {
  release: string;
  /** Where the release goes (the HelmChart's targetNamespace). */
  namespace: string;
  chart: LoadedChart | undefined;
  chartName: string;
  values: Record<string, unknown>;
  /** A failure the HelmChart asks its workloads to act out (image-pull, crash, unschedulable). */
  fail?: string;
  simulatorUrl: string;
}

interface Entrance {
  host: string;
  port: number;
  title: string;
}

/** A DNS-1035 label from anything. */
function dnsName(text: string, fallback: string): string {
  let s = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  if (s && !/^[a-z]/.test(s)) s = `app-${s}`.slice(0, 63).replace(/-+$/, '');
  return s && !checkDns1035(s) ? s : fallback;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

function entrancesOf(manifest: Record<string, unknown> | undefined, fallbackTitle: string): Entrance[] {
  const raw = manifest?.entrances;
  if (!Array.isArray(raw)) return [];
  const out: Entrance[] = [];
  for (const e of raw) {
    if (!isRecord(e)) continue;
    const host = str(e.host) ?? str(e.name);
    const port = Number(e.port);
    if (!host) continue;
    const name = dnsName(host, '');
    if (!name || out.some((x) => x.host === name)) continue;
    out.push({ host: name, port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 80, title: str(e.title) ?? fallbackTitle });
  }
  return out;
}

function imageOf(values: Record<string, unknown>): string {
  const image = values.image;
  if (typeof image === 'string' && image) return image;
  if (isRecord(image)) {
    const repo = str(image.repository) ?? str(image.name);
    const tag = str(image.tag);
    if (repo) return tag ? `${repo}:${tag}` : repo;
  }
  return 'nginx';
}

/** Whether values carry GPU settings (Olares injects e.g. `GPU: {Type: ...}`). */
function wantsGpu(values: unknown, depth = 0): boolean {
  if (!isRecord(values) || depth > 3) return false;
  for (const [k, v] of Object.entries(values)) {
    if (/gpu/i.test(k)) {
      if (v === true || (typeof v === 'number' && v > 0) || (typeof v === 'string' && v !== '' && v !== 'false' && v !== '0') || (isRecord(v) && Object.keys(v).length > 0)) return true;
    }
    if (wantsGpu(v, depth + 1)) return true;
  }
  return false;
}

/** Splits a manifest quantity over n workloads; undefined when the manifest does not say. */
function share(text: unknown, n: number, kind: 'cpu' | 'memory'): string | undefined {
  const total = parseQuantity(str(text));
  if (!Number.isFinite(total) || total <= 0) return undefined;
  if (kind === 'cpu') return formatCpu(Math.max(total / n, 0.001));
  return formatBytes(Math.ceil(total / n / 1024 / 1024) * 1024 * 1024);
}

export function renderRelease(input: RenderInput): KubeObject[] {
  const { release, namespace, chart, values } = input;
  const manifest = chart?.manifest;
  const meta = isRecord(manifest?.metadata) ? manifest.metadata : {};
  const spec = isRecord(manifest?.spec) ? manifest.spec : {};
  const appName = str(meta.name) ?? chart?.name ?? input.chartName;
  const title = str(meta.title) ?? appName;
  const entrances = entrancesOf(manifest, title);
  const workloads: Array<{ name: string; entrance?: Entrance }> = entrances.length
    ? entrances.map((e) => ({ name: e.host, entrance: e }))
    : [{ name: dnsName(chart?.name ?? input.chartName, dnsName(release, 'app')) }];
  const n = workloads.length;
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const rc = share(spec.requiredCpu, n, 'cpu');
  const rm = share(spec.requiredMemory, n, 'memory');
  const lc = share(spec.limitedCpu, n, 'cpu');
  const lm = share(spec.limitedMemory, n, 'memory');
  if (rc) requests.cpu = rc;
  if (rm) requests.memory = rm;
  if (lc) limits.cpu = lc;
  if (lm) limits.memory = lm;
  const gpu = str(spec.requiredGpu) !== undefined || wantsGpu(values);
  const image = imageOf(values);
  const chartLabel = `${(chart?.name ?? input.chartName).replace(/[^A-Za-z0-9_.-]/g, '-')}-${chart?.version ?? '0.0.0'}`.slice(0, 63).replace(/[^A-Za-z0-9]+$/, '');
  const helmAnnotations = { 'meta.helm.sh/release-name': release, 'meta.helm.sh/release-namespace': namespace };
  const objects: KubeObject[] = [];
  workloads.forEach((w, i) => {
    const selector = { 'app.kubernetes.io/instance': release, 'app.kubernetes.io/name': w.name };
    const labels = { ...selector, 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': chartLabel };
    const res: Record<string, Record<string, string>> = {};
    if (Object.keys(requests).length) res.requests = { ...requests };
    if (Object.keys(limits).length) res.limits = { ...limits };
    if (gpu && i === 0) {
      res.requests = { ...res.requests, 'nvidia.com/gpu': '1' };
      res.limits = { ...res.limits, 'nvidia.com/gpu': '1' };
    }
    const failable = input.fail && input.fail !== 'helm' ? { [FAIL_ANNOTATION]: input.fail } : undefined;
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: w.name, namespace, labels, annotations: { ...helmAnnotations } },
      spec: {
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: { ...labels }, ...(failable ? { annotations: failable } : {}) },
          spec: {
            containers: [
              {
                name: w.name,
                image,
                ...(w.entrance ? { ports: [{ name: 'http', containerPort: w.entrance.port, protocol: 'TCP' }] } : {}),
                resources: res,
              },
            ],
          },
        },
      },
    });
    if (w.entrance) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: w.entrance.host,
          namespace,
          labels,
          annotations: {
            ...helmAnnotations,
            [URL_ANNOTATION]: `${input.simulatorUrl}/__entrance/${encodeURIComponent(namespace)}/${encodeURIComponent(w.entrance.host)}/`,
            [TITLE_ANNOTATION]: w.entrance.title,
            [APP_ANNOTATION]: appName,
          },
        },
        spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port: w.entrance.port, targetPort: w.entrance.port, protocol: 'TCP' }] },
      });
    }
  });
  return objects;
}
