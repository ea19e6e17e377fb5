// Subscriptions and folders with their unread counts (the rail), the caller's tags (from the server, plus any seen on entries since), and every change to them through the `wise` router.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { z } from 'zod';
import type { FeedView, FolderView, Inputs, OpmlImportResult } from '../../shared/wire';
import { wiseApi } from '../api';

const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' });

export const useFeedsStore = defineStore('wise-feeds', () => {
  const feeds = shallowRef<FeedView[]>([]);
  const folders = shallowRef<FolderView[]>([]);
  const loaded = ref(false);
  const error = shallowRef<unknown>(null);
  /** The caller's tags (the rail lists them): the server's list, plus any seen on entries since it loaded. */
  const tags = ref<string[]>([]);
  /** How many entries carry each tag, as the server last counted. */
  const tagCounts = shallowRef<Map<string, number>>(new Map());
  let loading: Promise<void> | null = null;
  let tagsAsked = 0;

  const byId = computed(() => new Map(feeds.value.map((f) => [f.id, f])));
  const sortedFolders = computed(() => [...folders.value].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })));
  const loose = computed(() => feeds.value.filter((f) => !f.folderId || !folders.value.some((d) => d.id === f.folderId)).sort(byTitle));
  const unreadTotal = computed(() => feeds.value.reduce((n, f) => n + f.unread, 0));
  const inFolder = (folderId: string) => feeds.value.filter((f) => f.folderId === folderId).sort(byTitle);
  const folderUnread = (folderId: string) => inFolder(folderId).reduce((n, f) => n + f.unread, 0);

  async function load(): Promise<void> {
    // Calls that overlap share one answer; a call after it starts a new one.
    loading ??= (async () => {
      try {
        const res = await wiseApi().feeds.list.query();
        feeds.value = res.feeds;
        folders.value = res.folders;
        error.value = null;
      } catch (err) {
        error.value = err;
      } finally {
        loaded.value = true;
        loading = null;
      }
    })();
    return loading;
  }

  function put(feed: FeedView): void {
    feeds.value = feeds.value.some((f) => f.id === feed.id) ? feeds.value.map((f) => (f.id === feed.id ? feed : f)) : [...feeds.value, feed];
  }

  async function subscribe(input: z.input<typeof Inputs.subscribe>): Promise<FeedView> {
    const feed = await wiseApi().feeds.subscribe.mutate(input);
    put(feed);
    return feed;
  }

  async function update(input: z.input<typeof Inputs.updateFeed>): Promise<FeedView> {
    const feed = await wiseApi().feeds.update.mutate(input);
    put(feed);
    return feed;
  }

  async function unsubscribe(feedId: string): Promise<void> {
    await wiseApi().feeds.unsubscribe.mutate({ feedId });
    feeds.value = feeds.value.filter((f) => f.id !== feedId);
  }

  async function refresh(feedId?: string): Promise<number> {
    const { queued } = await wiseApi().feeds.refresh.mutate(feedId ? { feedId } : {});
    return queued;
  }

  async function createFolder(name: string): Promise<FolderView> {
    const folder = await wiseApi().folders.create.mutate({ name });
    folders.value = [...folders.value, folder];
    return folder;
  }

  async function renameFolder(folderId: string, name: string): Promise<void> {
    const folder = await wiseApi().folders.rename.mutate({ folderId, name });
    folders.value = folders.value.map((d) => (d.id === folderId ? folder : d));
  }

  async function deleteFolder(folderId: string): Promise<void> {
    await wiseApi().folders.delete.mutate({ folderId });
    folders.value = folders.value.filter((d) => d.id !== folderId);
    feeds.value = feeds.value.map((f) => (f.folderId === folderId ? { ...f, folderId: null } : f));
  }

  async function importOpml(opml: string): Promise<OpmlImportResult> {
    const result = await wiseApi().opml.import.mutate({ opml });
    await load();
    return result;
  }

  async function exportOpml(): Promise<string> {
    return (await wiseApi().opml.export.query()).opml;
  }

  /** A read state changed here: the feed's count follows at once (the server's count arrives with the next load). */
  function adjustUnread(feedId: string | null, delta: number): void {
    if (!feedId || !delta) return;
    feeds.value = feeds.value.map((f) => (f.id === feedId ? { ...f, unread: Math.max(0, f.unread + delta) } : f));
  }

  /** Loads the caller's tags from the server (`wise.tags.list`); the latest call wins, and a failure keeps the tags already shown. */
  async function loadTags(): Promise<void> {
    const asked = ++tagsAsked;
    try {
      const list = await wiseApi().tags.list.query();
      if (asked !== tagsAsked) return;
      tagCounts.value = new Map(list.map((t) => [t.tag, t.count]));
      tags.value = list.map((t) => t.tag);
    } catch {
      // The rail keeps the tags it shows; the next change or reload asks again.
    }
  }

  function noteTags(list: string[]): void {
    const fresh = list.filter((t) => !tags.value.includes(t));
    if (fresh.length) tags.value = [...tags.value, ...fresh].sort((a, b) => a.localeCompare(b));
  }

  return { feeds, folders, loaded, error, tags, tagCounts, byId, sortedFolders, loose, unreadTotal, inFolder, folderUnread, load, subscribe, update, unsubscribe, refresh, createFolder, renameFolder, deleteFolder, importOpml, exportOpml, adjustUnread, loadTags, noteTags };
});
