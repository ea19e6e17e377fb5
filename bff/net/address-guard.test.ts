// The SSRF guard: which addresses count as private, IP literals in URLs, and a lookup that refuses private answers.
import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { BlockedAddressError, guardedLookup, isBlockedLiteral, isPrivateAddress } from './address-guard';

function lookup(allow: boolean, host: string, all: boolean): Promise<LookupAddress[] | string> {
  return new Promise((resolve, reject) => {
    guardedLookup(allow)(host, { all } as never, ((err: Error | null, address: string | LookupAddress[]) => (err ? reject(err) : resolve(address))) as never);
  });
}

describe('address guard', () => {
  it('knows private, loopback, link-local and mapped addresses', () => {
    expect(['127.0.0.1', '10.1.2.3', '192.168.1.1', '172.20.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '224.0.0.1'].every(isPrivateAddress)).toBe(true);
    expect(['1.1.1.1', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'].some(isPrivateAddress)).toBe(false);
  });

  it('checks IP literals in URLs, bracketed v6 included', () => {
    expect(isBlockedLiteral('127.0.0.1', false)).toBe(true);
    expect(isBlockedLiteral('[::1]', false)).toBe(true);
    // URLs rewrite embedded IPv4 in hex: http://[::ffff:127.0.0.1]/ has the hostname [::ffff:7f00:1].
    for (const url of ['http://[::ffff:127.0.0.1]/', 'http://[::127.0.0.1]/', 'http://[64:ff9b::10.0.0.1]/', 'http://0x7f.1/', 'http://2130706433/', 'http://[::ffff:a9fe:a9fe]/']) {
      expect(isBlockedLiteral(new URL(url).hostname, false), url).toBe(true);
    }
    expect(isBlockedLiteral(new URL('http://[::ffff:8.8.8.8]/').hostname, false)).toBe(false);
    expect(isBlockedLiteral('127.0.0.1', true)).toBe(false);
    expect(isBlockedLiteral('8.8.8.8', false)).toBe(false);
    expect(isBlockedLiteral('localhost', false)).toBe(false); // a name: the lookup checks it
  });

  it('refuses a name that resolves to a private address unless allowed', async () => {
    await expect(lookup(false, 'localhost', true)).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(lookup(false, 'localhost', false)).rejects.toBeInstanceOf(BlockedAddressError);
    const all = (await lookup(true, 'localhost', true)) as LookupAddress[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((a) => isPrivateAddress(a.address))).toBe(true);
  });
});
