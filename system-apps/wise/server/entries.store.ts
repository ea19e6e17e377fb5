// SQL for entries: a feed's items stored once (deduplicated), a user's saved articles and documents, and what one user may see of them — lists by keyset, single entries, visibility.
import type { Queryable } from '../../../bff/db/pool';

/** An entry as the feed engine or the library hands it over, ready to store. */
export interface NewEntry {
  dedupeKey: string;
  url: string | null;
  title: string;
  author: string | null;
  siteName?: string | null;
  publishedAt: number | null;
  html: string;
  text: string;
  imageUrl: string | null;
  enclosure: { url: string; type: string | null; length: number | null } | null;
}

export interface EntryRow {
  id: string;
  kind: 'feed' | 'saved' | 'document';
  feedId: string | null;
  source: string | null;
  title: string;
  url: string | null;
  author: string | null;
  publishedAt: Date | null;
  summary: string;
  imageUrl: string | null;
  read: boolean;
  starred: boolean;
  tags: string[];
  /** Microseconds since the epoch of the sort key, as text (exact), for the cursor. */
  sortUs: string;
}

export interface EntryDetailRow extends EntryRow {
  html: string;
  fullHtml: string | null;
  fullText: boolean;
  enclosure: { url: string; type: string | null; length: number | null } | null;
  documentType: 'pdf' | 'epub' | null;
  progress: number;
  note: string;
  dismissed: boolean;
}

export interface ListFilter {
  view: 'all' | 'unread' | 'starred' | 'saved' | 'feed' | 'folder' | 'tag';
  feedId?: string;
  folderId?: string;
  tag?: string;
  unreadOnly?: boolean;
  /** Strictly older than this (sort key, id). */
  after?: { sortUs: string; id: string };
  limit: number;
}

/** The text of a summary: the start of the plain text, whitespace folded. */
export const summaryOf = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 240);

/** A user may see an entry of a feed they subscribe to, or one of their own (saved, document). */
const VISIBLE = `(s.user_id IS NOT NULL OR e.user_id = $1)`;
const FROM = `wise_entries e
  LEFT JOIN wise_subscriptions s ON s.feed_id = e.feed_id AND s.user_id = $1
  LEFT JOIN wise_feeds f ON f.id = e.feed_id
  LEFT JOIN wise_entry_state st ON st.entry_id = e.id AND st.user_id = $1`;
const ITEM_COLUMNS = `e.id, e.kind, e.feed_id AS "feedId", COALESCE(s.title, NULLIF(f.title, ''), f.url, e.site_name) AS source,
  e.title, e.url, e.author, e.published_at AS "publishedAt", e.summary, e.image_url AS "imageUrl",
  COALESCE(st.read_at IS NOT NULL, false) AS read, COALESCE(st.starred_at IS NOT NULL, false) AS starred, COALESCE(st.tags, '{}') AS tags,
  (extract(epoch FROM e.sort_at) * 1000000)::bigint::text AS "sortUs"`;

