// Changes that several stores show at once: read, star, dismiss and tags (the list row, the open entry and the rail's counts agree at once).
import { wiseApi } from '../api';
import { useEntriesStore } from './entries.store';
import { useFeedsStore } from './feeds.store';
import { useReaderStore } from './reader.store';

interface Known {
  id: string;
  feedId: string | null;
  read: boolean;
}

/** The entries as the list or the reader knows them (for the counts' arithmetic). */
function known(ids: string[]): Known[] {
  const reader = useReaderStore();
  const rows = useEntriesStore().items;
  return ids.map((id) => rows.find((e) => e.id === id) ?? (reader.entry?.id === id ? reader.entry : null)).filter((e): e is NonNullable<typeof e> => !!e);
}

export async function setRead(ids: string[], read: boolean): Promise<void> {
  if (!ids.length) return;
  const before = known(ids).filter((e) => e.read !== read);
  useEntriesStore().patch(ids, { read });
  useReaderStore().patch(ids, { read });
  for (const e of before) useFeedsStore().adjustUnread(e.feedId, read ? -1 : 1);
  try {
    await wiseApi().entries.mark.mutate({ ids, read });
  } catch (err) {
    // Put it back as it was.
    useEntriesStore().patch(before.map((e) => e.id), { read: !read });
    useReaderStore().patch(before.map((e) => e.id), { read: !read });
    for (const e of before) useFeedsStore().adjustUnread(e.feedId, read ? 1 : -1);
    throw err;
  }
}

export async function setStarred(ids: string[], starred: boolean): Promise<void> {
  if (!ids.length) return;
  useEntriesStore().patch(ids, { starred });
  useReaderStore().patch(ids, { starred });
  try {
    await wiseApi().entries.mark.mutate({ ids, starred });
  } catch (err) {
    useEntriesStore().patch(ids, { starred: !starred });
    useReaderStore().patch(ids, { starred: !starred });
    throw err;
  }
}

/** "Not interested": out of For you, and counted against similar items. */
export async function dismiss(id: string): Promise<void> {
  await wiseApi().entries.mark.mutate({ ids: [id], dismissed: true });
  useEntriesStore().drop([id]);
  if (useReaderStore().entry?.id === id) useReaderStore().close();
}

export async function setTags(id: string, tags: string[]): Promise<void> {
  await wiseApi().entries.tags.mutate({ id, tags });
  useEntriesStore().patch([id], { tags });
  useReaderStore().patch([id], { tags });
  // The rail's tag list follows from the server (a tag on no entry any more drops out).
  void useFeedsStore().loadTags();
}

/** Removes a saved article or document from the library. */
export async function removeFromLibrary(id: string): Promise<void> {
  await wiseApi().library.remove.mutate({ id });
  useEntriesStore().drop([id]);
  if (useReaderStore().entry?.id === id) useReaderStore().close();
}

/** Marks everything in the list's scope read, up to when the list loaded. */
export async function markAllRead(scope: { feedId?: string; folderId?: string }): Promise<number> {
  const entries = useEntriesStore();
  const { count } = await wiseApi().entries.markAllRead.mutate({ ...scope, before: entries.loadedAt });
  await Promise.all([useFeedsStore().load(), entries.load()]);
  return count;
}
