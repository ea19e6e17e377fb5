// Writes items as Bitwarden's unencrypted JSON export, which Bitwarden (and Vault's own Bitwarden importer) reads back.
import type { PlainItem } from '../types';

const FIELD_TYPE = { text: 0, hidden: 1, boolean: 2 } as const;
const iso = (ms: number) => new Date(ms).toISOString();
const orNull = (s: string) => (s === '' ? null : s);

/** Item kinds as Bitwarden numbers them. */
export const BW_TYPE = { login: 1, note: 2, card: 3, identity: 4, sshKey: 5 } as const;

/**
 * Bitwarden JSON (`encrypted: false`). Folders by path ("Work/Servers" is how Bitwarden nests too).
 * Attachments are left out (Bitwarden's JSON export has none either). Tags, which Bitwarden lacks,
 * go into a `tags` property that Bitwarden ignores and Vault reads back.
 */
export function exportBitwarden(items: PlainItem[], now = Date.now()): string {
  const folderIds = new Map<string, string>();
  for (const item of items) if (item.folder && !folderIds.has(item.folder)) folderIds.set(item.folder, crypto.randomUUID());
  const out = {
    encrypted: false,
    folders: [...folderIds].map(([name, id]) => ({ id, name })),
    items: items.map((item) => {
      const bw: Record<string, unknown> = {
        id: crypto.randomUUID(),
        organizationId: null,
        folderId: item.folder ? folderIds.get(item.folder) : null,
        type: BW_TYPE[item.kind],
        reprompt: 0,
        name: item.name,
        notes: orNull(item.notes),
        favorite: item.favourite,
        fields: item.fields.map((f) => ({ name: f.name, value: f.value, type: FIELD_TYPE[f.type], linkedId: null })),
        passwordHistory: item.passwordHistory.length ? item.passwordHistory.map((h) => ({ lastUsedDate: iso(h.changedAt), password: h.password })) : null,
        revisionDate: iso(now),
        creationDate: iso(now),
        deletedDate: null,
        collectionIds: null,
      };
      if (item.tags.length) bw.tags = item.tags;
      switch (item.kind) {
        case 'login':
          bw.login = {
            fido2Credentials: [],
            uris: item.login.uris.map((uri) => ({ match: null, uri })),
            username: orNull(item.login.username),
            password: orNull(item.login.password),
            totp: orNull(item.login.totp),
          };
          break;
        case 'note':
          bw.secureNote = { type: 0 };
          break;
        case 'card': {
          const c = item.card;
          bw.card = { cardholderName: orNull(c.cardholder), brand: orNull(c.brand), number: orNull(c.number), expMonth: orNull(c.expMonth), expYear: orNull(c.expYear), code: orNull(c.code) };
          break;
        }
        case 'identity': {
          const i = item.identity;
          bw.identity = {
            title: orNull(i.title),
            firstName: orNull(i.firstName),
            middleName: orNull(i.middleName),
            lastName: orNull(i.lastName),
            address1: orNull(i.address1),
            address2: orNull(i.address2),
            address3: null,
            city: orNull(i.city),
            state: orNull(i.state),
            postalCode: orNull(i.postalCode),
            country: orNull(i.country),
            company: orNull(i.company),
            email: orNull(i.email),
            phone: orNull(i.phone),
            ssn: orNull(i.ssn),
            username: orNull(i.username),
            passportNumber: orNull(i.passport),
            licenseNumber: orNull(i.license),
          };
          break;
        }
        case 'sshKey':
          bw.sshKey = { privateKey: item.sshKey.privateKey, publicKey: item.sshKey.publicKey, keyFingerprint: item.sshKey.fingerprint };
          break;
      }
      return bw;
    }),
  };
  return JSON.stringify(out, null, 2);
}
