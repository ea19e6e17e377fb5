-- Files' search index: one row per file or folder under a user's roots, with names for substring search and text for full-text search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE files_index (
  user_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  root_id   text NOT NULL,
  -- path below the root, '/'-separated, no leading slash ('' never: the root itself is not indexed)
  rel_path  text NOT NULL,
  parent    text NOT NULL,
  name      text NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('dir', 'file', 'symlink', 'other')),
  size      bigint NOT NULL DEFAULT 0,
  mtime_ms  bigint NOT NULL DEFAULT 0,
  -- the extracted text (at most 256 KiB), kept for highlighted snippets
  body      text,
  -- names and bodies as words; CJK runs also as overlapping bigrams (see text.ts)
  tsv       tsvector,
  PRIMARY KEY (user_id, root_id, rel_path)
);
CREATE INDEX files_index_name_trgm ON files_index USING gin (lower(name) gin_trgm_ops);
CREATE INDEX files_index_tsv ON files_index USING gin (tsv);
CREATE INDEX files_index_parent ON files_index (user_id, root_id, parent);

-- Which of a user's roots have been walked, and when (a root never walked is walked on the first search).
CREATE TABLE files_index_roots (
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  root_id    text NOT NULL,
  scanned_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, root_id)
);
