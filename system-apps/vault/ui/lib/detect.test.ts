// Import format detection: backups by their marker, Bitwarden CSV by its columns, other CSV as generic.
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect';

describe('detectFormat', () => {
  it('tells the formats apart', () => {
    expect(detectFormat('x.json', '{"format":"olares-vault-backup","version":1}')).toBe('backup');
    expect(detectFormat('x.json', '{"encrypted":false,"items":[]}')).toBe('bitwardenJson');
    expect(detectFormat('bw.csv', '\uFEFFfolder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n')).toBe('bitwardenCsv');
    expect(detectFormat('chrome.csv', 'name,url,username,password\n')).toBe('genericCsv');
  });
});
