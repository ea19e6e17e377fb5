// A helm chart from a HelmChart's chartContent: its Chart.yaml, values.yaml and OlaresManifest.yaml, read leniently.
import { parse } from 'yaml';
import { isRecord } from '../../json';
import { readTgz } from './tgz';

export interface LoadedChart {
  name: string;
  version: string;
  appVersion: string;
  description: string;
  /** The parsed OlaresManifest.yaml, or undefined when the chart has none (or it does not parse). */
  manifest?: Record<string, unknown>;
  values: Record<string, unknown>;
  files: string[];
}

function yamlRecord(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const doc: unknown = parse(text.replace(/^\uFEFF/, ''), { uniqueKeys: false, strict: false, logLevel: 'silent' });
    return isRecord(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Throws with helm's kind of message when chartContent is not a chart archive. */
export function loadChart(chartContentBase64: string, fallbackName: string): LoadedChart {
  const bytes = Buffer.from(chartContentBase64, 'base64');
  if (bytes.length === 0) throw new Error('chart content is empty');
  let files: Map<string, Buffer>;
  try {
    files = readTgz(bytes);
  } catch (e) {
    throw new Error(`file does not appear to be a gzipped archive; got 'application/octet-stream' (${(e as Error).message})`);
  }
  const paths = [...files.keys()];
  const chartYamlPath = paths.filter((p) => /(^|\/)Chart\.yaml$/.test(p)).sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (!chartYamlPath) throw new Error('Chart.yaml file is missing');
  const top = chartYamlPath.slice(0, chartYamlPath.length - 'Chart.yaml'.length);
  const text = (rel: string): string | undefined => files.get(`${top}${rel}`)?.toString('utf8');
  const chartYaml = yamlRecord(text('Chart.yaml')) ?? {};
  return {
    name: typeof chartYaml.name === 'string' ? chartYaml.name : top.replace(/\/$/, '') || fallbackName,
    version: String(chartYaml.version ?? '0.0.0'),
    appVersion: String(chartYaml.appVersion ?? ''),
    description: String(chartYaml.description ?? ''),
    manifest: yamlRecord(text('OlaresManifest.yaml')),
    values: yamlRecord(text('values.yaml')) ?? {},
    files: paths.map((p) => p.slice(top.length)),
  };
}

export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isRecord(b) && isRecord(v) ? deepMerge(b, v) : v;
  }
  return out;
}

/** `--set a.b=c` semantics for HelmChart spec.set: dotted keys, true/false/numbers typed. */
export function applySet(values: Record<string, unknown>, set: Record<string, unknown>): Record<string, unknown> {
  const out = deepMerge({}, values);
  for (const [key, raw] of Object.entries(set)) {
    let value: unknown = raw;
    if (typeof raw === 'string') {
      if (raw === 'true' || raw === 'false') value = raw === 'true';
      else if (/^-?\d+$/.test(raw) && raw.length < 16) value = Number(raw);
    }
    const parts = key.split(/(?<!\\)\./).map((p) => p.replace(/\\\./g, '.'));
    let cur = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) cur[part] = value;
      else {
        const next = cur[part];
        const rec = isRecord(next) ? { ...next } : {};
        cur[part] = rec;
        cur = rec;
      }
    });
  }
  return out;
}

export function parseValues(valuesContent: unknown): Record<string, unknown> {
  return typeof valuesContent === 'string' ? (yamlRecord(valuesContent) ?? {}) : {};
}
