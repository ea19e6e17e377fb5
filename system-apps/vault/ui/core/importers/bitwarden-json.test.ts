// Bitwarden JSON: every kind and field read from an export written like Bitwarden's, encrypted and malformed files refused, and Vault's own export read back unchanged.
import { describe, expect, it } from 'vitest';
import { newItem } from '../items';
import type { PlainItem } from '../types';
import { importBitwardenJson } from './bitwarden-json';
import { exportBitwarden } from './export-bitwarden';

const EXPORT = {
  encrypted: false,
  folders: [{ id: 'f1', name: 'Work/Servers' }],
  items: [
    {
      id: 'a', organizationId: null, folderId: 'f1', type: 1, reprompt: 0, name: 'GitHub', notes: 'my notes', favorite: true,
      fields: [
        { name: 'PIN', value: '1234', type: 1, linkedId: null },
        { name: 'Recovery', value: 'abc', type: 0, linkedId: null },
        { name: 'Admin', value: 'true', type: 2, linkedId: null },
        { name: 'Linked', value: null, type: 3, linkedId: 100 },
      ],
      login: { uris: [{ match: null, uri: 'https://github.com' }, { match: 3, uri: 'https://gist.github.com' }], username: 'octo', password: 'hunter2', totp: 'otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP', fido2Credentials: [] },
      passwordHistory: [{ lastUsedDate: '2023-01-01T00:00:00.000Z', password: 'older' }, { lastUsedDate: '2024-01-01T00:00:00.000Z', password: 'old' }],
      revisionDate: '2024-02-01T00:00:00.000Z', creationDate: '2022-01-01T00:00:00.000Z', deletedDate: null,
    },
    { id: 'b', folderId: null, type: 2, name: 'Note', notes: 'secret note', favorite: false, secureNote: { type: 0 } },
    { id: 'c', folderId: null, type: 3, name: 'Visa', notes: null, favorite: false, card: { cardholderName: 'J Doe', brand: 'Visa', number: '4111111111111111', expMonth: '12', expYear: '2030', code: '123' } },
    {
      id: 'd', type: 4, name: 'Me', identity: {
        title: 'Mr', firstName: 'John', middleName: 'Q', lastName: 'Doe', address1: '1 Main St', address2: 'Apt 2', address3: 'Rear', city: 'Springfield', state: 'IL',
        postalCode: '62701', country: 'US', company: 'ACME', email: 'j@example.com', phone: '555', ssn: '000-00-0000', username: 'jdoe', passportNumber: 'P123', licenseNumber: 'L456',
      },
    },
    { id: 'e', type: 5, name: 'Server key', sshKey: { privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----', publicKey: 'ssh-ed25519 AAAA', keyFingerprint: 'SHA256:abc' } },
    { id: 'f', type: 9, name: 'Future kind' },
  ],
};

describe('Bitwarden JSON import', () => {
  it('reads every kind with folders, fields, favourites, URIs, TOTP and password history', () => {
    const { items, warnings } = importBitwardenJson(JSON.stringify(EXPORT));
    expect(items.map((i) => i.kind)).toEqual(['login', 'note', 'card', 'identity', 'sshKey']);
    const [login, note, card, identity, ssh] = items as [Extract<PlainItem, { kind: 'login' }>, PlainItem, Extract<PlainItem, { kind: 'card' }>, Extract<PlainItem, { kind: 'identity' }>, Extract<PlainItem, { kind: 'sshKey' }>];
    expect(login).toMatchObject({ name: 'GitHub', notes: 'my notes', favourite: true, folder: 'Work/Servers' });
    expect(login.login).toEqual({ username: 'octo', password: 'hunter2', totp: 'otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP', uris: ['https://github.com', 'https://gist.github.com'] });
    expect(login.fields).toEqual([
      { name: 'PIN', value: '1234', type: 'hidden' },
      { name: 'Recovery', value: 'abc', type: 'text' },
      { name: 'Admin', value: 'true', type: 'boolean' },
      { name: 'Linked', value: '', type: 'text' },
    ]);
    expect(login.passwordHistory).toEqual([
      { password: 'old', changedAt: Date.parse('2024-01-01T00:00:00.000Z') },
      { password: 'older', changedAt: Date.parse('2023-01-01T00:00:00.000Z') },
    ]);
    expect(note).toMatchObject({ name: 'Note', notes: 'secret note', folder: '' });
    expect(card.card).toEqual({ cardholder: 'J Doe', brand: 'Visa', number: '4111111111111111', expMonth: '12', expYear: '2030', code: '123' });
    expect(identity.identity).toMatchObject({ firstName: 'John', address2: 'Apt 2, Rear', passport: 'P123', license: 'L456', ssn: '000-00-0000' });
    expect(ssh.sshKey).toEqual({ privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----', publicKey: 'ssh-ed25519 AAAA', fingerprint: 'SHA256:abc' });
    expect(warnings.join('\n')).toMatch(/linked field/);
    expect(warnings.join('\n')).toMatch(/“Future kind”.*skipped/);
  });

  it('refuses an encrypted export, other JSON and non-JSON with a clear message', () => {
    expect(() => importBitwardenJson(JSON.stringify({ encrypted: true, encKeyValidation_DO_NOT_EDIT: 'x', items: [] }))).toThrow(/encrypted Bitwarden export.*unencrypted.*Olares Vault backup/);
    expect(() => importBitwardenJson('{"foo": 1}')).toThrow(/no "items" list/);
    expect(() => importBitwardenJson('name,password')).toThrow(/not JSON/);
    expect(() => importBitwardenJson('[1,2]')).toThrow(/not a Bitwarden export/);
    let caught: unknown;
    try {
      importBitwardenJson('[]');
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ name: 'VaultError', code: 'badImport' });
  });

  it('reads Vault’s own Bitwarden export back unchanged (attachments aside)', () => {
    const login = newItem('login');
    Object.assign(login, { name: 'L', notes: 'n', favourite: true, folder: 'A/B', tags: ['t1', 't2'], fields: [{ name: 'f', value: 'v', type: 'hidden' }, { name: 'b', value: 'false', type: 'boolean' }] });
    login.login = { username: 'u', password: 'p', uris: ['https://a', 'https://b'], totp: 'JBSWY3DPEHPK3PXP' };
    login.passwordHistory = [{ password: 'p0', changedAt: 1_700_000_000_000 }];
    const note = newItem('note');
    note.name = 'N';
    const card = newItem('card');
    card.card = { cardholder: 'c', brand: 'b', number: '4', expMonth: '1', expYear: '2031', code: '9' };
    const identity = newItem('identity');
    identity.identity = { ...identity.identity, title: 'Dr', firstName: 'F', lastName: 'L', email: 'e', passport: 'P', license: 'Li', ssn: 'S', address1: 'a1', address2: 'a2' };
    const ssh = newItem('sshKey');
    ssh.sshKey = { privateKey: 'priv', publicKey: 'pub', fingerprint: 'fp' };
    const all = [login, note, card, identity, ssh];
    const text = exportBitwarden(all);
    const parsed = JSON.parse(text);
    expect(parsed.encrypted).toBe(false);
    expect(parsed.folders).toEqual([{ id: expect.any(String), name: 'A/B' }]);
    const back = importBitwardenJson(text);
    expect(back.warnings).toEqual([]);
    expect(back.items).toEqual(all);
  });
});
