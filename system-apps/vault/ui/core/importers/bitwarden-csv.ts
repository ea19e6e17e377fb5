// Reads Bitwarden's CSV export (folder, favorite, type, name, notes, fields, reprompt, login_uri, login_username, login_password, login_totp).
import { newItem } from '../items';
import { VaultError, type CustomField, type PlainItem } from '../types';
import type { ImportResult } from './bitwarden-json';
import { cell, parseCsv } from './csv';

export const BITWARDEN_CSV_COLUMNS = ['folder', 'favorite', 'type', 'name', 'notes', 'fields', 'reprompt', 'login_uri', 'login_username', 'login_password', 'login_totp'] as const;
const REQUIRED = ['type', 'name', 'login_uri', 'login_username', 'login_password'];

/** "name: value" per line; a line without ": " is a field with that name and no value. */
function fieldsOf(text: string): CustomField[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((line) => {
      const at = line.indexOf(': ');
      return at < 0 ? { name: line, value: '', type: 'text' as const } : { name: line.slice(0, at), value: line.slice(at + 2), type: 'text' as const };
    });
}

export function importBitwardenCsv(text: string): ImportResult {
  const table = parseCsv(text);
  const missing = REQUIRED.filter((c) => !table.headers.includes(c));
  if (missing.length) throw new VaultError('badImport', `This is not a Bitwarden CSV export: the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`);
  const warnings: string[] = [];
  const items: PlainItem[] = [];
  table.rows.forEach((row, n) => {
    const get = (c: string) => cell(table, row, c);
    const type = get('type').trim().toLowerCase();
    const label = get('name') ? `“${get('name')}”` : `on row ${n + 2}`;
    let item: PlainItem;
    if (type === 'login' || type === '') {
      const it = newItem('login');
      it.login = {
        username: get('login_username'),
        password: get('login_password'),
        totp: get('login_totp'),
        uris: get('login_uri')
          .split(/[,\n]/)
          .map((u) => u.trim())
          .filter(Boolean),
      };
      item = it;
    } else if (type === 'note') {
      item = newItem('note');
    } else {
      warnings.push(`Item ${label} has the type “${type}”, which a Bitwarden CSV cannot hold; skipped.`);
      return;
    }
    item.name = get('name');
    item.notes = get('notes');
    item.folder = get('folder');
    item.favourite = get('favorite').trim() === '1' || get('favorite').trim().toLowerCase() === 'true';
    item.fields = fieldsOf(get('fields'));
    items.push(item);
  });
  return { items, warnings };
}
