// The list's filters and search: rail choices, trash apart, every word must match, folders with their parents.
import { describe, expect, it } from 'vitest';
import { allTags, countBy, folderTree, inFilter, matchesQuery, visibleItems } from './filter';
import { decrypted, login, note } from './fixtures';

const mail = decrypted(login('Mail', { username: 'alice@example.com', uris: ['https://mail.example.com'], tags: ['work'], folder: 'Work/Email', favourite: true }));
const bank = decrypted(login('Bank', { username: 'alice', notes: 'PIN in the safe', tags: ['money'] }), { vaultId: 'v2' });
const diary = decrypted(note('Diary', { folder: 'Personal' }));
const gone = decrypted(note('Old'), { deletedAt: 5 });
const all = [mail, bank, diary, gone];

describe('filters', () => {
  it('keeps trashed items under Trash only', () => {
    expect(inFilter(gone, { kind: 'all' })).toBe(false);
    expect(inFilter(gone, { kind: 'trash' })).toBe(true);
    expect(inFilter(mail, { kind: 'trash' })).toBe(false);
  });
  it('filters by kind, favourite, folder (with subfolders), tag and vault', () => {
    expect(visibleItems(all, { kind: 'type', type: 'note' }, '').map((d) => d.item.name)).toEqual(['Diary']);
    expect(visibleItems(all, { kind: 'favourites' }, '').map((d) => d.item.name)).toEqual(['Mail']);
    expect(visibleItems(all, { kind: 'folder', path: 'Work' }, '').map((d) => d.item.name)).toEqual(['Mail']);
    expect(visibleItems(all, { kind: 'folder', path: 'Wor' }, '')).toEqual([]);
    expect(visibleItems(all, { kind: 'tag', tag: 'money' }, '').map((d) => d.item.name)).toEqual(['Bank']);
    expect(visibleItems(all, { kind: 'vault', vaultId: 'v2' }, '').map((d) => d.item.name)).toEqual(['Bank']);
    expect(countBy(all, { kind: 'all' })).toBe(3);
  });
  it('lists favourites first, then by name', () => {
    expect(visibleItems(all, { kind: 'all' }, '').map((d) => d.item.name)).toEqual(['Mail', 'Bank', 'Diary']);
  });
});

describe('search', () => {
  it('looks through name, username, URLs, notes and tags, every word', () => {
    expect(matchesQuery(mail.item, 'MAIL.example')).toBe(true);
    expect(matchesQuery(bank.item, 'pin safe')).toBe(true);
    expect(matchesQuery(bank.item, 'pin mail')).toBe(false);
    expect(matchesQuery(mail.item, 'work')).toBe(true);
    expect(matchesQuery(mail.item, '  ')).toBe(true);
  });
});

describe('folders and tags', () => {
  it('adds parent folders and sorts', () => {
    expect(folderTree(all)).toEqual([
      { path: 'Personal', name: 'Personal', depth: 0 },
      { path: 'Work', name: 'Work', depth: 0 },
      { path: 'Work/Email', name: 'Email', depth: 1 },
    ]);
    expect(allTags(all)).toEqual(['money', 'work']);
  });
});
