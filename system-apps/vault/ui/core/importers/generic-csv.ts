// Any password CSV (browsers, other managers): a guessed, editable mapping from columns to fields, then logins (or notes) from the rows.
import { newItem } from '../items';
import { VaultError, type PlainItem } from '../types';
import type { ImportResult } from './bitwarden-json';
import { parseCsv, type CsvTable } from './csv';

export { parseCsv, type CsvTable } from './csv';

export const CSV_TARGETS = ['name', 'uri', 'username', 'password', 'notes', 'totp', 'folder', 'tags', 'favourite'] as const;
export type CsvTarget = (typeof CSV_TARGETS)[number];
/** For each field, the index of the column it comes from; unmapped columns are ignored. */
export type CsvMapping = Partial<Record<CsvTarget, number>>;

/** Header names (lower case, without spaces, dashes, underscores and dots) that usually mean each field. */
const GUESSES: Record<CsvTarget, string[]> = {
  name: ['name', 'title', 'account', 'accountname', 'site', 'sitename', 'item', 'itemname', 'entry', '名称', '标题'],
  uri: ['url', 'uri', 'website', 'web', 'site url', 'loginuri', 'address', 'webaddress', 'link', 'hostname', 'origin', '网址'],
  username: ['username', 'user', 'login', 'loginname', 'email', 'emailaddress', 'userid', 'loginusername', 'account login', '用户名'],
  password: ['password', 'pass', 'pwd', 'passwd', 'loginpassword', 'secret', '密码'],
  notes: ['notes', 'note', 'extra', 'comment', 'comments', 'description', 'remarks', '备注'],
  totp: ['totp', 'otp', 'otpauth', 'onetimepassword', 'authenticator', 'authenticatorkey', 'twofactor', '2fa', 'mfa', 'logintotp'],
  folder: ['folder', 'grouping', 'group', 'category', 'path', 'collection', '文件夹'],
  tags: ['tags', 'tag', 'labels', 'label', '标签'],
  favourite: ['favourite', 'favorite', 'fav', 'starred', 'star', 'pinned', '收藏'],
};

const squash = (h: string) => h.toLowerCase().replace(/[\s_\-.]/g, '');

/** Each field → the first column whose header usually means it (each column used once). */
export function guessCsvMapping(headers: string[]): CsvMapping {
  const mapping: CsvMapping = {};
  const used = new Set<number>();
  const heads = headers.map(squash);
  for (const target of CSV_TARGETS) {
    const names = GUESSES[target].map(squash);
    const i = heads.findIndex((h, i) => !used.has(i) && names.includes(h));
    if (i >= 0) {
      mapping[target] = i;
      used.add(i);
    }
  }
  return mapping;
}

/** Alias under the name the design notes use. */
export const guessMapping = guessCsvMapping;

const TRUE = new Set(['1', 'true', 'yes', 'y', 'x', '✓', '是']);

/** Items from the rows under `mapping`: a login when a username, password, address or TOTP is mapped and set, else a note. */
export function applyMapping(table: CsvTable, mapping: CsvMapping): ImportResult {
  if (mapping.name === undefined && mapping.uri === undefined && mapping.username === undefined && mapping.password === undefined && mapping.notes === undefined) {
    throw new VaultError('badImport', 'Choose which column holds the name, address, username, password or notes.');
  }
  const warnings: string[] = [];
  const items: PlainItem[] = [];
  let skipped = 0;
  for (const row of table.rows) {
    const get = (t: CsvTarget) => (mapping[t] === undefined ? '' : (row[mapping[t]!] ?? '').trim());
    const [username, password, uri, totp] = [get('username'), get('password'), get('uri'), get('totp')];
    const notes = mapping.notes === undefined ? '' : (row[mapping.notes] ?? '');
    if (!get('name') && !username && !password && !uri && !notes.trim() && !totp) {
      skipped++;
      continue;
    }
    let item: PlainItem;
    if (username || password || uri || totp) {
      const it = newItem('login');
      it.login = { username, password, totp, uris: uri ? [uri] : [] };
      item = it;
    } else item = newItem('note');
    item.name = get('name') || hostOf(uri) || username || 'Imported item';
    item.notes = notes;
    item.folder = get('folder');
    item.tags = get('tags')
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter(Boolean);
    item.favourite = TRUE.has(get('favourite').toLowerCase());
    items.push(item);
  }
  if (skipped) warnings.push(`${skipped} empty row${skipped > 1 ? 's were' : ' was'} skipped.`);
  return { items, warnings };
}

function hostOf(uri: string): string {
  try {
    return new URL(uri.includes('://') ? uri : `https://${uri}`).hostname;
  } catch (_e) {
    return '';
  }
}

/** parseCsv, then applyMapping. */
export function importGenericCsv(text: string, mapping: CsvMapping): ImportResult {
  return applyMapping(parseCsv(text), mapping);
}
