// The refresher's rules, kept pure to test them alone: how an item is recognised again (dedupe key) and when a feed is fetched next (schedule and backoff).
import { createHash } from 'node:crypto';
import type { ParsedEntry } from './feeds/types';

export const DAY_MS = 24 * 60 * 60_000;
/** A Retry-After longer than this is taken as this. */
const MAX_RETRY_AFTER_MS = 7 * DAY_MS;

const sha = (s: string) => createHash('sha256').update(s).digest('base64url');

/** The feed's id for the item, else its link, else its title and date: the same item gets the same key on every fetch. */
export function dedupeKey(e: Pick<ParsedEntry, 'guid' | 'link' | 'title' | 'publishedAt'>): string {
  if (e.guid?.trim()) return `g:${sha(e.guid.trim())}`;
  if (e.link?.trim()) return `l:${sha(e.link.trim())}`;
  return `t:${sha(`${e.title.trim()}\n${e.publishedAt ?? ''}`)}`;
}

/** The key of a page a user saves: one entry per URL (fragment dropped). */
export function savedKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return `u:${sha(u.toString())}`;
}

/**
 * The wait before the next fetch after `attempts` failures in a row (0: the last fetch worked): the interval, doubled per
 * failure (interval × 2^attempts), capped at a day; a server's Retry-After is honoured when it asks for longer.
 */
export function nextDelayMs(intervalMinutes: number, attempts: number, retryAfterMs?: number | null): number {
  const base = intervalMinutes * 60_000;
  const backoff = attempts > 0 ? Math.min(base * 2 ** Math.min(attempts, 30), DAY_MS) : base;
  const asked = retryAfterMs && retryAfterMs > 0 ? Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) : 0;
  return Math.max(backoff, asked);
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** An address as typed (maybe without a scheme) as an absolute http(s) URL; throws when it is not one. */
export function normaliseUrl(input: string): string {
  const s = input.trim();
  const u = new URL(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not an http or https address');
  return u.toString();
}
