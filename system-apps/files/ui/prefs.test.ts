import { describe, expect, it } from 'vitest';
import { readPrefs } from './prefs';

describe('readPrefs', () => {
  it('keeps what is valid and defaults the rest', () => {
    const storage = { getItem: () => JSON.stringify({ view: 'grid', sort: 'bogus', desc: true }) };
    expect(readPrefs(storage)).toEqual({ view: 'grid', sort: 'name', desc: true, showHidden: false });
    expect(readPrefs({ getItem: () => 'not json' }).view).toBe('list');
  });
});
