// Bitwarden CSV: logins and notes with folders, favourites, fields and several URIs; other files refused clearly.
import { describe, expect, it } from 'vitest';
import { importBitwardenCsv } from './bitwarden-csv';

const CSV = `\uFEFFfolder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp
Work,1,login,GitHub,"line 1
line 2","PIN: 1234
Recovery: a: b",0,"https://github.com,https://gist.github.com",octo,"pa""ss,word",JBSWY3DPEHPK3PXP
,,note,Wifi,password is 42,,0,,,,
,,card,Visa,,,0,,,,
`;

describe('Bitwarden CSV import', () => {
  it('reads logins and notes', () => {
    const { items, warnings } = importBitwardenCsv(CSV);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      kind: 'login',
      name: 'GitHub',
      folder: 'Work',
      favourite: true,
      notes: 'line 1\nline 2',
      fields: [
        { name: 'PIN', value: '1234', type: 'text' },
        { name: 'Recovery', value: 'a: b', type: 'text' },
      ],
      login: { username: 'octo', password: 'pa"ss,word', totp: 'JBSWY3DPEHPK3PXP', uris: ['https://github.com', 'https://gist.github.com'] },
    });
    expect(items[1]).toMatchObject({ kind: 'note', name: 'Wifi', notes: 'password is 42', favourite: false, folder: '' });
    expect(warnings).toEqual(['Item “Visa” has the type “card”, which a Bitwarden CSV cannot hold; skipped.']);
  });

  it('refuses a CSV that is not Bitwarden’s, an empty file and a broken quote', () => {
    expect(() => importBitwardenCsv('name,url,username,password\na,b,c,d\n')).toThrow(/not a Bitwarden CSV export.*type, login_uri, login_username, login_password are missing/);
    expect(() => importBitwardenCsv('')).toThrow(/empty/);
    expect(() => importBitwardenCsv('folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n,,login,"broken,,,,,,,,,\n')).toThrow(/malformed/);
  });
});
