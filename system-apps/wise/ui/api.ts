// The slice of the tRPC client that Wise's window calls (the `wise` router), typed structurally from the contract so the stores run against a fake server in tests.
import type { z } from 'zod';
import type { EntryPage, EntryView, FeedView, FolderView, ForYouItem, HighlightView, Inputs, OpmlImportResult, SearchHit, TagCount } from '../shared/wire';
import { createApiSlot } from '../../../frontend/sdk/api-slot';

type In<K extends keyof typeof Inputs> = z.input<(typeof Inputs)[K]>;
interface Q<I, O> {
  query(input: I, opts?: { signal?: AbortSignal }): Promise<O>;
}
interface Q0<O> {
  query(): Promise<O>;
}
interface M<I, O> {
  mutate(input: I): Promise<O>;
}
type Ok = { ok: boolean };

/** `useTrpc().wise` satisfies this (checked in api.typecheck.ts). */
export interface WiseApi {
  feeds: {
    list: Q0<{ feeds: FeedView[]; folders: FolderView[] }>;
    subscribe: M<In<'subscribe'>, FeedView>;
    update: M<In<'updateFeed'>, FeedView>;
    unsubscribe: M<In<'feedId'>, Ok>;
    refresh: M<In<'refresh'>, { queued: number }>;
  };
  folders: {
    create: M<In<'folderName'>, FolderView>;
    rename: M<In<'renameFolder'>, FolderView>;
    delete: M<In<'folderId'>, Ok>;
  };
  opml: {
    import: M<In<'importOpml'>, OpmlImportResult>;
    export: Q0<{ opml: string }>;
  };
  entries: {
    list: Q<In<'listEntries'>, EntryPage>;
    get: Q<In<'entryId'>, EntryView>;
    mark: M<In<'mark'>, Ok>;
    markAllRead: M<In<'markAllRead'>, { count: number }>;
    progress: M<In<'progress'>, Ok>;
    tags: M<In<'tags'>, Ok>;
    note: M<In<'note'>, Ok>;
  };
  tags: {
    list: Q0<TagCount[]>;
  };
  highlights: {
    add: M<In<'addHighlight'>, HighlightView>;
    update: M<In<'updateHighlight'>, HighlightView>;
    remove: M<In<'highlightId'>, Ok>;
  };
  library: {
    save: M<In<'saveUrl'>, EntryView>;
    remove: M<In<'entryId'>, Ok>;
  };
  search: {
    query: Q<In<'search'>, SearchHit[]>;
  };
  recommend: {
    forYou: Q<In<'forYou'>, ForYouItem[]>;
  };
}

/** The window's client, set once by App.vue (or by a test). */
const slot = createApiSlot<WiseApi>('Wise');
export const setWiseApi = slot.set;
export const hasWiseApi = slot.has;
export const wiseApi = slot.get;
