// Typed web addresses: https assumed, other schemes and nonsense refused.
import { describe, expect, it } from 'vitest';
import { normaliseUrl } from './url';

describe('normaliseUrl', () => {
  it('takes http(s) and bare hosts', () => {
    expect(normaliseUrl(' example.com/feed ')).toBe('https://example.com/feed');
    expect(normaliseUrl('http://127.0.0.1:8080/a.rss')).toBe('http://127.0.0.1:8080/a.rss');
  });
  it('refuses other schemes and empty input', () => {
    expect(normaliseUrl('ftp://example.com')).toBeNull();
    expect(normaliseUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseUrl('   ')).toBeNull();
    expect(normaliseUrl('http://')).toBeNull();
  });
});
