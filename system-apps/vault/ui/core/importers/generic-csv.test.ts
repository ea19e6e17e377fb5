// Generic CSV: the guessed mapping for common exports (Chrome, Firefox, LastPass, KeePass), rows to items, and what cannot be imported.
import { describe, expect, it } from 'vitest';
import { applyMapping, guessCsvMapping, importGenericCsv, parseCsv } from './generic-csv';

describe('generic CSV import', () => {
  it('guesses the columns of common exports', () => {
    expect(guessCsvMapping(['name', 'url', 'username', 'password', 'note'])).toEqual({ name: 0, uri: 1, username: 2, password: 3, notes: 4 });
    expect(guessCsvMapping(['url', 'username', 'password', 'httpRealm', 'formActionOrigin', 'guid', 'timeCreated'])).toEqual({ uri: 0, username: 1, password: 2 });
    expect(guessCsvMapping(['url', 'username', 'password', 'totp', 'extra', 'name', 'grouping', 'fav'])).toEqual({ uri: 0, username: 1, password: 2, totp: 3, notes: 4, name: 5, folder: 6, favourite: 7 });
    expect(guessCsvMapping(['Group', 'Title', 'Username', 'Password', 'URL', 'Notes', 'TOTP', 'Icon', 'Last Modified', 'Created'])).toEqual({ folder: 0, name: 1, username: 2, password: 3, uri: 4, notes: 5, totp: 6 });
    expect(guessCsvMapping(['Account', 'Login Name', 'Password', 'Web Site', 'Comments'])).toEqual({ name: 0, username: 1, password: 2, uri: 3, notes: 4 });
    expect(guessCsvMapping(['E-mail', 'Secret'])).toEqual({ username: 0, password: 1 });
  });

  it('turns rows into logins, or notes when only text is mapped, and skips empty rows', () => {
    const text = 'title,website,login,password,extra,tags,starred,id\nMail,https://mail.example.com/in,me@example.com,pw1,hello,"a, b",yes,1\n,example.org,,pw2,,,,2\n,,,,,,,3\nJust text,,,,remember this,,,4\n';
    const table = parseCsv(text);
    const { items, warnings } = applyMapping(table, guessCsvMapping(table.headers));
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ kind: 'login', name: 'Mail', notes: 'hello', tags: ['a', 'b'], favourite: true, login: { username: 'me@example.com', password: 'pw1', uris: ['https://mail.example.com/in'] } });
    expect(items[1]).toMatchObject({ kind: 'login', name: 'example.org', login: { password: 'pw2', uris: ['example.org'] } });
    expect(items[2]).toMatchObject({ kind: 'note', name: 'Just text', notes: 'remember this' });
    expect(warnings).toEqual(['1 empty row was skipped.']);
    expect(importGenericCsv(text, { name: 0 }).items.map((i) => i.kind)).toEqual(['note', 'note']);
  });

  it('asks for a mapping that says something, and refuses empty files and broken quotes', () => {
    expect(() => importGenericCsv('a,b\n1,2\n', {})).toThrow(/Choose which column/);
    expect(() => parseCsv('  \n')).toThrow(/empty/);
    expect(() => parseCsv('a,b\n"1,2\n')).toThrow(/malformed/);
    expect(parseCsv('a,b\n1\n').rows).toEqual([['1', '']]);
  });
});
