// HTTP conditional and Range requests for one file: ETag, If-None-Match/If-Modified-Since (304), If-Range, and a single byte range (206/416).
import type { IncomingHttpHeaders } from 'node:http';

export interface Validators {
  etag: string;
  /** ms since the epoch */
  mtimeMs: number;
}

/** Strong validator from inode, size and mtime: any change to the file changes it. */
export function etagFor(stat: { ino: number; size: number; mtimeMs: number }): string {
  return `"${stat.ino.toString(16)}-${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
}

/** True when the client's copy is current (answer 304). If-None-Match wins over If-Modified-Since. */
export function notModified(headers: IncomingHttpHeaders, v: Validators): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    return inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === v.etag);
  }
  const ims = headers['if-modified-since'];
  if (ims) {
    const since = Date.parse(ims);
    // HTTP dates have whole seconds.
    if (!Number.isNaN(since)) return Math.floor(v.mtimeMs / 1000) * 1000 <= since;
  }
  return false;
}

export type RangeResult = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * The part of a `size`-byte file to send. Unknown units, bad syntax, several ranges and a stale If-Range
 * all get the whole file (RFC 9110 lets a server ignore Range); a range starting past the end is 416.
 */
export function pickRange(headers: IncomingHttpHeaders, size: number, v: Validators): RangeResult {
  const header = headers.range;
  if (!header) return { kind: 'full' };
  const ifRange = headers['if-range'];
  if (typeof ifRange === 'string' && ifRange) {
    const fresh = ifRange.startsWith('"') ? ifRange === v.etag : Date.parse(ifRange) === Math.floor(v.mtimeMs / 1000) * 1000;
    if (!fresh) return { kind: 'full' };
  }
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!m) return { kind: 'full' };
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return { kind: 'full' };
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return size === 0 ? { kind: 'unsatisfiable' } : { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== '' && Number(b) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
