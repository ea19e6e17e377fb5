// Reads Bitwarden's unencrypted JSON export (folders, the five item kinds, custom fields, TOTP, password history) into plain items.
import { newItem } from '../items';
import { VaultError, type CustomField, type PlainItem } from '../types';

export interface ImportResult {
  items: PlainItem[];
  warnings: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const sub = (o: Obj, key: string): Obj => (isObj(o[key]) ? (o[key] as Obj) : {});

function fieldOf(f: Obj): CustomField {
  const type = f.type === 1 ? 'hidden' : f.type === 2 ? 'boolean' : 'text';
  return { name: s(f.name), value: s(f.value), type };
}

function time(v: unknown): number {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : 0;
}

/** Bitwarden JSON text → items; an encrypted or malformed export → VaultError('badImport'). */
export function importBitwardenJson(text: string): ImportResult {
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (_e) {
    throw new VaultError('badImport', 'This file is not JSON. Choose the .json file from Bitwarden’s “Export vault” (format .json).');
  }
  if (!isObj(root)) throw new VaultError('badImport', 'This JSON is not a Bitwarden export.');
  if (root.encrypted === true) {
    throw new VaultError(
      'badImport',
      'This is an encrypted Bitwarden export, which only Bitwarden can open. Export again choosing the unencrypted .json format, or use an Olares Vault backup.',
    );
  }
  if (!Array.isArray(root.items)) throw new VaultError('badImport', 'This JSON is not a Bitwarden export (it has no "items" list).');
  const folders = new Map<string, string>();
  if (Array.isArray(root.folders)) for (const f of root.folders) if (isObj(f) && typeof f.id === 'string') folders.set(f.id, s(f.name));
  const warnings: string[] = [];
  const items: PlainItem[] = [];
  root.items.forEach((raw, n) => {
    const label = isObj(raw) && typeof raw.name === 'string' && raw.name ? `“${raw.name}”` : `number ${n + 1}`;
    if (!isObj(raw)) {
      warnings.push(`Item ${label} is not an object; skipped.`);
      return;
    }
    let item: PlainItem;
    switch (raw.type) {
      case 1: {
        const l = sub(raw, 'login');
        const it = newItem('login');
        it.login.username = s(l.username);
        it.login.password = s(l.password);
        it.login.totp = s(l.totp);
        it.login.uris = Array.isArray(l.uris) ? l.uris.filter(isObj).map((u) => s(u.uri)).filter(Boolean) : [];
        if (Array.isArray(l.fido2Credentials) && l.fido2Credentials.length) warnings.push(`Item ${label}: its passkey was not imported.`);
        item = it;
        break;
      }
      case 2:
        item = newItem('note');
        break;
      case 3: {
        const c = sub(raw, 'card');
        const it = newItem('card');
        it.card = { cardholder: s(c.cardholderName), brand: s(c.brand), number: s(c.number), expMonth: s(c.expMonth), expYear: s(c.expYear), code: s(c.code) };
        item = it;
        break;
      }
      case 4: {
        const i = sub(raw, 'identity');
        const it = newItem('identity');
        const address2 = [s(i.address2), s(i.address3)].filter(Boolean).join(', ');
        it.identity = {
          title: s(i.title),
          firstName: s(i.firstName),
          middleName: s(i.middleName),
          lastName: s(i.lastName),
          email: s(i.email),
          phone: s(i.phone),
          company: s(i.company),
          address1: s(i.address1),
          address2,
          city: s(i.city),
          state: s(i.state),
          postalCode: s(i.postalCode),
          country: s(i.country),
          username: s(i.username),
          passport: s(i.passportNumber),
          license: s(i.licenseNumber),
          ssn: s(i.ssn),
        };
        item = it;
        break;
      }
      case 5: {
        const k = sub(raw, 'sshKey');
        const it = newItem('sshKey');
        it.sshKey = { privateKey: s(k.privateKey), publicKey: s(k.publicKey), fingerprint: s(k.keyFingerprint) };
        item = it;
        break;
      }
      default:
        warnings.push(`Item ${label} has a type Vault does not know (${s(raw.type) || 'none'}); skipped.`);
        return;
    }
    item.name = s(raw.name);
    item.notes = s(raw.notes);
    item.favourite = raw.favorite === true;
    item.folder = typeof raw.folderId === 'string' ? (folders.get(raw.folderId) ?? '') : '';
    if (Array.isArray(raw.tags)) item.tags = raw.tags.filter((t): t is string => typeof t === 'string');
    if (Array.isArray(raw.fields)) {
      item.fields = raw.fields.filter(isObj).map(fieldOf);
      if (raw.fields.some((f) => isObj(f) && f.type === 3)) warnings.push(`Item ${label}: a linked field was imported as text.`);
    }
    if (Array.isArray(raw.passwordHistory)) {
      item.passwordHistory = raw.passwordHistory
        .filter(isObj)
        .map((h) => ({ password: s(h.password), changedAt: time(h.lastUsedDate) }))
        .sort((a, b) => b.changedAt - a.changedAt)
        .slice(0, 20);
    }
    if (Array.isArray(raw.attachments) && raw.attachments.length) warnings.push(`Item ${label}: attachments are not part of a JSON export; add them again.`);
    if (isObj(raw) && typeof raw.deletedDate === 'string') warnings.push(`Item ${label} was in Bitwarden’s trash; imported as a live item.`);
    items.push(item);
  });
  if (Array.isArray(root.collections) && root.collections.length) warnings.push('Collections are not kept; their items were imported.');
  return { items, warnings };
}
