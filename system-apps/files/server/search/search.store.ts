// SQL for Files' search index: rows per file, upserted in batches, removed with their descendants, searched by name and text.
import type pg from 'pg';

export interface IndexedRow {
  relPath: string;
  kind: 'dir' | 'file' | 'symlink' | 'other';
  size: number;
  mtimeMs: number;
}

export interface NewRow extends IndexedRow {
  parent: string;
  name: string;
  /** The name as indexed (CJK bigrams). */
  nameText: string;
  /** The extracted text as stored for snippets, and as indexed. */
  body: string | null;
  bodyText: string | null;
}

export interface FoundRow {
  root_id: string;
  rel_path: string;
  name: string;
  kind: IndexedRow['kind'];
  size: string;
  mtime_ms: string;
  body: string | null;
}

export class SearchStore {
  constructor(private readonly db: pg.Pool) {}

  /** What the index holds for one folder's children. */
  async children(userId: string, rootId: string, parent: string): Promise<Map<string, IndexedRow>> {
    const { rows } = await this.db.query<{ rel_path: string; kind: IndexedRow['kind']; size: string; mtime_ms: string }>(
      'SELECT rel_path, kind, size, mtime_ms FROM files_index WHERE user_id = $1 AND root_id = $2 AND parent = $3',
      [userId, rootId, parent],
    );
    return new Map(rows.map((r) => [r.rel_path, { relPath: r.rel_path, kind: r.kind, size: Number(r.size), mtimeMs: Number(r.mtime_ms) }]));
  }

  async upsert(userId: string, rootId: string, rows: NewRow[]): Promise<void> {
    if (!rows.length) return;
    await this.db.query(
      `INSERT INTO files_index (user_id, root_id, rel_path, parent, name, kind, size, mtime_ms, body, tsv)
       SELECT $1, $2, r.rel_path, r.parent, r.name, r.kind, r.size, r.mtime_ms, r.body,
              setweight(to_tsvector('simple', r.name_text), 'A') || setweight(to_tsvector('simple', coalesce(r.body_text, '')), 'B')
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::text[])
              AS r(rel_path, parent, name, kind, size, mtime_ms, body, name_text, body_text)
       ON CONFLICT (user_id, root_id, rel_path) DO UPDATE
          SET parent = excluded.parent, name = excluded.name, kind = excluded.kind, size = excluded.size,
              mtime_ms = excluded.mtime_ms, body = excluded.body, tsv = excluded.tsv`,
      [
        userId,
        rootId,
        rows.map((r) => r.relPath),
        rows.map((r) => r.parent),
        rows.map((r) => r.name),
        rows.map((r) => r.kind),
        rows.map((r) => r.size),
        rows.map((r) => Math.floor(r.mtimeMs)),
        rows.map((r) => r.body),
        rows.map((r) => r.nameText),
        rows.map((r) => r.bodyText),
      ],
    );
  }

  /** Removes entries and everything below them. */
  async remove(userId: string, rootId: string, relPaths: string[]): Promise<void> {
    if (!relPaths.length) return;
    await this.db.query(
      `DELETE FROM files_index WHERE user_id = $1 AND root_id = $2
         AND (rel_path = ANY($3::text[]) OR EXISTS (SELECT 1 FROM unnest($3::text[]) p WHERE starts_with(rel_path, p || '/')))`,
      [userId, rootId, relPaths],
    );
  }

  /** Forgets roots the user no longer has. */
  async keepRoots(userId: string, rootIds: string[]): Promise<void> {
    await this.db.query('DELETE FROM files_index WHERE user_id = $1 AND NOT (root_id = ANY($2::text[]))', [userId, rootIds]);
    await this.db.query('DELETE FROM files_index_roots WHERE user_id = $1 AND NOT (root_id = ANY($2::text[]))', [userId, rootIds]);
  }

  async scannedRoots(userId: string): Promise<Set<string>> {
    const { rows } = await this.db.query<{ root_id: string }>('SELECT root_id FROM files_index_roots WHERE user_id = $1', [userId]);
    return new Set(rows.map((r) => r.root_id));
  }

  async markScanned(userId: string, rootId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO files_index_roots (user_id, root_id, scanned_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id, root_id) DO UPDATE SET scanned_at = now()`,
      [userId, rootId],
    );
  }

  /** Users whose index exists (the periodic rescan keeps theirs fresh). */
  async indexedUsers(): Promise<string[]> {
    const { rows } = await this.db.query<{ user_id: string }>('SELECT DISTINCT user_id FROM files_index_roots');
    return rows.map((r) => r.user_id);
  }

  /**
   * Entries under `scopes` (a root, optionally a folder in it) whose name holds every word, or — with a
   * tsquery — whose text matches; names first, then by rank.
   */
  async search(
    userId: string,
    scopes: { rootId: string; under: string }[],
    opts: { nameLikes: string[]; tsquery: string | null; limit: number },
  ): Promise<FoundRow[]> {
    const nameMatch = opts.nameLikes.map((_, i) => `lower(name) LIKE $${6 + i} ESCAPE '\\'`).join(' AND ') || 'false';
    // $4 is always referenced, so PostgreSQL knows its type.
    const textMatch = opts.tsquery ? `tsv @@ to_tsquery('simple', $4::text)` : `($4::text <> '' AND false)`;
    const { rows } = await this.db.query<FoundRow>(
      `SELECT root_id, rel_path, name, kind, size, mtime_ms, CASE WHEN ${textMatch} THEN body END AS body
         FROM files_index i
         JOIN unnest($2::text[], $3::text[]) AS s(root_id, under) USING (root_id)
        WHERE i.user_id = $1
          AND (s.under = '' OR starts_with(i.rel_path, s.under || '/'))
          AND ((${nameMatch}) OR ${textMatch})
        ORDER BY (${nameMatch}) DESC, ${opts.tsquery ? `ts_rank(tsv, to_tsquery('simple', $4::text)) DESC,` : ''} length(name), rel_path
        LIMIT $5`,
      [userId, scopes.map((s) => s.rootId), scopes.map((s) => s.under), opts.tsquery ?? '', opts.limit, ...opts.nameLikes],
    );
    return rows;
  }
}
