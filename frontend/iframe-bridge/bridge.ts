// The versioned postMessage bridge between the desktop and a web app in an iframe window: only the owning iframe is heard.
export const BRIDGE_VERSION = 1;

export type BridgeMessage =
  | { olares: 'bridge'; v: 1; type: 'title'; title: string }
  | { olares: 'bridge'; v: 1; type: 'notify'; title: string; body?: string; level?: 'info' | 'success' | 'warning' | 'error' }
  | { olares: 'bridge'; v: 1; type: 'open-file'; path: string };

const LEVELS = new Set(['info', 'success', 'warning', 'error']);
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * Checks one message event: it must come from the owning iframe's window (not another frame, not
 * the page itself) and from the origin that iframe was given, and be a well-formed message of a
 * version this shell speaks. Returns the message, or null to ignore it.
 */
export function acceptMessage(event: Pick<MessageEvent, 'source' | 'origin' | 'data'>, owner: { window: unknown; origin: string }): BridgeMessage | null {
  if (!owner.window || event.source !== owner.window || event.origin !== owner.origin) return null;
  const d = event.data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || d.olares !== 'bridge' || d.v !== BRIDGE_VERSION) return null;
  switch (d.type) {
    case 'title':
      return str(d.title, 200) ? { olares: 'bridge', v: 1, type: 'title', title: d.title } : null;
    case 'notify':
      if (!str(d.title, 120) || (d.body !== undefined && !str(d.body, 1000)) || (d.level !== undefined && !LEVELS.has(d.level as string))) return null;
      return { olares: 'bridge', v: 1, type: 'notify', title: d.title, body: d.body as string | undefined, level: d.level as 'info' | undefined };
    case 'open-file':
      return str(d.path, 4096) ? { olares: 'bridge', v: 1, type: 'open-file', path: d.path } : null;
    default:
      return null;
  }
}

/** The origin of an http(s) URL, or null for anything else (javascript:, data:, relative…). */
export function frameOrigin(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}
