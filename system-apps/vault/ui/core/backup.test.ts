// The encrypted backup: it round-trips with the password, and a wrong password, another file or a changed byte are told apart.
import { describe, expect, it } from 'vitest';
import { CIPHER_RE, DEFAULT_KDF } from '../../shared/wire';
import { createBackup, importBackup } from './backup';
import { newItem } from './items';

describe('backup', () => {
  it('round-trips items under the password, and refuses another password or a changed file', async () => {
    const a = newItem('login');
    a.name = 'Bank';
    a.login.password = 'marker-backup-pw';
    a.attachments = [{ id: 'x', name: 'f', size: 1, mime: 'text/plain', key: 'k' }];
    const b = newItem('note');
    b.notes = '秘密';
    const text = await createBackup([a, b], 'backup pass');
    expect(text).not.toContain('marker-backup-pw');
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'olares-vault-backup', version: 1, kdf: { ...DEFAULT_KDF } });
    expect(file.data).toMatch(CIPHER_RE);
    const back = await importBackup(text, 'backup pass');
    expect(back).toEqual([{ ...a, attachments: [] }, b]);
    await expect(importBackup(text, 'other pass')).rejects.toMatchObject({ code: 'wrongPassword' });
    const changed = JSON.stringify({ ...file, data: file.data.slice(0, -6) + (file.data.endsWith('AAAA==') ? 'BBBB==' : 'AAAA==') });
    await expect(importBackup(changed, 'backup pass')).rejects.toMatchObject({ code: 'wrongPassword' });
  });

  it('refuses files that are not backups, and weak KDF settings', async () => {
    await expect(importBackup('not json', 'x')).rejects.toMatchObject({ code: 'badImport' });
    await expect(importBackup('{"items":[]}', 'x')).rejects.toMatchObject({ code: 'badImport' });
    await expect(importBackup(JSON.stringify({ format: 'olares-vault-backup', version: 2 }), 'x')).rejects.toMatchObject({ code: 'badImport', message: expect.stringContaining('version 2') });
    const weak = { format: 'olares-vault-backup', version: 1, kdf: { alg: 'pbkdf2-sha256', iterations: 1000, salt: 'c2FsdHNhbHRzYWx0c2FsdA==' }, data: 'v1.AAAAAAAAAAAAAAAA.AAAA' };
    await expect(importBackup(JSON.stringify(weak), 'x')).rejects.toMatchObject({ code: 'badImport', message: expect.stringContaining('tooWeak') });
  });
});
