// Bytes as Vault moves them around: base64 for the wire, UTF-8 for text, and random bytes from the platform's generator.

/** A byte array over a plain ArrayBuffer, which is what WebCrypto accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
const CHUNK = 0x8000;

export function toB64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** Throws on anything that is not standard, padded base64. */
export function fromB64(text: string): Bytes {
  if (text.length % 4 !== 0 || !B64_RE.test(text)) throw new Error('not base64');
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Bytes {
  return encoder.encode(text) as Bytes;
}

/** Throws on bytes that are not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function randomBytes(n: number): Bytes {
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let i = 0; i < n; i += 65_536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65_536)));
  return out;
}

/** A copy over a fresh ArrayBuffer (a view into a shared or larger buffer is not accepted everywhere). */
export function ownBytes(bytes: Uint8Array): Bytes {
  return new Uint8Array(bytes);
}

export function concatBytes(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A random RFC 4122 version-4 UUID. */
export function uuid(): string {
  return crypto.randomUUID();
}
