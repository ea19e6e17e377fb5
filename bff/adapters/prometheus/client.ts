// Prometheus's HTTP API (instant and range queries) over one keep-alive connection pool, with a timeout per query and short, safe errors.
import { Agent, request } from 'undici';
import { MetricsUnavailable, type PromQueryApi, type PromSample } from './port';

/** One range-vector series as Prometheus's HTTP API returns it. */
export interface PromSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

export interface RangeWindow {
  /** Epoch seconds. */
  start: number;
  end: number;
  stepSeconds: number;
}

export interface PromClient extends PromQueryApi {
  /** An instant query, evaluated at `timeSeconds` (epoch seconds) when given, else at Prometheus's now. */
  query(promql: string, timeSeconds?: number): Promise<PromSample[]>;
  queryRange(promql: string, window: RangeWindow): Promise<PromSeries[]>;
  /** The base URL without credentials (for logs). */
  readonly url: string;
  close(): Promise<void>;
}

interface ApiAnswer {
  status?: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: unknown };
}

const MAX_DETAIL = 160;

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Why a request failed, in words safe to show: never the URL, credentials or a stack. */
export function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string } } | null;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.code === 'UND_ERR_HEADERS_TIMEOUT' || e?.code === 'UND_ERR_BODY_TIMEOUT') {
    return `Prometheus did not answer within ${seconds(timeoutMs)}`;
  }
  const code = e?.code ?? e?.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default:
      return 'Prometheus could not be reached';
  }
}

/** Splits `http://user:pass@host:9090/prom` into a credential-free base and an Authorization header. */
function parseBase(url: string): { base: string; authorization?: string } {
  const u = new URL(url);
  const authorization = u.username || u.password ? `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}` : undefined;
  u.username = '';
  u.password = '';
  return { base: u.toString().replace(/\/+$/, ''), ...(authorization ? { authorization } : {}) };
}

/**
 * A client for one Prometheus. Queries go as POSTed forms (long PromQL never meets a URL limit) over a
 * keep-alive pool, so a dashboard's parallel queries reuse warm connections.
 */
export function createPromClient(url: string, timeoutMs: number): PromClient {
  const { base, authorization } = parseBase(url);
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 16, pipelining: 1 });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (authorization) headers.authorization = authorization;

  async function call(path: string, form: Record<string, string>): Promise<unknown> {
    let status: number;
    let text: string;
    try {
      const res = await request(`${base}${path}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(form).toString(),
        dispatcher: agent,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw new MetricsUnavailable(describeFailure(err, timeoutMs));
    }
    let answer: ApiAnswer;
    try {
      answer = JSON.parse(text) as ApiAnswer;
    } catch {
      throw new MetricsUnavailable(status === 200 ? 'Prometheus answered something that is not its API' : `Prometheus answered HTTP ${status}`);
    }
    if (answer.status !== 'success' || !answer.data) {
      if (answer.errorType === 'bad_data' || status === 400 || status === 422) {
        throw new MetricsUnavailable(`query rejected: ${String(answer.error ?? answer.errorType ?? 'unknown reason').slice(0, MAX_DETAIL)}`);
      }
      if (answer.errorType === 'timeout' || answer.errorType === 'canceled') throw new MetricsUnavailable(`Prometheus gave up on the query (${answer.errorType})`);
      throw new MetricsUnavailable(`Prometheus answered HTTP ${status}${answer.errorType ? ` (${answer.errorType})` : ''}`);
    }
    return answer.data.result;
  }

  return {
    url: base,
    async query(promql: string, timeSeconds?: number): Promise<PromSample[]> {
      const result = await call('/api/v1/query', timeSeconds === undefined ? { query: promql } : { query: promql, time: String(timeSeconds) });
      return Array.isArray(result) ? (result as PromSample[]) : [];
    },
    async queryRange(promql: string, w: RangeWindow): Promise<PromSeries[]> {
      const result = await call('/api/v1/query_range', { query: promql, start: String(w.start), end: String(w.end), step: String(w.stepSeconds) });
      return Array.isArray(result) ? (result as PromSeries[]) : [];
    },
    close: () => agent.close(),
  };
}

/** A sample's value as a number; NaN and ±Inf (Prometheus writes them as strings) become null. */
export function sampleValue(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
