// The conflict dialog's comparison: only differing fields, secrets flagged, custom fields by name, a deleted side empty.
import { describe, expect, it } from 'vitest';
import { diffItems } from './diff';
import { login } from './fixtures';

describe('diffItems', () => {
  it('lists the fields that differ', () => {
    const theirs = login('Mail', { username: 'alice', password: 'one', tags: ['a'] });
    const mine = login('Mail', { username: 'alice', password: 'two', tags: ['a', 'b'], fields: [{ name: 'PIN', value: '1234', type: 'hidden' }] });
    expect(diffItems(theirs, mine)).toEqual([
      { key: 'login.password', theirs: 'one', mine: 'two', secret: true },
      { key: 'tags', theirs: 'a', mine: 'a, b', secret: false },
      { key: 'custom:PIN', theirs: '', mine: '1234', secret: true },
    ]);
  });
  it('is empty when both agree, and shows every field of mine when theirs is gone', () => {
    const item = login('Mail', { username: 'alice' });
    expect(diffItems(item, structuredClone(item))).toEqual([]);
    expect(diffItems(null, item).map((d) => d.key)).toEqual(['name', 'kind', 'login.username']);
  });
});
