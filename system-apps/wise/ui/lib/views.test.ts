// Views: keys, the list input each sends, which take a feed's new items, and where "mark all read" applies.
import { describe, expect, it } from 'vitest';
import { listInput, markAllScope, sameView, viewKey, viewTakesFeed } from './views';

describe('views', () => {
  it('keys and compares', () => {
    expect(viewKey({ kind: 'feed', feedId: 'f' })).toBe('feed:f');
    expect(sameView({ kind: 'tag', tag: 'a' }, { kind: 'tag', tag: 'a' })).toBe(true);
    expect(sameView({ kind: 'all' }, { kind: 'unread' })).toBe(false);
  });
  it('builds list inputs with cursors; none for For you and search', () => {
    expect(listInput({ kind: 'unread' })).toEqual({ view: 'unread', limit: 50 });
    expect(listInput({ kind: 'folder', folderId: 'x' }, 'c1', 20)).toEqual({ view: 'folder', folderId: 'x', limit: 20, cursor: 'c1' });
    expect(listInput({ kind: 'forYou' })).toBeNull();
    expect(listInput({ kind: 'search', q: 'q' })).toBeNull();
  });
  it('knows which views take a feed’s new items and where mark-all applies', () => {
    expect(viewTakesFeed({ kind: 'all' }, 'f', null)).toBe(true);
    expect(viewTakesFeed({ kind: 'feed', feedId: 'g' }, 'f', null)).toBe(false);
    expect(viewTakesFeed({ kind: 'folder', folderId: 'd' }, 'f', 'd')).toBe(true);
    expect(viewTakesFeed({ kind: 'starred' }, 'f', null)).toBe(false);
    expect(markAllScope({ kind: 'feed', feedId: 'f' })).toEqual({ feedId: 'f' });
    expect(markAllScope({ kind: 'saved' })).toBeNull();
  });
});
