// Reading: lists (keyset pages), single entries with highlights, and one user's state — read, starred, dismissed, progress, tags, notes, highlights — on entries they may see.
import type pg from 'pg';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { withTransaction } from '../../../bff/db/pool';
import type { EntryListItem, EntryPage, EntryView, HighlightView, Inputs, TagCount } from '../shared/wire';
import type { EntriesStore } from './entries.store';
import type { ImageSigner } from './image-proxy';
import type { Flag, StateStore } from './state.store';
import type { SubscriptionsStore } from './subscriptions.store';
import { decodeCursor, encodeCursor, entryView, listItem } from './views';
import type { FeedbackEvent, FeedbackKind, WiseHooks } from './wise.deps';
import { notFound } from './wise.errors';

type In<K extends keyof typeof Inputs> = z.infer<(typeof Inputs)[K]>;

export interface EntriesDeps {
  db: pg.Pool;
  entries: EntriesStore;
  state: StateStore;
  subs: SubscriptionsStore;
  images: ImageSigner;
  hooks: Pick<WiseHooks, 'onFeedbackMany'>;
  log: Logger;
}

/** Tags as kept: trimmed, each once (ignoring case), in the order given. */
export function cleanTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

export class EntriesService {
  constructor(private readonly d: EntriesDeps) {}

  async list(userId: string, input: In<'listEntries'>): Promise<EntryPage> {
    if (input.view === 'feed' && (!input.feedId || !(await this.d.subs.exists(this.d.db, userId, input.feedId)))) throw notFound();
    if (input.view === 'folder' && (!input.folderId || !(await this.d.subs.folder(this.d.db, userId, input.folderId)))) throw notFound();
    const after = input.cursor ? decodeCursor(input.cursor) : undefined;
    if (after === null) return { items: [], nextCursor: null };
    const rows = await this.d.entries.list(this.d.db, userId, { ...input, after, limit: input.limit });
    const page = rows.slice(0, input.limit);
    return { items: page.map((r) => listItem(r, this.d.images)), nextCursor: rows.length > input.limit ? encodeCursor(page[page.length - 1]!) : null };
  }

  /** List items of `ids` the user may see, in that order (search and recommendations build on these). */
  async items(userId: string, ids: string[]): Promise<EntryListItem[]> {
    return (await this.d.entries.items(this.d.db, userId, ids)).map((r) => listItem(r, this.d.images));
  }

  async get(userId: string, id: string): Promise<EntryView> {
    const row = await this.d.entries.get(this.d.db, userId, id);
    if (!row) throw notFound();
    return entryView(row, await this.d.state.highlights(this.d.db, userId, id), this.d.images);
  }

  /** Sets read/starred/dismissed on entries the user may see; any id they may not see refuses the whole call. */
  async mark(userId: string, input: In<'mark'>): Promise<{ ok: true }> {
    const ids = [...new Set(input.ids)];
    const feedback: FeedbackEvent[] = [];
    await withTransaction(this.d.db, async (c) => {
      if ((await this.d.entries.visible(c, userId, ids)).length !== ids.length) throw notFound();
      const flags: [Flag, boolean | undefined, FeedbackKind | null, FeedbackKind | null][] = [
        ['read', input.read, 'read', null],
        ['starred', input.starred, 'star', 'unstar'],
        ['dismissed', input.dismissed, 'dismiss', null],
      ];
      for (const [flag, value, onKind, offKind] of flags) {
        if (value === undefined) continue;
        const changed = await this.d.state.setFlag(c, userId, ids, flag, value);
        const kind = value ? onKind : offKind;
        if (kind) for (const entryId of changed) feedback.push({ entryId, kind });
      }
    });
    // All of it at once: one profile update however many entries were marked.
    if (feedback.length) {
      try {
        await this.d.hooks.onFeedbackMany(userId, feedback);
      } catch (err) {
        this.d.log.warn({ err: { message: (err as Error).message } }, 'wise: recording feedback failed');
      }
    }
    return { ok: true };
  }

  /** Marks read what had arrived by `before` in all the user's entries, one feed or one folder; what arrives later stays unread. */
  async markAllRead(userId: string, input: In<'markAllRead'>): Promise<{ count: number }> {
    let feedIds: string[] | null = null;
    if (input.feedId) {
      if (!(await this.d.subs.exists(this.d.db, userId, input.feedId))) throw notFound();
      feedIds = [input.feedId];
    } else if (input.folderId) {
      if (!(await this.d.subs.folder(this.d.db, userId, input.folderId))) throw notFound();
      feedIds = await this.d.subs.feedIds(this.d.db, userId, input.folderId);
      if (!feedIds.length) return { count: 0 };
    }
    const count = await this.d.state.markAllRead(this.d.db, userId, { feedIds, own: feedIds === null }, input.before);
    return { count };
  }

  private async visibleOne(userId: string, id: string): Promise<void> {
    if (!(await this.d.entries.visible(this.d.db, userId, [id])).length) throw notFound();
  }

  async progress(userId: string, input: In<'progress'>): Promise<{ ok: true }> {
    await this.visibleOne(userId, input.id);
    await this.d.state.setProgress(this.d.db, userId, input.id, input.progress);
    return { ok: true };
  }

  async tags(userId: string, input: In<'tags'>): Promise<{ ok: true }> {
    await this.visibleOne(userId, input.id);
    await this.d.state.setTags(this.d.db, userId, input.id, cleanTags(input.tags));
    return { ok: true };
  }

  /** The user's tags with how many of the entries they may see carry each, by name. */
  async tagList(userId: string): Promise<TagCount[]> {
    return this.d.state.tagCounts(this.d.db, userId);
  }

  async note(userId: string, input: In<'note'>): Promise<{ ok: true }> {
    await this.visibleOne(userId, input.id);
    await this.d.state.setNote(this.d.db, userId, input.id, input.note);
    return { ok: true };
  }

  // ---- highlights ----

  async addHighlight(userId: string, input: In<'addHighlight'>): Promise<HighlightView> {
    await this.visibleOne(userId, input.entryId);
    const { entryId, ...h } = input;
    return this.d.state.addHighlight(this.d.db, userId, entryId, h);
  }

  async updateHighlight(userId: string, input: In<'updateHighlight'>): Promise<HighlightView> {
    const h = await this.d.state.updateHighlight(this.d.db, userId, input.id, { note: input.note, color: input.color });
    if (!h) throw notFound();
    return h;
  }

  async removeHighlight(userId: string, id: string): Promise<{ ok: true }> {
    if (!(await this.d.state.removeHighlight(this.d.db, userId, id))) throw notFound();
    return { ok: true };
  }
}
