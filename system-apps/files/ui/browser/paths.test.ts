import { describe, expect, it } from 'vitest';
import { baseName, crumbs, extensionOf, isInside, isRoot, joinPath, parentOf, rootOf } from './paths';

describe('virtual paths', () => {
  it('finds parents, names and roots', () => {
    expect(parentOf('/Home/a/b')).toBe('/Home/a');
    expect(parentOf('/Home')).toBe('/Home');
    expect(baseName('/Home/a/b.txt')).toBe('b.txt');
    expect(baseName('/Home')).toBe('Home');
    expect(joinPath('/Home', 'x y 🎉')).toBe('/Home/x y 🎉');
    expect(rootOf('/Data/x')).toBe('Data');
    expect(isRoot('/Home')).toBe(true);
    expect(isRoot('/Home/a')).toBe(false);
  });
  it('does not take a sibling with the same prefix for a child', () => {
    expect(isInside('/Home/a', '/Home')).toBe(true);
    expect(isInside('/Home', '/Home')).toBe(true);
    expect(isInside('/Home2/a', '/Home')).toBe(false);
  });
  it('makes breadcrumbs', () => {
    expect(crumbs('/Home/a/b')).toEqual([
      { name: 'Home', path: '/Home' },
      { name: 'a', path: '/Home/a' },
      { name: 'b', path: '/Home/a/b' },
    ]);
  });
  it('reads extensions', () => {
    expect(extensionOf('a.TXT')).toBe('txt');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('README')).toBe('');
  });
});
