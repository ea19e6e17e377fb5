// Which addresses a server-side fetch (Files' downloads, Wise's feeds and images) may reach: public ones only, unless private networks are allowed (a LAN server, tests).
import dns from 'node:dns';
import net from 'node:net';
import type { LookupFunction } from 'node:net';

function v4Private(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)) || a >= 224
  );
}

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses (v4, v6 and v4-mapped v6). */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return v4Private(ip);
  const lower = ip.toLowerCase();
  // IPv4 inside IPv6: mapped (::ffff:), the old compatible form (::) and NAT64 (64:ff9b::), dotted or in hex as URLs write them.
  const embedded = /^(?:::ffff:|::|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(lower);
  if (embedded) {
    if (embedded[1]) return v4Private(embedded[1]);
    const hi = parseInt(embedded[2]!, 16);
    const lo = parseInt(embedded[3]!, 16);
    return v4Private(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || lower.startsWith('ff');
}

export class BlockedAddressError extends Error {
  constructor(readonly address: string) {
    super('That address is on a private network, which the server may not reach.');
    this.name = 'BlockedAddressError';
  }
}

/**
 * A URL's host written as an IP address is connected to without a lookup, so `guardedLookup` never sees it:
 * this checks it instead (true when it is private and private networks are not allowed).
 */
export function isBlockedLiteral(hostname: string, allowPrivate: boolean): boolean {
  if (allowPrivate) return false;
  const literal = hostname.replace(/^\[|\]$/g, '');
  return net.isIP(literal) !== 0 && isPrivateAddress(literal);
}

/**
 * A `lookup` for http.request (or an undici Agent's `connect`) that refuses private addresses at connect time
 * (so a name that resolves differently the second time cannot slip through).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const ok = allowPrivate ? list : list.filter((a) => !isPrivateAddress(a.address));
      if (!ok.length) return callback(new BlockedAddressError(list[0]?.address ?? hostname), '', 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, ok);
      callback(null, ok[0]!.address, ok[0]!.family);
    });
  };
}
