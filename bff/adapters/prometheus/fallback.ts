// The metrics the platform uses: Prometheus when configured and answering, else the host sampler — each answer says which, and why.
import type { MetricsSource, PanelId, Range } from '../../../system-apps/dashboard/shared/wire';
import { MetricsUnavailable, type HostOverview, type HostPanel, type MetricsPort, type NamespaceUsage, type PodCounts } from './port';

/** Where an answer came from (the service adds whether the cluster is simulated). */
export type SourceState = Omit<MetricsSource, 'simulatedCluster'>;

export interface Sourced<T> {
  source: SourceState;
  value: T;
}

export interface FallbackOptions {
  /** Null when PROMETHEUS_URL is not set. */
  prometheus: MetricsPort | null;
  sampler: MetricsPort;
  /** Called the first time the sampler is needed (it starts sampling then). */
  startSampler?: () => void;
  /** After Prometheus failed, how long answers come from the sampler before Prometheus is asked again (default 15 s). */
  retryMs?: number;
  now?: () => number;
  onDown?: (detail: string) => void;
}

export class FallbackMetrics {
  private downUntil = 0;
  private detail: string | null = null;
  private samplerStarted = false;
  private readonly retryMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: FallbackOptions) {
    this.retryMs = opts.retryMs ?? 15_000;
    this.now = opts.now ?? Date.now;
    if (!opts.prometheus) this.useSampler();
  }

  /** What answers now, without asking anyone. */
  state(): SourceState {
    if (!this.opts.prometheus) return { kind: 'sampler', prometheus: 'not-configured' };
    if (this.detail !== null) return { kind: 'sampler', prometheus: 'down', detail: this.detail };
    return { kind: 'prometheus', prometheus: 'ok' };
  }

  overview(): Promise<Sourced<HostOverview>> {
    return this.ask((m) => m.overview());
  }

  pods(): Promise<Sourced<PodCounts | null>> {
    return this.ask((m) => m.pods());
  }

  panel(panel: PanelId, range: Range): Promise<Sourced<HostPanel | null>> {
    return this.ask((m) => m.panel(panel, range));
  }

  namespaces(): Promise<Sourced<NamespaceUsage[] | null>> {
    return this.ask((m) => m.namespaces());
  }

  private useSampler(): void {
    if (this.samplerStarted) return;
    this.samplerStarted = true;
    this.opts.startSampler?.();
  }

  private async ask<T>(f: (m: MetricsPort) => Promise<T>): Promise<Sourced<T>> {
    const prom = this.opts.prometheus;
    if (prom && (this.detail === null || this.now() >= this.downUntil)) {
      try {
        const value = await f(prom);
        this.detail = null;
        return { source: { kind: 'prometheus', prometheus: 'ok' }, value };
      } catch (err) {
        if (!(err instanceof MetricsUnavailable)) throw err;
        if (this.detail === null) this.opts.onDown?.(err.detail);
        this.detail = err.detail;
        this.downUntil = this.now() + this.retryMs;
      }
    }
    this.useSampler();
    return { source: this.state(), value: await f(this.opts.sampler) };
  }
}
