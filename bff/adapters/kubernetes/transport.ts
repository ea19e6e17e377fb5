// HTTP to the API server with client-node's credentials, plus what its generated clients cannot send: one Impersonate-Group header per group, and streams.
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeError, kubeErrorFromNetwork, kubeErrorFromStatus } from './errors';
import type { KubeIdentity } from './port';

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** Absent: the BFF's own credentials. Present: the request impersonates this identity. */
  identity?: KubeIdentity;
}

export interface KubeResponse {
  status: number;
  text: string;
}

export interface OpenStream {
  stop(): void;
}

export interface StreamHandlers {
  /** Text as it arrives, decoded as UTF-8 (a multi-byte character is never split). */
  onData(text: string): void;
  /** Called once when the server ends the stream (no error), the connection breaks or onData throws; never after stop(). */
  onEnd(err?: Error): void;
}

/** A plain request gives up after this long without an answer; streams have no such limit. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The server URL without user:password, for messages and logs. */
export function safeServerUrl(server: string): string {
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '[unparseable server url]';
  }
}

/** The impersonation headers of an identity; Node sends an array as one header line per value. */
export function impersonationHeaders(identity: KubeIdentity): Record<string, string | string[]> {
  if (!identity.user) throw new TypeError('An impersonated identity needs a user name');
  const groups = identity.groups.filter((g) => g.length > 0);
  for (const value of [identity.user, ...groups]) http.validateHeaderValue('Impersonate-User', value);
  const headers: Record<string, string | string[]> = { 'Impersonate-User': identity.user };
  if (groups.length > 0) headers['Impersonate-Group'] = groups;
  return headers;
}

function digest(value: unknown): string {
  if (value === undefined || value === null) return '';
  return createHash('sha256').update(Buffer.isBuffer(value) ? value : String(value)).digest('hex').slice(0, 16);
}

export class KubeTransport {
  /** The API server URL as configured (may carry a path prefix), without a trailing slash. */
  private readonly base: string;
  readonly server: string;
  private readonly proxied: boolean;
  private agent: { key: string; agent: http.Agent } | null = null;
  private readonly retired: http.Agent[] = [];

  constructor(private readonly kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('The kubeconfig has no current cluster');
    this.base = cluster.server.replace(/\/+$/, '');
    this.server = safeServerUrl(cluster.server);
    this.proxied = !!cluster.proxyUrl;
    if (this.base.startsWith('http:') && !cluster.skipTLSVerify) {
      throw new Error(`Cluster ${this.server} uses plain HTTP: its kubeconfig entry needs insecure-skip-tls-verify: true`);
    }
  }

  /** Sends a request and returns the answer; a non-2xx answer or a network failure throws a KubeError. */
  async send(req: KubeRequest): Promise<KubeResponse> {
    const res = await this.open(req, REQUEST_TIMEOUT_MS);
    const text = await readAll(res).catch((err: unknown) => {
      throw kubeErrorFromNetwork(err, this.server);
    });
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw kubeErrorFromStatus(status, text);
    return { status, text };
  }

  async json<T>(req: KubeRequest): Promise<T> {
    const { text } = await this.send(req);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new KubeError(502, 'InternalError', `Kubernetes API at ${this.server} answered ${req.method} ${req.path} with something that is not JSON`);
    }
  }

  /** Opens a long-lived GET (watch, followed logs). Resolves once the server answered 200; else rejects with a KubeError. */
  async stream(req: KubeRequest, handlers: StreamHandlers): Promise<OpenStream> {
    const res = await this.open(req, 0);
    const status = res.statusCode ?? 0;
    if (status !== 200) {
      const text = await readAll(res).catch(() => '');
      throw kubeErrorFromStatus(status, text);
    }
    let finished = false;
    let ended = false;
    const finish = (err?: Error) => {
      if (finished) return;
      finished = true;
      handlers.onEnd(err);
    };
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      if (finished) return;
      try {
        handlers.onData(chunk);
      } catch (err) {
        // A consumer that throws ends its stream (reported through onEnd) instead of crashing the process.
        finish(err instanceof Error ? err : new Error(String(err)));
        res.destroy();
      }
    });
    res.on('end', () => {
      ended = true;
    });
    res.on('error', (err) => finish(kubeErrorFromNetwork(err, this.server)));
    res.on('close', () => finish(ended ? undefined : kubeErrorFromNetwork(new Error('connection closed'), this.server)));
    return {
      stop: () => {
        finished = true;
        res.destroy();
      },
    };
  }

  /** Drops idle keep-alive connections (open streams are stopped by their owners). */
  close(): void {
    this.agent?.agent.destroy();
    for (const agent of this.retired) agent.destroy();
    this.agent = null;
    this.retired.length = 0;
  }

  private async open(req: KubeRequest, timeoutMs: number): Promise<http.IncomingMessage> {
    const url = new URL(this.base + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const { agent, headers } = await this.prepare(req);
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = mod.request(url, { method: req.method, headers, agent });
      request.on('response', resolve);
      request.on('error', (err) => reject(err instanceof KubeError ? err : kubeErrorFromNetwork(err, this.server)));
      request.on('socket', (socket) => socket.setKeepAlive(true, 30_000));
      if (timeoutMs > 0) {
        request.setTimeout(timeoutMs, () =>
          request.destroy(new KubeError(504, 'Timeout', `Kubernetes API at ${this.server} did not answer ${req.method} ${req.path} within ${timeoutMs / 1000} s`)),
        );
      }
      request.end(body);
    });
  }

  /** Credentials from the kubeconfig (token, exec plugin, client certificate…) for this request, and the agent to use. */
  private async prepare(req: KubeRequest): Promise<{ agent: http.Agent; headers: Record<string, string | string[]> }> {
    const opts: https.RequestOptions = {};
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (err) {
      // A token file that cannot be read, an exec plugin that failed: say so, briefly (no credential is in these messages).
      const why = err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
      throw new KubeError(401, 'Unauthorized', `Could not obtain credentials for ${this.server}: ${why}`);
    }
    const headers: Record<string, string | string[]> = { Accept: 'application/json', 'User-Agent': 'olares-desktop-bff' };
    for (const [key, value] of Object.entries(opts.headers ?? {})) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.map(String) : String(value);
    }
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    if (req.identity) Object.assign(headers, impersonationHeaders(req.identity));
    return { agent: this.agentFor(opts), headers };
  }

  /**
   * client-node makes a fresh agent per call (no connection reuse); keep one keep-alive agent instead,
   * remade only when the TLS material changes. Proxied clusters keep client-node's proxy agent.
   */
  private agentFor(opts: https.RequestOptions): http.Agent {
    if (this.proxied && opts.agent) return opts.agent as http.Agent;
    const key = [opts.rejectUnauthorized, opts.servername, digest(opts.ca), digest(opts.cert), digest(opts.key)].join('|');
    if (this.agent?.key === key) return this.agent.agent;
    if (this.agent) this.retired.push(this.agent.agent);
    const agent = this.base.startsWith('https:')
      ? new https.Agent({
          keepAlive: true,
          ca: opts.ca,
          cert: opts.cert,
          key: opts.key,
          servername: opts.servername,
          ...(opts.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: opts.rejectUnauthorized }),
        })
      : new http.Agent({ keepAlive: true });
    this.agent = { key, agent };
    return agent;
  }
}

function readAll(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}
