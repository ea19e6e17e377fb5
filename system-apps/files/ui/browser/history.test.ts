import { describe, expect, it } from 'vitest';
import { History } from './history';

describe('History', () => {
  it('goes back and forward, and a new place drops the forward entries', () => {
    const h = new History('/Home');
    h.push('/Home/a');
    h.push('/Home/a/b');
    expect(h.back()).toBe('/Home/a');
    expect(h.back()).toBe('/Home');
    expect(h.canBack).toBe(false);
    expect(h.forward()).toBe('/Home/a');
    h.push('/Home/c');
    expect(h.canForward).toBe(false);
    expect(h.back()).toBe('/Home/a');
  });
  it('keeps one entry for the same place twice', () => {
    const h = new History('/Home');
    h.push('/Home');
    expect(h.canBack).toBe(false);
  });
});
