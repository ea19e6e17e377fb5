-- Wise's search index and recommendations: per entry its words (tsvector) and hashed TF-IDF vector, bucket document frequencies, and per-user profiles.

-- One row per indexed entry. feed_id/user_id/sort_at are copies of the entry's (they never change), so that a
-- search filters by what the caller may see without reading the entries themselves.
CREATE TABLE wise_search (
  entry_id uuid PRIMARY KEY REFERENCES wise_entries(id) ON DELETE CASCADE,
  feed_id  uuid,
  user_id  uuid,
  sort_at  timestamptz NOT NULL,
  -- title (weight A) and text (weight B), 'simple' config, CJK runs also as bigrams
  tsv      tsvector NOT NULL
);
CREATE INDEX wise_search_tsv ON wise_search USING gin (tsv);

-- Per entry its L2-normalised, signed, feature-hashed TF-IDF vector (512 buckets) and the words that weigh most
-- in it, heaviest first (explanations name them). Kept apart from wise_search so that searches read small rows.
CREATE TABLE wise_vectors (
  entry_id uuid PRIMARY KEY REFERENCES wise_entries(id) ON DELETE CASCADE,
  feed_id  uuid,
  user_id  uuid,
  sort_at  timestamptz NOT NULL,
  vec      real[] NOT NULL,
  terms    text[] NOT NULL DEFAULT '{}'
);
-- In the row and never compressed (mostly-zero vectors would be): wise_dot reads every element, and each read of a
-- compressed or TOASTed array would unpack all of it again.
ALTER TABLE wise_vectors ALTER COLUMN vec SET STORAGE PLAIN;
CREATE INDEX wise_vectors_feed ON wise_vectors (feed_id, sort_at DESC) WHERE feed_id IS NOT NULL;
CREATE INDEX wise_vectors_user ON wise_vectors (user_id, sort_at DESC) WHERE user_id IS NOT NULL;

-- In how many indexed entries each bucket occurs; bucket -1 holds the number of entries. Kept up as entries arrive.
CREATE TABLE wise_search_df (
  bucket integer PRIMARY KEY,
  df     bigint NOT NULL DEFAULT 0
);

-- A user's taste, as of updated_at (older signal fades with a half-life): the sum of the vectors of what they read
-- (+1), starred (+3), unstarred (−3) and dismissed (−2); `starred` sums the stars alone (+1, −1).
CREATE TABLE wise_profiles (
  user_id    uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  vec        real[] NOT NULL,
  starred    real[] NOT NULL,
  events     integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL
);

-- The same signal per word (a few hundred per user, for explanations in words) and per feed (the feeds a user favours).
CREATE TABLE wise_profile_terms (
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  term       text NOT NULL,
  weight     real NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, term)
);

CREATE TABLE wise_profile_feeds (
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  feed_id    uuid NOT NULL REFERENCES wise_feeds(id) ON DELETE CASCADE,
  weight     real NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, feed_id)
);
CREATE INDEX wise_profile_feeds_feed ON wise_profile_feeds (feed_id);

-- The dot product of two 512-element vectors (their cosine, for unit vectors), written out element by element:
-- a single expression, which the planner inlines — several times faster than summing over unnest().
DO $$
BEGIN
  EXECUTE format(
    'CREATE FUNCTION wise_dot(a real[], b real[]) RETURNS real LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
    'SELECT ' || (SELECT string_agg(format('a[%s] * b[%s]', i, i), ' + ' ORDER BY i) FROM generate_series(1, 512) AS i));
END
$$;
