// Listing order: folders first, then natural order (Intl.Collator, numeric) by name, size, date or type; a total order, so pages never overlap.
import { extensionOf } from './mime';
import type { EntryKind, SortKey } from './files.types';

/** One name in a folder as read from the directory, with its stats once they were needed. */
export interface Item {
  name: string;
  kind: EntryKind;
  size?: number;
  mtime?: number;
}

export type Compare = (a: Item, b: Item) => number;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Natural order; names the collator finds equal (`a` and `A`) fall back to code points, so no two names tie. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

const isDir = (i: Item) => i.kind === 'dir';

/** The comparator for a sort: folders always first; `desc` reverses the order within folders and within files. */
export function comparator(sort: SortKey, desc: boolean): Compare {
  const sign = desc ? -1 : 1;
  let within: Compare;
  switch (sort) {
    case 'name':
      within = (a, b) => compareNames(a.name, b.name);
      break;
    case 'size':
      within = (a, b) => (a.size ?? 0) - (b.size ?? 0) || compareNames(a.name, b.name);
      break;
    case 'mtime':
      within = (a, b) => (a.mtime ?? 0) - (b.mtime ?? 0) || compareNames(a.name, b.name);
      break;
    case 'type':
      within = (a, b) => {
        if (isDir(a) && isDir(b)) return compareNames(a.name, b.name);
        return compareNames(extensionOf(a.name), extensionOf(b.name)) || compareNames(a.name, b.name);
      };
      break;
  }
  return (a, b) => {
    const da = isDir(a);
    if (da !== isDir(b)) return da ? -1 : 1;
    return sign * within(a, b);
  };
}

/**
 * The first `k` items in order (only those after `after`, when given), without sorting them all: a small
 * sorted array, binary-inserted. Most items cost one comparison with the worst one kept.
 */
export function topK(items: readonly Item[], k: number, cmp: Compare, after?: Item): Item[] {
  const best: Item[] = [];
  if (k <= 0) return best;
  for (const item of items) {
    if (best.length >= k && cmp(item, best[best.length - 1]!) >= 0) continue;
    if (after && cmp(item, after) <= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(item, best[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

/** A full sort that costs less on a folder's (hash-ordered) names: code-point order first, which the natural order mostly keeps, so the real sort finds long runs. */
export function sortAll(items: readonly Item[], cmp: Compare): Item[] {
  const out = [...items].sort((a, b) => {
    const da = isDir(a);
    if (da !== isDir(b)) return da ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return out.sort(cmp);
}