export class EntriesStore {
  /**
   * Stores a feed's entries that are not stored yet (by dedupe key), in one statement; returns the new rows' ids.
   * `fetchedAt` is the same for the batch; entries keep the feed's order through a per-row offset of a microsecond.
   */
  async insertFeedEntries(q: Queryable, feedId: string, entries: NewEntry[]): Promise<string[]> {
    if (!entries.length) return [];
    const rows = entries.map((e, i) => ({
      k: e.dedupeKey,
      u: e.url,
      t: e.title,
      a: e.author,
      p: e.publishedAt === null ? null : new Date(e.publishedAt).toISOString(),
      h: e.html,
      x: e.text,
      m: summaryOf(e.text),
      i: e.imageUrl,
      n: e.enclosure,
      o: i,
    }));
    const { rows: inserted } = await q.query<{ id: string }>(
      `INSERT INTO wise_entries (kind, feed_id, dedupe_key, url, title, author, published_at, fetched_at, html, text, summary, image_url, enclosure)
       SELECT 'feed', $1, r.k, r.u, r.t, r.a, r.p, now() - r.o * interval '1 microsecond', r.h, r.x, r.m, r.i, r.n
       FROM jsonb_to_recordset($2::jsonb) AS r(k text, u text, t text, a text, p timestamptz, h text, x text, m text, i text, n jsonb, o int)
       ORDER BY r.o
       ON CONFLICT (feed_id, dedupe_key) WHERE feed_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [feedId, JSON.stringify(rows)],
    );
    return inserted.map((r) => r.id);
  }

  /** The page an item links to, for full text: the new entries of a feed that have a link. */
  async links(q: Queryable, ids: string[]): Promise<{ id: string; url: string }[]> {
    const { rows } = await q.query<{ id: string; url: string }>(`SELECT id, url FROM wise_entries WHERE id = ANY($1::uuid[]) AND url IS NOT NULL`, [ids]);
    return rows;
  }

  /** The page's readable article for a full-text subscription; its text joins the feed's own, so that search finds both. */
  async setFullHtml(q: Queryable, id: string, html: string, text: string): Promise<void> {
    await q.query(`UPDATE wise_entries SET full_html = $2, text = text || E'\n\n' || $3 WHERE id = $1`, [id, html, text.replace(/\u0000/g, '')]);
  }

  /** Replaces an entry's plain text (what search indexes) and its summary: a PDF's extracted text. */
  async setText(q: Queryable, id: string, text: string): Promise<void> {
    await q.query('UPDATE wise_entries SET text = $2, summary = $3 WHERE id = $1', [id, text, summaryOf(text)]);
  }

  /** A saved article or a document of one user; when the user saved the same page before, that entry's id and `created: false`. */
  async insertOwn(
    q: Queryable,
    userId: string,
    kind: 'saved' | 'document',
    e: NewEntry & { documentType?: 'pdf' | 'epub' | null; id?: string },
  ): Promise<{ id: string; created: boolean }> {
    const { rows } = await q.query<{ id: string; created: boolean }>(
      `INSERT INTO wise_entries (id, kind, user_id, dedupe_key, url, title, author, site_name, published_at, html, text, summary, image_url, document_type)
       VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (user_id, dedupe_key) WHERE user_id IS NOT NULL DO UPDATE SET fetched_at = wise_entries.fetched_at
       RETURNING id, (xmax = 0) AS created`,
      [
        e.id ?? null,
        kind,
        userId,
        e.dedupeKey,
        e.url,
        e.title,
        e.author,
        e.siteName ?? null,
        e.publishedAt === null ? null : new Date(e.publishedAt),
        e.html,
        e.text,
        summaryOf(e.text),
        e.imageUrl,
        e.documentType ?? null,
      ],
    );
    return rows[0]!;
  }

  /** Deletes one of the user's own entries; its document type (to remove the file) or null when it is not theirs. */
  async deleteOwn(q: Queryable, userId: string, id: string): Promise<{ documentType: 'pdf' | 'epub' | null } | null> {
    const { rows } = await q.query<{ documentType: 'pdf' | 'epub' | null }>(
      `DELETE FROM wise_entries WHERE id = $1 AND user_id = $2 RETURNING document_type AS "documentType"`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  /** A page of what the user may see, newest first, strictly after the cursor; one more than asked, to tell whether a next page exists. */
  async list(q: Queryable, userId: string, f: ListFilter): Promise<EntryRow[]> {
    const params: unknown[] = [userId];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where = [VISIBLE];
    if (f.view === 'unread' || f.unreadOnly) where.push('st.read_at IS NULL');
    if (f.view === 'starred') where.push('st.starred_at IS NOT NULL');
    if (f.view === 'saved') where.push('e.user_id = $1');
    if (f.view === 'feed') where.push(`e.feed_id = ${p(f.feedId)}`);
    if (f.view === 'folder') where.push(`s.folder_id = ${p(f.folderId)}`);
    if (f.view === 'tag') where.push(`${p(f.tag ?? '')} = ANY(st.tags)`);
    if (f.after) where.push(`(e.sort_at, e.id) < ('epoch'::timestamptz + ${p(f.after.sortUs)}::bigint * interval '1 microsecond', ${p(f.after.id)}::uuid)`);
    const { rows } = await q.query<EntryRow>(
      `SELECT ${ITEM_COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY e.sort_at DESC, e.id DESC LIMIT ${p(f.limit + 1)}`,
      params,
    );
    return rows;
  }

  /** List items of the given ids that the user may see, in the order given (for search and recommendations). */
  async items(q: Queryable, userId: string, ids: string[]): Promise<EntryRow[]> {
    if (!ids.length) return [];
    const { rows } = await q.query<EntryRow>(`SELECT ${ITEM_COLUMNS} FROM ${FROM} WHERE ${VISIBLE} AND e.id = ANY($2::uuid[])`, [userId, ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async get(q: Queryable, userId: string, id: string): Promise<EntryDetailRow | null> {
    const { rows } = await q.query<EntryDetailRow>(
      `SELECT ${ITEM_COLUMNS}, e.html, e.full_html AS "fullHtml", COALESCE(s.full_text, false) AS "fullText", e.enclosure, e.document_type AS "documentType",
         COALESCE(st.progress, 0) AS progress, COALESCE(st.note, '') AS note, COALESCE(st.dismissed_at IS NOT NULL, false) AS dismissed
       FROM ${FROM} WHERE ${VISIBLE} AND e.id = $2`,
      [userId, id],
    );
    return rows[0] ?? null;
  }

  /** Which of `ids` the user may see. */
  async visible(q: Queryable, userId: string, ids: string[]): Promise<string[]> {
    const { rows } = await q.query<{ id: string }>(
      `SELECT e.id FROM wise_entries e LEFT JOIN wise_subscriptions s ON s.feed_id = e.feed_id AND s.user_id = $1
       WHERE ${VISIBLE} AND e.id = ANY($2::uuid[])`,
      [userId, ids],
    );
    return rows.map((r) => r.id);
  }

  /** The stored file's kind of a document the user owns (PDFs are served from disk). */
  async document(q: Queryable, userId: string, id: string): Promise<{ documentType: 'pdf' | 'epub'; title: string } | null> {
    const { rows } = await q.query<{ documentType: 'pdf' | 'epub'; title: string }>(
      `SELECT document_type AS "documentType", title FROM wise_entries WHERE id = $1 AND user_id = $2 AND kind = 'document'`,
      [id, userId],
    );
    return rows[0] ?? null;
  }
}
