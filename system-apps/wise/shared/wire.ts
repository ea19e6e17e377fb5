// What crosses the wire between Wise's UI and its server: every procedure's input (zod) and the views it answers with.
import { z } from 'zod';

const id = (what: string) => z.string().uuid(`${what} must be a UUID`);
const httpUrl = z
  .string()
  .trim()
  .min(1, 'enter a web address')
  .max(2048, 'the address is too long')
  .refine((s) => {
    try {
      const u = new URL(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'enter an http or https address');

export const ENTRY_VIEWS = ['all', 'unread', 'starred', 'saved', 'feed', 'folder', 'tag'] as const;

/** Procedure inputs of the `wise` router (bff path `wise.<group>.<name>`). */
export const Inputs = {
  subscribe: z.object({ url: httpUrl, folderId: id('the folder id').nullish() }),
  feedId: z.object({ feedId: id('the feed id') }),
  updateFeed: z.object({
    feedId: id('the feed id'),
    title: z.string().trim().min(1).max(200).nullish(),
    folderId: id('the folder id').nullish(),
    /** How often to look for new items: 5 minutes to a day. */
    intervalMinutes: z.number().int().min(5).max(1440).optional(),
    /** Fetch each new item's page and keep its readable article instead of the feed's excerpt. */
    fullText: z.boolean().optional(),
  }),
  refresh: z.object({ feedId: id('the feed id').optional() }).optional(),
  folderName: z.object({ name: z.string().trim().min(1, 'name the folder').max(100) }),
  renameFolder: z.object({ folderId: id('the folder id'), name: z.string().trim().min(1, 'name the folder').max(100) }),
  folderId: z.object({ folderId: id('the folder id') }),
  importOpml: z.object({ opml: z.string().min(1).max(5_000_000, 'the OPML file is larger than 5 MB') }),
  listEntries: z.object({
    view: z.enum(ENTRY_VIEWS),
    feedId: id('the feed id').optional(),
    folderId: id('the folder id').optional(),
    tag: z.string().max(64).optional(),
    unreadOnly: z.boolean().optional(),
    /** Opaque, from the previous page. */
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  }),
  entryId: z.object({ id: id('the entry id') }),
  mark: z.object({
    ids: z.array(id('the entry id')).min(1).max(1000),
    read: z.boolean().optional(),
    starred: z.boolean().optional(),
    /** "Not interested": hidden from For you and counted against similar items. */
    dismissed: z.boolean().optional(),
  }),
  markAllRead: z.object({ feedId: id('the feed id').optional(), folderId: id('the folder id').optional(), before: z.number().int().positive() }),
  progress: z.object({ id: id('the entry id'), progress: z.number().min(0).max(1) }),
  tags: z.object({ id: id('the entry id'), tags: z.array(z.string().trim().min(1).max(64)).max(32) }),
  note: z.object({ id: id('the entry id'), note: z.string().max(20_000) }),
  addHighlight: z.object({
    entryId: id('the entry id'),
    /** The highlighted text and a little context either side, to find it again in the article. */
    quote: z.string().min(1).max(5_000),
    prefix: z.string().max(200).default(''),
    suffix: z.string().max(200).default(''),
    color: z.enum(['yellow', 'green', 'blue', 'pink']).default('yellow'),
    note: z.string().max(5_000).default(''),
  }),
  updateHighlight: z.object({ id: id('the highlight id'), note: z.string().max(5_000).optional(), color: z.enum(['yellow', 'green', 'blue', 'pink']).optional() }),
  highlightId: z.object({ id: id('the highlight id') }),
  saveUrl: z.object({ url: httpUrl }),
  search: z.object({ q: z.string().trim().min(1, 'type something to search for').max(200), limit: z.number().int().min(1).max(100).default(30) }),
  forYou: z.object({ limit: z.number().int().min(1).max(100).default(30) }).optional(),
};

export type FeedErrorKind = 'network' | 'timeout' | 'tooLarge' | 'http' | 'blocked' | 'notAFeed' | 'tooManyRedirects';

export interface FolderView {
  id: string;
  name: string;
}

export interface FeedView {
  id: string;
  url: string;
  title: string;
  siteUrl: string | null;
  /** Proxied through the BFF. */
  iconUrl: string | null;
  folderId: string | null;
  unread: number;
  total: number;
  intervalMinutes: number;
  fullText: boolean;
  lastFetchedAt: number | null;
  nextFetchAt: number | null;
  /** The last fetch failed: what went wrong (the feed keeps its items and is retried with backoff). */
  error: { kind: FeedErrorKind; message: string; since: number; attempts: number } | null;
}

export interface EntryListItem {
  id: string;
  kind: 'feed' | 'saved' | 'document';
  feedId: string | null;
  /** The feed's title, or the site's name for a saved article. */
  source: string;
  title: string;
  url: string | null;
  author: string | null;
  publishedAt: number | null;
  /** First ~240 characters of the text. */
  summary: string;
  /** Proxied through the BFF. */
  imageUrl: string | null;
  read: boolean;
  starred: boolean;
  tags: string[];
}

/** One of the caller's tags and how many of the entries they may see carry it (the rail's tag list). */
export interface TagCount {
  tag: string;
  count: number;
}

export interface HighlightView {
  id: string;
  quote: string;
  prefix: string;
  suffix: string;
  color: 'yellow' | 'green' | 'blue' | 'pink';
  note: string;
  createdAt: number;
}

export interface EntryView extends EntryListItem {
  /** Sanitised HTML (no scripts, no trackers, images proxied). For a PDF document: '' and `documentUrl` set. */
  html: string;
  /** For uploaded documents: the BFF route serving the PDF (EPUBs arrive as `html`). */
  documentUrl: string | null;
  documentType: 'pdf' | 'epub' | null;
  enclosure: { url: string; type: string | null; length: number | null } | null;
  progress: number;
  note: string;
  highlights: HighlightView[];
}

export interface EntryPage {
  items: EntryListItem[];
  nextCursor: string | null;
}

export interface SearchHit extends EntryListItem {
  /** Title and a snippet of the body, HTML-escaped, with matches in <mark>. */
  titleHtml: string;
  snippetHtml: string;
  rank: number;
}

export interface ForYouItem extends EntryListItem {
  score: number;
  /** Why it ranks high, as keys the UI translates with their values: the words it shares with what you read, the feed you often star… */
  reasons: { key: 'sharedTerms' | 'favouriteFeed' | 'fresh' | 'similarToStarred'; terms?: string[]; feed?: string }[];
}

export interface OpmlImportResult {
  added: number;
  alreadySubscribed: number;
  folders: number;
  failed: { url: string; reason: string }[];
}

/** Pushed to each subscriber's sockets as the user event `wise.entries` when a refresh stores new items, and `wise.feeds` when a feed's state changes. */
export interface WiseEntriesEvent {
  feedId: string;
  added: number;
}

/** Pushed to each subscriber's sockets as the user event `wise.feeds` when a feed's state changes (its error came or went, its title changed). */
export interface WiseFeedsEvent {
  feedId: string;
}
