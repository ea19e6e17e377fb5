// Item factory, tolerant reading of decrypted bodies, and password history.
import { describe, expect, it } from 'vitest';
import { ITEM_KINDS, newItem, normalizeItem, searchText, withPasswordHistory } from './items';

describe('items', () => {
  it('makes an empty item of each kind that reads back unchanged', () => {
    for (const kind of ITEM_KINDS) {
      const item = newItem(kind);
      expect(item.kind).toBe(kind);
      expect(item.name).toBe('');
      expect(normalizeItem(JSON.parse(JSON.stringify(item)))).toEqual(item);
    }
    expect(newItem('login').login).toEqual({ username: '', password: '', uris: [], totp: '' });
    expect(newItem('identity').identity.ssn).toBe('');
  });

  it('fills in missing fields, drops unknown ones, and refuses what is not an item', () => {
    const item = normalizeItem({ kind: 'login', name: 'A', login: { password: 'p', uris: ['x', 3] }, extra: 1, fields: [{ name: 'f', value: 2, type: 'weird' }] });
    expect(item).toMatchObject({ kind: 'login', name: 'A', notes: '', login: { username: '', password: 'p', uris: ['x'], totp: '' }, fields: [{ name: 'f', value: '2', type: 'text' }] });
    expect('extra' in item).toBe(false);
    expect(() => normalizeItem({ kind: 'password' })).toThrow('not a Vault item');
    expect(() => normalizeItem(null)).toThrow();
    expect(() => normalizeItem([])).toThrow();
  });

  it('keeps the previous password in history, newest first, at most 20', () => {
    const a = newItem('login');
    a.login.password = 'one';
    const b = { ...a, login: { ...a.login, password: 'two' } };
    const c = withPasswordHistory(a, b, 1000);
    expect(c.passwordHistory).toEqual([{ password: 'one', changedAt: 1000 }]);
    expect(withPasswordHistory(c, c)).toBe(c);
    expect(withPasswordHistory(a, { ...b, passwordHistory: [{ password: 'one', changedAt: 5 }] }).passwordHistory).toHaveLength(1);
    let x = c as typeof a;
    for (let i = 0; i < 30; i++) x = withPasswordHistory(x, { ...x, login: { ...x.login, password: `p${i}` } }) as typeof a;
    expect(x.passwordHistory).toHaveLength(20);
    expect(x.passwordHistory[0]!.password).toBe('p28');
  });

  it('searches names and usernames but not passwords', () => {
    const a = newItem('login');
    a.name = 'GitHub';
    a.login.username = 'Octo';
    a.login.password = 'hunter2';
    expect(searchText(a)).toContain('github');
    expect(searchText(a)).toContain('octo');
    expect(searchText(a)).not.toContain('hunter2');
  });
});
