// Fetches a feed or page for Wise: redirects followed by hand (each hop re-checked against the SSRF guard), conditional GET, time and size limits, one FeedError per failure kind.
import { Agent, fetch, type Response } from 'undici';
import { BlockedAddressError, guardedLookup, isBlockedLiteral } from '../../../../bff/net/address-guard';
import { FeedError, type FetchOptions, type FetchResult } from './types';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_USER_AGENT = 'OlaresDesktop-Wise/0.1 (feed reader; +https://olares.com)';
const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5';

/** One pooled agent per policy: its `lookup` refuses private addresses at connect time (DNS rebinding included). */
const agents = new Map<boolean, Agent>();
function agentFor(allowPrivate: boolean): Agent {
  let agent = agents.get(allowPrivate);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(allowPrivate) }, keepAliveTimeout: 10_000, connections: 16 });
    agents.set(allowPrivate, agent);
  }
  return agent;
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function checkUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedError('blocked', 'That is not a web address.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedError('blocked', 'Only http and https addresses can be read.');
  if (isBlockedLiteral(url.hostname, allowPrivate)) throw new FeedError('blocked', 'That address is on a private network, which the server may not reach.');
  return url;
}

/** Turns what undici threw into a FeedError (the caller's own abort passes through untouched). */
function toFeedError(err: unknown, timedOut: boolean): unknown {
  if (err instanceof FeedError) return err;
  if (timedOut) return new FeedError('timeout', 'The server did not answer in time.');
  const cause = (err as { cause?: unknown }).cause ?? err;
  if (cause instanceof BlockedAddressError || err instanceof BlockedAddressError) {
    return new FeedError('blocked', 'That address is on a private network, which the server may not reach.');
  }
  const code = (cause as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new FeedError('network', 'There is no server of that name.');
  if (code === 'ECONNREFUSED') return new FeedError('network', 'The server refused the connection.');
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new FeedError('timeout', 'The server did not answer in time.');
  }
  if (code.startsWith('ERR_TLS') || code.includes('CERT')) return new FeedError('network', 'The server\'s certificate could not be verified.');
  return new FeedError('network', 'The server could not be reached, or it stopped answering.');
}

/** Reads a body up to `maxBytes`, cancelling the stream (and failing) as soon as it grows past the limit. */
async function readLimited(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  const tooLarge = () => new FeedError('tooLarge', `The answer is larger than ${Math.round(maxBytes / 1024 / 1024) || 1} MiB.`);
  // Content-Length counts the encoded bytes; with gzip or br the decoded body is checked as it streams.
  if (!res.headers.get('content-encoding') && Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * GETs `url`, following up to `maxRedirects` redirects itself so that every hop passes the address guard.
 * A 304 (with validators sent) is `notModified`; `permanentUrl` is where the chain of permanent redirects (301/308)
 * from the start leads. Throws FeedError; the caller's own `signal` aborting rejects with that abort.
 */
export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const allowPrivate = opts.allowPrivateNetwork ?? false;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
    accept: opts.accept ?? DEFAULT_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;

  let current = checkUrl(url, allowPrivate);
  let permanentUrl: string | null = null;
  let stillPermanent = true;
  const seen = new Set<string>([current.href]);
  try {
    for (let hop = 0; ; hop++) {
      const res = await fetch(current, { headers, redirect: 'manual', signal, dispatcher: agentFor(allowPrivate) });
      const status = res.status;
      if (status >= 300 && status < 400 && status !== 304) {
        await res.body?.cancel().catch(() => undefined);
        const location = res.headers.get('location');
        if (!location) throw new FeedError('http', `The server answered ${status} without saying where to go.`, status);
        if (hop >= maxRedirects) throw new FeedError('tooManyRedirects', `The address redirects more than ${maxRedirects} times.`);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new FeedError('http', `The server redirected to an address that is not valid.`, status);
        }
        next = checkUrl(next.href, allowPrivate);
        if (seen.has(next.href)) throw new FeedError('tooManyRedirects', 'The address redirects in a loop.');
        seen.add(next.href);
        if (stillPermanent && (status === 301 || status === 308)) permanentUrl = next.href;
        else stillPermanent = false;
        current = next;
        continue;
      }
      if (status === 304) {
        await res.body?.cancel().catch(() => undefined);
        return { status: 'notModified', finalUrl: current.href, permanentUrl };
      }
      if (status < 200 || status >= 300) {
        await res.body?.cancel().catch(() => undefined);
        const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
        const reason = res.statusText ? ` (${res.statusText})` : '';
        throw new FeedError('http', `The server answered ${status}${reason}.`, status, retryAfterMs);
      }
      const body = await readLimited(res, maxBytes);
      return {
        status: 'ok',
        finalUrl: current.href,
        permanentUrl,
        contentType: res.headers.get('content-type'),
        body,
        etag: res.headers.get('etag'),
        lastModified: res.headers.get('last-modified'),
      };
    }
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? err;
    throw toFeedError(err, timeout.aborted);
  }
}
