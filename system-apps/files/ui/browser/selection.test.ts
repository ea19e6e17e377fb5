import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../server/files.types';
import { Selection } from './selection';

const entry = (i: number): FileEntry => ({ name: `f${i}`, path: `/Home/f${i}`, kind: 'file', size: 0, mtime: 0, mime: '', hidden: false });
/** Rows 0..99 loaded, the rest not. */
const at = (i: number) => (i < 100 ? entry(i) : undefined);
const everything = async () => Array.from({ length: 1000 }, (_, i) => entry(i));

describe('Selection', () => {
  it('selects one row, toggles others in and out, and counts', () => {
    const s = new Selection();
    s.only(3, at);
    s.toggle(5, at);
    expect(s.has(3, entry(3))).toBe(true);
    expect(s.count(1000)).toBe(2);
    s.toggle(3, at);
    expect(s.has(3, entry(3))).toBe(false);
    expect(s.count(1000)).toBe(1);
  });

  it('selects a Shift range over rows that are not loaded, exactly', async () => {
    const s = new Selection();
    s.only(98, at);
    s.range(103, at);
    expect(s.count(1000)).toBe(6);
    expect(s.has(101, undefined)).toBe(true);
    expect(s.has(104, undefined)).toBe(false);
    s.toggle(101, at);
    expect(s.count(1000)).toBe(5);
    expect(await s.resolve(at, everything)).toEqual(['/Home/f98', '/Home/f99', '/Home/f100', '/Home/f102', '/Home/f103']);
  });

  it('a range replaces the selection, unless extended', () => {
    const s = new Selection();
    s.only(1, at);
    s.toggle(10, at);
    s.range(12, at);
    expect(s.count(1000)).toBe(3);
    s.anchor = 20;
    s.range(21, at, true);
    expect(s.count(1000)).toBe(5);
  });

  it('all but some, without loading every page', async () => {
    const s = new Selection();
    s.selectAll();
    expect(s.count(100_000)).toBe(100_000);
    s.toggle(2, at);
    expect(s.count(100_000)).toBe(99_999);
    expect(s.has(2, entry(2))).toBe(false);
    expect(s.has(5000, undefined)).toBe(true);
    expect(s.known(at)).toBeNull();
    const paths = await s.resolve(at, everything);
    expect(paths).toHaveLength(999);
    expect(paths).not.toContain('/Home/f2');
  });

  it('knows the paths at once when every selected row is loaded', () => {
    const s = new Selection();
    s.only(1, at);
    s.range(3, at);
    expect(s.known(at)).toEqual(['/Home/f1', '/Home/f2', '/Home/f3']);
  });
});

describe('Selection for the marquee', () => {
  it('adds rows to a copy, leaving the original as it was', () => {
    const s = new Selection();
    s.only(0, at);
    const c = s.clone();
    c.addRange(4, 6, at);
    expect(c.count(1000)).toBe(4);
    expect(s.count(1000)).toBe(1);
  });
});
