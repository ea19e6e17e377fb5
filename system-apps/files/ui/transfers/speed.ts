// Upload speed over the last few seconds and the time left at that speed (pure, so tests can feed it times).

export interface Sample {
  /** ms */
  at: number;
  bytes: number;
}

/** How far back the speed looks. */
export const SPEED_WINDOW_MS = 5000;

/** Adds a sample and drops those older than the window (keeping one just before it as the baseline). */
export function addSample(samples: Sample[], sample: Sample, windowMs = SPEED_WINDOW_MS): Sample[] {
  const next = [...samples, sample];
  let first = 0;
  while (first < next.length - 2 && next[first + 1]!.at <= sample.at - windowMs) first++;
  return next.slice(first);
}

/** Bytes per second between the oldest and newest sample; 0 until there are two, or when time has not moved. */
export function speedOf(samples: Sample[]): number {
  if (samples.length < 2) return 0;
  const a = samples[0]!;
  const b = samples[samples.length - 1]!;
  const dt = b.at - a.at;
  if (dt <= 0 || b.bytes <= a.bytes) return 0;
  return ((b.bytes - a.bytes) * 1000) / dt;
}

/** Seconds left for `remaining` bytes at `speed` bytes/s; null when unknown (no speed yet). */
export function etaSeconds(remaining: number, speed: number): number | null {
  if (remaining <= 0) return 0;
  if (!(speed > 0)) return null;
  return Math.ceil(remaining / speed);
}

/** 1536 → `1.5 KB` (binary units, one decimal below 10). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Math.max(0, bytes);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 10 ? 0 : 1;
  return `${v.toFixed(digits)} ${units[u]}`;
}

/** 75 → `1:15`, 3725 → `1:02:05`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
