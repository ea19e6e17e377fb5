// Sharing helpers: expiry dates, today's date, one entry's shares.
import { describe, expect, it } from 'vitest';
import type { ShareView } from '../../server/shares/shares.types';
import { endOfDay, sharesOf, today } from './shares';

describe('endOfDay', () => {
  it('is the last millisecond of that local day', () => {
    const ms = endOfDay('2030/02/03')!;
    const d = new Date(ms);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2030, 1, 3, 23, 59]);
    expect(endOfDay('2030-02-03')).toBe(ms);
  });
  it('is null for nothing or a day that does not exist', () => {
    expect(endOfDay('')).toBeNull();
    expect(endOfDay('2030/02/30')).toBeNull();
    expect(endOfDay('tomorrow')).toBeNull();
  });
});

describe('today', () => {
  it('pads month and day', () => expect(today(new Date(2031, 0, 5))).toBe('2031/01/05'));
});

describe('sharesOf', () => {
  const share = (id: string, type: 'link' | 'user', path: string, createdAt: number) => ({ id, type, path, createdAt }) as ShareView;
  it('keeps the entry’s own shares, links and people apart, newest first', () => {
    const all = [share('a', 'link', '/Home/x', 1), share('b', 'user', '/Home/x', 2), share('c', 'link', '/Home/x', 3), share('d', 'link', '/Home/y', 4)];
    const { links, people } = sharesOf(all, '/Home/x');
    expect(links.map((s) => s.id)).toEqual(['c', 'a']);
    expect(people.map((s) => s.id)).toEqual(['b']);
  });
});
