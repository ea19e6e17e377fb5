import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../server/files.types';
import { findPrefix, moveFocus, TypeAhead } from './nav';

const e = (name: string): FileEntry => ({ name, path: `/Home/${name}`, kind: 'file', size: 0, mtime: 0, mime: '', hidden: false });

describe('moveFocus', () => {
  it('moves in a list', () => {
    expect(moveFocus('ArrowDown', -1, 10, 1, 5)).toBe(0);
    expect(moveFocus('ArrowDown', 9, 10, 1, 5)).toBe(9);
    expect(moveFocus('ArrowUp', 3, 10, 1, 5)).toBe(2);
    expect(moveFocus('ArrowRight', 3, 10, 1, 5)).toBeNull();
    expect(moveFocus('End', 3, 100_000, 1, 5)).toBe(99_999);
    expect(moveFocus('PageDown', 0, 100, 1, 10)).toBe(9);
    expect(moveFocus('PageUp', 5, 100, 1, 10)).toBe(0);
  });
  it('moves in two dimensions in a grid', () => {
    expect(moveFocus('ArrowDown', 1, 20, 4, 3)).toBe(5);
    expect(moveFocus('ArrowRight', 1, 20, 4, 3)).toBe(2);
    expect(moveFocus('ArrowLeft', 0, 20, 4, 3)).toBe(0);
    expect(moveFocus('ArrowDown', 18, 20, 4, 3)).toBe(19);
  });
  it('does nothing in an empty folder', () => {
    expect(moveFocus('ArrowDown', -1, 0, 1, 5)).toBeNull();
  });
});

describe('type-ahead', () => {
  const rows: [number, FileEntry][] = ['apple', 'banana', 'blueberry', 'cherry', 'Bread'].map((n, i) => [i, e(n)]);
  it('joins quick letters into a prefix and starts over after a pause', () => {
    const t = new TypeAhead();
    expect(t.push('b', 0)).toBe('b');
    expect(t.push('l', 300)).toBe('bl');
    expect(t.push('c', 2000)).toBe('c');
  });
  it('finds the next name with the prefix, and cycles on one repeated letter', () => {
    expect(findPrefix('b', 0, rows)).toBe(1);
    expect(findPrefix('b', 1, rows)).toBe(2);
    expect(findPrefix('bb', 2, rows)).toBe(4);
    expect(findPrefix('bb', 4, rows)).toBe(1);
    expect(findPrefix('bl', 1, rows)).toBe(2);
    expect(findPrefix('z', 0, rows)).toBeNull();
  });
});
