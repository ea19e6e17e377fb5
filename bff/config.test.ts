// Configuration: defaults so that nothing is needed to start, and clear errors naming each bad variable.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('starts with no variables set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, publicOrigin: 'http://localhost:3000', secureCookies: false, logLevel: 'info' });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it('derives the public origin from the port, and Secure cookies from https', () => {
    expect(loadConfig({ PORT: '8080' }).publicOrigin).toBe('http://localhost:8080');
    const c = loadConfig({ PUBLIC_ORIGIN: 'https://desktop.alice.olares.com/some/path' });
    expect(c.publicOrigin).toBe('https://desktop.alice.olares.com');
    expect(c.secureCookies).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined();
  });

  it('names every bad variable in one error', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', PUBLIC_ORIGIN: 'not a url' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'PUBLIC_ORIGIN']) expect(message).toContain(`${name}:`);
    expect(message).toContain('must be a postgres:// or postgresql:// URL');
  });

  it('converts durations to milliseconds', () => {
    const c = loadConfig({ SESSION_IDLE_MINUTES: '2', SESSION_ABSOLUTE_HOURS: '1', LOGIN_BAN_SECONDS: '3' });
    expect([c.sessionIdleMs, c.sessionAbsoluteMs, c.loginBanMs]).toEqual([120_000, 3_600_000, 3000]);
  });

  it('reads Wise’s settings, with defaults that fetch in the background from public networks only', () => {
    expect(loadConfig({}).wise).toEqual({ fetchConcurrency: 6, allowPrivateNetwork: false, secretKey: undefined, refresh: true });
    const key = 'ab'.repeat(32);
    expect(loadConfig({ WISE_FETCH_CONCURRENCY: '4', WISE_ALLOW_PRIVATE_NETWORK: '1', WISE_SECRET_KEY: key, WISE_REFRESH: '0' }).wise).toEqual({
      fetchConcurrency: 4,
      allowPrivateNetwork: true,
      secretKey: key,
      refresh: false,
    });
    expect(() => loadConfig({ WISE_FETCH_CONCURRENCY: '0', WISE_SECRET_KEY: 'short' })).toThrow(/WISE_FETCH_CONCURRENCY:[\s\S]*WISE_SECRET_KEY: must be 64 hexadecimal characters/);
  });
});
