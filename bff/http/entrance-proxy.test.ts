// Which hosts are app entrances: the ENTRANCE_ORIGIN pattern, never anything else.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { entranceHostMatcher } from './entrance-proxy';

describe('entrance hosts', () => {
  it('match the pattern and give the entrance id', () => {
    const local = entranceHostMatcher('http://{id}.localhost:3000');
    expect(local('notes-alice.localhost:3000')).toBe('notes-alice');
    expect(local('NOTES-alice.localhost:3000')).toBe('notes-alice');
    expect(local('localhost:3000')).toBeNull();
    expect(local('notes-alice.localhost:4000')).toBeNull();
    expect(local('a.b.localhost:3000')).toBeNull();
    expect(local(undefined)).toBeNull();
    const deployed = entranceHostMatcher('https://{id}.alice.example.com');
    expect(deployed('notes-alice.alice.example.com')).toBe('notes-alice');
    expect(deployed('notes-alice.alice.example.com.evil.test')).toBeNull();
  });

  it('default beside the desktop’s own origin', () => {
    expect(loadConfig({ PORT: '3000' }).entranceOrigin).toBe('http://{id}.localhost:3000');
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://desktop.alice.example.com' }).entranceOrigin).toBe('https://{id}.alice.example.com');
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://example.com' }).entranceOrigin).toBe('https://{id}.example.com');
  });
});
