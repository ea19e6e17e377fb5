// What the entry list shows (For you, All, Unread, Starred, Saved, a feed, a folder, a tag, search results), as data the rail, the list and the store share.
import type { z } from 'zod';
import type { EntryListItem, ForYouItem, Inputs, SearchHit } from '../../shared/wire';

export type WiseView =
  | { kind: 'forYou' }
  | { kind: 'all' }
  | { kind: 'unread' }
  | { kind: 'starred' }
  | { kind: 'saved' }
  | { kind: 'feed'; feedId: string }
  | { kind: 'folder'; folderId: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'search'; q: string };

/** A row of the list: an entry, with For you's reasons or search's marked title and snippet when it came from there. */
export type ListItem = EntryListItem & Partial<Pick<ForYouItem, 'reasons' | 'score'>> & Partial<Pick<SearchHit, 'titleHtml' | 'snippetHtml'>>;

export function viewKey(v: WiseView): string {
  switch (v.kind) {
    case 'feed':
      return `feed:${v.feedId}`;
    case 'folder':
      return `folder:${v.folderId}`;
    case 'tag':
      return `tag:${v.tag}`;
    case 'search':
      return `search:${v.q}`;
    default:
      return v.kind;
  }
}

export function sameView(a: WiseView, b: WiseView): boolean {
  return viewKey(a) === viewKey(b);
}

/** The entries.list input for a paged view; null for For you and search, which answer in one go. */
export function listInput(v: WiseView, cursor?: string, limit = 50): z.input<typeof Inputs.listEntries> | null {
  const base = { limit, ...(cursor ? { cursor } : {}) };
  switch (v.kind) {
    case 'all':
    case 'unread':
    case 'starred':
    case 'saved':
      return { view: v.kind, ...base };
    case 'feed':
      return { view: 'feed', feedId: v.feedId, ...base };
    case 'folder':
      return { view: 'folder', folderId: v.folderId, ...base };
    case 'tag':
      return { view: 'tag', tag: v.tag, ...base };
    default:
      return null;
  }
}

/** Whether new items of a feed (in `folderId`) belong in the view: the "N new items" chip counts them. */
export function viewTakesFeed(v: WiseView, feedId: string, folderId: string | null): boolean {
  if (v.kind === 'all' || v.kind === 'unread' || v.kind === 'forYou') return true;
  if (v.kind === 'feed') return v.feedId === feedId;
  if (v.kind === 'folder') return v.folderId === folderId;
  return false;
}

/** Views where "Mark all as read" makes sense, and its scope. */
export function markAllScope(v: WiseView): { feedId?: string; folderId?: string } | null {
  if (v.kind === 'all' || v.kind === 'unread') return {};
  if (v.kind === 'feed') return { feedId: v.feedId };
  if (v.kind === 'folder') return { folderId: v.folderId };
  return null;
}
