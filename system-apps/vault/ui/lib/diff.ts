// Two versions of an item side by side, field by field (the conflict dialog shows only what differs).
import type { PlainItem } from '../core/types';

export interface FieldDiff {
  /** A message key under vault.field (`login.password`) or, for custom fields, `custom:<name>`. */
  key: string;
  theirs: string;
  mine: string;
  /** Shown masked until revealed. */
  secret: boolean;
}

const SECRET = new Set(['login.password', 'login.totp', 'card.number', 'card.code', 'identity.ssn', 'identity.passport', 'sshKey.privateKey']);

/** An item as labelled strings, in the order the item pane shows them. */
export function flatten(item: PlainItem | null): Map<string, { value: string; secret: boolean }> {
  const out = new Map<string, { value: string; secret: boolean }>();
  if (!item) return out;
  const put = (key: string, value: string, secret = SECRET.has(key)) => out.set(key, { value, secret });
  put('name', item.name);
  put('kind', item.kind);
  if (item.kind === 'login') {
    put('login.username', item.login.username);
    put('login.password', item.login.password);
    put('login.uris', item.login.uris.join('\n'));
    put('login.totp', item.login.totp);
  }
  for (const [group, record] of [
    ['card', item.kind === 'card' ? item.card : null],
    ['identity', item.kind === 'identity' ? item.identity : null],
    ['sshKey', item.kind === 'sshKey' ? item.sshKey : null],
  ] as const) {
    if (record) for (const [k, v] of Object.entries(record)) put(`${group}.${k}`, v);
  }
  put('notes', item.notes);
  put('favourite', item.favourite ? '✓' : '');
  put('folder', item.folder);
  put('tags', item.tags.join(', '));
  for (const f of item.fields) put(`custom:${f.name}`, f.value, f.type === 'hidden');
  put('attachments', item.attachments.map((a) => a.name).join(', '));
  return out;
}

/** The fields whose values differ (a field only one side has counts, with '' on the other). */
export function diffItems(theirs: PlainItem | null, mine: PlainItem): FieldDiff[] {
  const a = flatten(theirs);
  const b = flatten(mine);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys
    .filter((k) => (a.get(k)?.value ?? '') !== (b.get(k)?.value ?? ''))
    .map((k) => ({ key: k, theirs: a.get(k)?.value ?? '', mine: b.get(k)?.value ?? '', secret: !!(a.get(k)?.secret || b.get(k)?.secret) }));
}
