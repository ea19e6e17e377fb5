import { describe, expect, it } from 'vitest';
import { canDrop, dropOp } from './dnd';

describe('drops', () => {
  const p = { paths: ['/Home/a/x.txt', '/Home/a/dir'] };
  it('moves within a root and copies across roots or with the copy key', () => {
    expect(dropOp(p, '/Home/b', false)).toBe('move');
    expect(dropOp(p, '/Data/b', false)).toBe('copy');
    expect(dropOp(p, '/Home/b', true)).toBe('copy');
  });
  it('refuses a folder into itself or below, and a move where they already are', () => {
    expect(canDrop(p, '/Home/a/dir', 'move')).toBe(false);
    expect(canDrop(p, '/Home/a/dir/sub', 'copy')).toBe(false);
    expect(canDrop(p, '/Home/a', 'move')).toBe(false);
    expect(canDrop(p, '/Home/a', 'copy')).toBe(true);
    expect(canDrop(p, '/Home/a/dir2', 'move')).toBe(true);
  });
  it('handles "all of a folder"', () => {
    const all = { folder: '/Home/a', showHidden: false, except: [] };
    expect(canDrop(all, '/Home/a', 'move')).toBe(false);
    expect(canDrop(all, '/Home/a/sub', 'move')).toBe(false);
    expect(canDrop(all, '/Home/b', 'move')).toBe(true);
  });
});
