// A small shared result cache for step-aligned queries: answers live until their step boundary, identical in-flight loads are shared, errors are never kept, and size is bounded (LRU).
export interface ResultCacheOptions {
  /** At most this many answers (least recently used leave first). Default 256. */
  maxEntries?: number;
  /** At most this much weight in all (e.g. chart points); an answer heavier than this on its own is not kept. Default 200 000. */
  maxWeight?: number;
  /** Epoch ms. */
  now?: () => number;
}

interface Entry {
  value: unknown;
  expiresAt: number;
  weight: number;
}

export interface ResultCacheStats {
  hits: number;
  misses: number;
  /** Askers that joined a load already in flight. */
  shared: number;
  entries: number;
  weight: number;
}

export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly maxEntries: number;
  private readonly maxWeight: number;
  private readonly now: () => number;
  private weight = 0;
  private hits = 0;
  private misses = 0;
  private shared = 0;

  constructor(opts: ResultCacheOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 256;
    this.maxWeight = opts.maxWeight ?? 200_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * The answer under `key`: the kept one while `now < expiresAt`, else the load in flight for it, else a new
   * `load()` — kept until `expiresAt` if it succeeds (a failure reaches every asker that shared it, and is not kept).
   * Answers are shared between askers: treat them as read-only.
   */
  get<T>(key: string, expiresAt: number, load: () => Promise<T>, weigh: (value: T) => number = () => 1): Promise<T> {
    const kept = this.entries.get(key);
    if (kept) {
      if (this.now() < kept.expiresAt) {
        this.hits++;
        // Most recently used last: Map keeps insertion order.
        this.entries.delete(key);
        this.entries.set(key, kept);
        return Promise.resolve(kept.value as T);
      }
      this.drop(key, kept);
    }
    const flying = this.inFlight.get(key);
    if (flying) {
      this.shared++;
      return flying as Promise<T>;
    }
    this.misses++;
    const p = (async () => {
      try {
        const value = await load();
        this.keep(key, value, expiresAt, weigh(value));
        return value;
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, p);
    return p;
  }

  stats(): ResultCacheStats {
    return { hits: this.hits, misses: this.misses, shared: this.shared, entries: this.entries.size, weight: this.weight };
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }

  private keep(key: string, value: unknown, expiresAt: number, weight: number): void {
    const now = this.now();
    // An answer that arrives after its boundary is already stale for the next asker.
    if (now >= expiresAt || weight > this.maxWeight || this.maxEntries < 1) return;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    for (const [k, e] of this.entries) if (now >= e.expiresAt) this.drop(k, e);
    while (this.entries.size && (this.entries.size >= this.maxEntries || this.weight + weight > this.maxWeight)) {
      const [k, e] = this.entries.entries().next().value as [string, Entry];
      this.drop(k, e);
    }
    this.entries.set(key, { value, expiresAt, weight });
    this.weight += weight;
  }

  private drop(key: string, e: Entry): void {
    this.entries.delete(key);
    this.weight -= e.weight;
  }
}
