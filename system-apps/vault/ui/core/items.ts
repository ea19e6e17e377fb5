// Plain items: an empty one of each kind, a tolerant reader for decrypted bodies (older or partial shapes get defaults), and password history.
import type { AttachmentRef, CustomField, ItemKind, PasswordChange, PlainItem } from './types';

export const ITEM_KINDS: readonly ItemKind[] = ['login', 'note', 'card', 'identity', 'sshKey'];
export const MAX_PASSWORD_HISTORY = 20;

const base = () => ({ name: '', notes: '', favourite: false, folder: '', tags: [] as string[], fields: [] as CustomField[], attachments: [] as AttachmentRef[], passwordHistory: [] as PasswordChange[] });

export const emptyIdentity = () => ({
  title: '',
  firstName: '',
  middleName: '',
  lastName: '',
  email: '',
  phone: '',
  company: '',
  address1: '',
  address2: '',
  city: '',
  state: '',
  postalCode: '',
  country: '',
  username: '',
  passport: '',
  license: '',
  ssn: '',
});

/** A new item of `kind` with every field empty. */
export function newItem(kind: 'login'): Extract<PlainItem, { kind: 'login' }>;
export function newItem(kind: 'note'): Extract<PlainItem, { kind: 'note' }>;
export function newItem(kind: 'card'): Extract<PlainItem, { kind: 'card' }>;
export function newItem(kind: 'identity'): Extract<PlainItem, { kind: 'identity' }>;
export function newItem(kind: 'sshKey'): Extract<PlainItem, { kind: 'sshKey' }>;
export function newItem(kind: ItemKind): PlainItem;
export function newItem(kind: ItemKind): PlainItem {
  switch (kind) {
    case 'login':
      return { kind, ...base(), login: { username: '', password: '', uris: [], totp: '' } };
    case 'note':
      return { kind, ...base() };
    case 'card':
      return { kind, ...base(), card: { cardholder: '', brand: '', number: '', expMonth: '', expYear: '', code: '' } };
    case 'identity':
      return { kind, ...base(), identity: emptyIdentity() };
    case 'sshKey':
      return { kind, ...base(), sshKey: { privateKey: '', publicKey: '', fingerprint: '' } };
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The string fields of `template` read from `value`, missing ones empty. */
function strFields<T extends Record<string, string>>(template: T, value: unknown): T {
  const src = isObj(value) ? value : {};
  const out = { ...template };
  for (const k of Object.keys(template) as (keyof T)[]) out[k] = str(src[k as string]) as T[keyof T];
  return out;
}

function fields(v: unknown): CustomField[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).map((f) => ({ name: str(f.name), value: str(f.value), type: f.type === 'hidden' || f.type === 'boolean' ? f.type : 'text' }));
}

function attachments(v: unknown): AttachmentRef[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter(isObj)
    .filter((a) => typeof a.id === 'string' && typeof a.key === 'string')
    .map((a) => ({ id: str(a.id), name: str(a.name), size: typeof a.size === 'number' ? a.size : 0, mime: str(a.mime) || 'application/octet-stream', key: str(a.key) }));
}

function history(v: unknown): PasswordChange[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter(isObj)
    .map((h) => ({ password: str(h.password), changedAt: typeof h.changedAt === 'number' ? h.changedAt : 0 }))
    .slice(0, MAX_PASSWORD_HISTORY);
}

/**
 * Reads a decrypted body into a well-formed PlainItem: unknown kinds are refused (throws), missing or
 * mistyped fields get their empty value, unknown fields are dropped.
 */
export function normalizeItem(value: unknown): PlainItem {
  if (!isObj(value) || typeof value.kind !== 'string' || !ITEM_KINDS.includes(value.kind as ItemKind)) throw new Error('not a Vault item');
  const kind = value.kind as ItemKind;
  const item = newItem(kind);
  item.name = str(value.name);
  item.notes = str(value.notes);
  item.favourite = value.favourite === true;
  item.folder = str(value.folder);
  item.tags = strs(value.tags);
  item.fields = fields(value.fields);
  item.attachments = attachments(value.attachments);
  item.passwordHistory = history(value.passwordHistory);
  switch (item.kind) {
    case 'login': {
      const l = isObj(value.login) ? value.login : {};
      item.login = { username: str(l.username), password: str(l.password), uris: strs(l.uris), totp: str(l.totp) };
      break;
    }
    case 'card':
      item.card = strFields(item.card, value.card);
      break;
    case 'identity':
      item.identity = strFields(item.identity, value.identity);
      break;
    case 'sshKey':
      item.sshKey = strFields(item.sshKey, value.sshKey);
      break;
    case 'note':
      break;
  }
  return item;
}

/** A deep copy (items are plain JSON). */
export function cloneItem<T extends PlainItem>(item: T): T {
  return JSON.parse(JSON.stringify(item)) as T;
}

/**
 * When a login's password changes, the old one goes to the top of its history (newest first, kept to
 * 20), unless the caller already put it there.
 */
export function withPasswordHistory(before: PlainItem, after: PlainItem, now = Date.now()): PlainItem {
  if (before.kind !== 'login' || after.kind !== 'login') return after;
  const old = before.login.password;
  if (!old || old === after.login.password) return after;
  if (after.passwordHistory[0]?.password === old) return after;
  return { ...after, passwordHistory: [{ password: old, changedAt: now }, ...after.passwordHistory].slice(0, MAX_PASSWORD_HISTORY) };
}

/** The text a search looks through: name, folder, tags, usernames, URIs, notes and non-hidden fields (never passwords). */
export function searchText(item: PlainItem): string {
  const parts = [item.name, item.folder, item.notes, ...item.tags, ...item.fields.filter((f) => f.type !== 'hidden').map((f) => `${f.name} ${f.value}`)];
  if (item.kind === 'login') parts.push(item.login.username, ...item.login.uris);
  if (item.kind === 'card') parts.push(item.card.cardholder, item.card.brand);
  if (item.kind === 'identity') parts.push(item.identity.firstName, item.identity.lastName, item.identity.email, item.identity.company);
  return parts.join('\n').toLowerCase();
}
