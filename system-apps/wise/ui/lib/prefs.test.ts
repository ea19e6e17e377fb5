// Reader preferences: per user, clamped, and defaults for anything unreadable.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, readPrefs, writePrefs } from './prefs';

function memory(): Storage {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) } as Storage;
}

describe('reader prefs', () => {
  it('remembers per user', () => {
    const s = memory();
    writePrefs('u1', { theme: 'sepia', fontSize: 22, font: 'sans' }, s);
    expect(readPrefs('u1', s)).toEqual({ theme: 'sepia', fontSize: 22, font: 'sans' });
    expect(readPrefs('u2', s)).toEqual(DEFAULT_PREFS);
  });
  it('clamps and repairs what it reads', () => {
    const s = memory();
    s.setItem('olares.wise.reader.u', JSON.stringify({ theme: 'neon', fontSize: 99, font: 'comic' }));
    expect(readPrefs('u', s)).toEqual({ theme: 'auto', fontSize: 26, font: 'serif' });
    s.setItem('olares.wise.reader.u', '{not json');
    expect(readPrefs('u', s)).toEqual(DEFAULT_PREFS);
  });
});
