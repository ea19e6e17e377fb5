// Downloads a URL to a file: redirects re-checked, resumed with HTTP ranges after a dropped connection, a size limit, progress and cancel.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { BlockedAddressError, guardedLookup, isBlockedLiteral } from '../../../../bff/net/address-guard';

export interface UrlFetchOptions {
  url: string;
  /** The partial/complete file (kept between retries; the caller moves it into place). */
  dest: string;
  maxBytes: number;
  signal: AbortSignal;
  allowPrivate: boolean;
  /** Attempts after a dropped connection (each resumes where the file ends). */
  retries?: number;
  retryDelayMs?: number;
  progress?(done: number, total: number | null): void;
}

export interface UrlFetchResult {
  /** A name from Content-Disposition or the URL's last path segment (not yet checked as a file name). */
  suggestedName: string | null;
  bytes: number;
  contentType: string | null;
}

/** A refusal with a Files reason key. */
export class FetchError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 30_000;

interface Response {
  res: http.IncomingMessage;
  url: URL;
}

function get(url: URL, headers: Record<string, string>, opts: UrlFetchOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.get(url, { headers: { 'user-agent': 'OlaresDesktop/0.1 (+files download)', ...headers }, lookup: guardedLookup(opts.allowPrivate), signal: opts.signal, timeout: TIMEOUT_MS }, (res) =>
      resolve({ res, url }),
    );
    req.on('timeout', () => req.destroy(new FetchError('files.fetch.timeout', 'The server stopped answering.')));
    req.on('error', reject);
  });
}

/** Follows redirects (each target checked again), refusing anything but http and https. */
async function request(start: URL, headers: Record<string, string>, opts: UrlFetchOptions): Promise<Response> {
  let url = start;
  for (let i = 0; ; i++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('files.fetch.scheme', 'Only http and https addresses can be downloaded.');
    // An address written as an IP is connected to without a lookup: check it here.
    if (isBlockedLiteral(url.hostname, opts.allowPrivate)) throw new BlockedAddressError(url.hostname);
    const r = await get(url, headers, opts);
    const location = r.res.headers.location;
    if (r.res.statusCode && r.res.statusCode >= 300 && r.res.statusCode < 400 && location) {
      r.res.resume();
      if (i >= MAX_REDIRECTS) throw new FetchError('files.fetch.redirects', 'The address redirects too many times.');
      url = new URL(location, url);
      continue;
    }
    return r;
  }
}

/** `attachment; filename*=UTF-8''na%C3%AFve.txt` → `naïve.txt`. */
export function nameFromDisposition(header: string | undefined): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(header);
  return plain ? (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1').trim() || null : null;
}

export function nameFromUrl(url: URL): string | null {
  const last = url.pathname.split('/').filter(Boolean).pop();
  if (!last) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

const transient = (err: unknown) => {
  if (err instanceof FetchError || err instanceof BlockedAddressError) return err instanceof FetchError && err.reason === 'files.fetch.timeout';
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'EAI_AGAIN', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET'].includes(code) || (err as Error).message === 'aborted';
};

/** Downloads `opts.url` into `opts.dest`, resuming after drops; throws FetchError (or the abort) on failure. */
export async function fetchUrl(opts: UrlFetchOptions): Promise<UrlFetchResult> {
  let start: URL;
  try {
    start = new URL(opts.url);
  } catch {
    throw new FetchError('files.fetch.badUrl', 'That is not a web address.');
  }
  let etag: string | null = null;
  let suggestedName: string | null = null;
  let contentType: string | null = null;
  let total: number | null = null;
  const retries = opts.retries ?? 5;
  fs.rmSync(opts.dest, { force: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const have = sizeOf(opts.dest);
      const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-`, ...(etag ? { 'if-range': etag } : {}) } : {};
      const { res, url } = await request(start, headers, opts);
      const status = res.statusCode ?? 0;
      if (status === 416 && total !== null && have === total) {
        res.resume();
        return { suggestedName, bytes: have, contentType };
      }
      if (status !== 200 && status !== 206) {
        res.resume();
        throw new FetchError('files.fetch.status', `The server answered ${status}.`);
      }
      const resumed = status === 206 && have > 0;
      if (!resumed) {
        suggestedName = nameFromDisposition(res.headers['content-disposition']) ?? nameFromUrl(url);
        contentType = res.headers['content-type']?.split(';')[0]?.trim() ?? null;
        etag = typeof res.headers.etag === 'string' && !res.headers.etag.startsWith('W/') ? res.headers.etag : null;
        const len = Number(res.headers['content-length']);
        total = Number.isFinite(len) && res.headers['content-length'] !== undefined ? len : null;
      }
      if (total !== null && total > opts.maxBytes) {
        res.destroy();
        throw new FetchError('files.fetch.tooLarge', 'The file is larger than downloads may be.');
      }
      let done = resumed ? have : 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          done += chunk.length;
          if (done > opts.maxBytes) return cb(new FetchError('files.fetch.tooLarge', 'The file is larger than downloads may be.'));
          opts.progress?.(done, total);
          cb(null, chunk);
        },
      });
      await pipeline(res, counter, fs.createWriteStream(opts.dest, { flags: resumed ? 'a' : 'w' }), { signal: opts.signal });
      if (total !== null && done < total) throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
      return { suggestedName, bytes: done, contentType };
    } catch (err) {
      if (opts.signal.aborted) throw err;
      if (err instanceof BlockedAddressError) throw new FetchError('files.fetch.private', err.message);
      if (!transient(err) || attempt >= retries) {
        if (err instanceof FetchError) throw err;
        if ((err as NodeJS.ErrnoException).code === 'ENOTFOUND') throw new FetchError('files.fetch.unknownHost', 'There is no server of that name.');
        throw new FetchError('files.fetch.failed', 'The download failed; the server could not be reached or stopped sending.');
      }
      await new Promise((r) => setTimeout(r, (opts.retryDelayMs ?? 1000) * 2 ** attempt));
    }
  }
}
