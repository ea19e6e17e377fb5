// Which items the list shows: the rail's choice (kind, folder, tag, vault, trash…) and the search box, all in the browser.
import type { DecryptedItem, ItemKind, PlainItem } from '../core/types';

export type RailFilter =
  | { kind: 'all' }
  | { kind: 'favourites' }
  | { kind: 'type'; type: ItemKind }
  | { kind: 'folder'; path: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'vault'; vaultId: string }
  | { kind: 'trash' };

export const KINDS: ItemKind[] = ['login', 'note', 'card', 'identity', 'sshKey'];

/** A stable string for a filter (rail keys, test ids). */
export function filterKey(f: RailFilter): string {
  switch (f.kind) {
    case 'type':
      return `type:${f.type}`;
    case 'folder':
      return `folder:${f.path}`;
    case 'tag':
      return `tag:${f.tag}`;
    case 'vault':
      return `vault:${f.vaultId}`;
    default:
      return f.kind;
  }
}

/** True when the item belongs under the rail's choice (trashed items only under Trash). */
export function inFilter(d: DecryptedItem, f: RailFilter): boolean {
  if (f.kind === 'trash') return d.deletedAt !== null;
  if (d.deletedAt !== null) return false;
  switch (f.kind) {
    case 'all':
      return true;
    case 'favourites':
      return d.item.favourite;
    case 'type':
      return d.item.kind === f.type;
    case 'folder':
      return d.item.folder === f.path || d.item.folder.startsWith(`${f.path}/`);
    case 'tag':
      return d.item.tags.includes(f.tag);
    case 'vault':
      return d.vaultId === f.vaultId;
  }
}

/** The words a search looks through: name, username, URLs, notes, tags (and a card's or identity's names). */
export function haystack(item: PlainItem): string {
  const parts = [item.name, item.notes, ...item.tags, item.folder];
  if (item.kind === 'login') parts.push(item.login.username, ...item.login.uris);
  if (item.kind === 'card') parts.push(item.card.cardholder, item.card.brand);
  if (item.kind === 'identity') parts.push(item.identity.firstName, item.identity.lastName, item.identity.email, item.identity.company, item.identity.username);
  return parts.join('\n').toLocaleLowerCase();
}

/** Every word of the query must appear somewhere (case-insensitive); an empty query matches all. */
export function matchesQuery(item: PlainItem, query: string): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const text = haystack(item);
  return words.every((w) => text.includes(w));
}

/** Favourites first, then by name in the user's language. */
export function sortItems(items: DecryptedItem[], locale?: string): DecryptedItem[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return [...items].sort((a, b) => Number(b.item.favourite) - Number(a.item.favourite) || collator.compare(a.item.name, b.item.name) || a.id.localeCompare(b.id));
}

export function visibleItems(items: DecryptedItem[], f: RailFilter, query: string, locale?: string): DecryptedItem[] {
  return sortItems(
    items.filter((d) => inFilter(d, f) && matchesQuery(d.item, query)),
    locale,
  );
}

/** Every folder path in use, its parents included ("Work/Servers" adds "Work"), sorted, with its depth. */
export function folderTree(items: DecryptedItem[]): { path: string; name: string; depth: number }[] {
  const paths = new Set<string>();
  for (const d of items) {
    if (d.deletedAt !== null || !d.item.folder) continue;
    const parts = d.item.folder.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join('/'));
  }
  return [...paths].sort((a, b) => a.localeCompare(b)).map((path) => {
    const parts = path.split('/');
    return { path, name: parts[parts.length - 1]!, depth: parts.length - 1 };
  });
}

export function allTags(items: DecryptedItem[]): string[] {
  const tags = new Set<string>();
  for (const d of items) if (d.deletedAt === null) d.item.tags.forEach((t) => tags.add(t));
  return [...tags].sort((a, b) => a.localeCompare(b));
}

/** How many live items each rail entry holds. */
export function countBy(items: DecryptedItem[], f: RailFilter): number {
  return items.reduce((n, d) => n + (inFilter(d, f) ? 1 : 0), 0);
}
