// Plain items for the UI's unit tests, built without the core (whose newItem the app uses).
import type { DecryptedItem, PlainItem } from '../core/types';

const base = { notes: '', favourite: false, folder: '', tags: [], fields: [], attachments: [], passwordHistory: [] };

export function login(name: string, over: Partial<PlainItem> & { username?: string; password?: string; uris?: string[] } = {}): PlainItem {
  const { username = '', password = '', uris = [], ...rest } = over;
  return { ...base, name, kind: 'login', login: { username, password, uris, totp: '' }, ...rest } as PlainItem;
}

export function note(name: string, over: Partial<PlainItem> = {}): PlainItem {
  return { ...base, name, kind: 'note', ...over } as PlainItem;
}

let n = 0;
export function decrypted(item: PlainItem, over: Partial<DecryptedItem> = {}): DecryptedItem {
  n++;
  return { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, vaultId: 'v1', revision: 1, keyVersion: 1, createdAt: 0, updatedAt: 0, deletedAt: null, item, ...over };
}
