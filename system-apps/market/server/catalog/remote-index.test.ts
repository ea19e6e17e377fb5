// The remote index.json format, and credentials kept out of printed URLs.
import { describe, expect, it } from 'vitest';
import { parseRemoteIndex } from './remote-index';
import { redactMessage, redactUrl, splitCredentials } from './safe-url';

describe('remote index format', () => {
  it('accepts the documented shape', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const body = JSON.stringify({ apiVersion: 1, apps: [{ name: 'notes', version: '1.0.0', chart: 'charts/notes-1.0.0.tgz', digest }] });
    expect(parseRemoteIndex(body).apps[0]).toEqual({ name: 'notes', version: '1.0.0', chart: 'charts/notes-1.0.0.tgz', digest });
  });

  it('says what is wrong and where', () => {
    expect(() => parseRemoteIndex('<html>')).toThrow('index.json is not JSON');
    expect(() => parseRemoteIndex('{"apiVersion":2,"apps":[]}')).toThrow(/^index.json apiVersion: /);
    expect(() => parseRemoteIndex('{"apiVersion":1,"apps":[{"name":"x","version":"latest","chart":"x.tgz"}]}')).toThrow('index.json apps[0].version: must be a semantic version');
    expect(() => parseRemoteIndex('{"apiVersion":1,"apps":[{"name":"../x","version":"1.0.0","chart":"x.tgz"}]}')).toThrow(/apps\[0\]\.name/);
    expect(() => parseRemoteIndex('{"apiVersion":1,"apps":[{"name":"x","version":"1.0.0","chart":"x.tgz","digest":"md5:1"}]}')).toThrow(/digest/);
    const dup = { name: 'x', version: '1.0.0', chart: 'x.tgz' };
    expect(() => parseRemoteIndex(JSON.stringify({ apiVersion: 1, apps: [dup, dup] }))).toThrow('index.json lists x@1.0.0 twice');
  });
});

describe('credentials in catalogue URLs', () => {
  it('never prints them', () => {
    expect(redactUrl('https://bob:s3cret@charts.example.com/olares?token=abc&page=2')).toBe('https://charts.example.com/olares?token=***&page=2');
    expect(redactMessage('GET https://bob:s3cret@x.example/index.json failed')).toBe('GET https://x.example/index.json failed');
  });

  it('moves them to a Basic authorization header', () => {
    const { url, headers } = splitCredentials('https://bob:s%40cret@charts.example.com/olares/');
    expect(url.toString()).toBe('https://charts.example.com/olares/');
    expect(headers.authorization).toBe(`Basic ${Buffer.from('bob:s@cret').toString('base64')}`);
  });
});
