-- Wise: feeds shared by everyone who subscribes (fetched once for all), per-user subscriptions and folders, entries (a feed's shared items, and each user's own saved articles and documents), per-user reading state and highlights.
CREATE TABLE wise_feeds (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  url              text NOT NULL UNIQUE,
  title            text NOT NULL DEFAULT '',
  site_url         text,
  icon_url         text,
  description      text,
  -- Validators of the last successful fetch, for a conditional GET.
  etag             text,
  last_modified    text,
  last_fetched_at  timestamptz,
  -- When the refresher fetches it next; NULL while nobody subscribes (it is not fetched).
  next_fetch_at    timestamptz,
  -- Set while one refresher (of any replica) is fetching it; an expired lease is a crashed fetch, free again.
  lease_until      timestamptz,
  -- The last fetch failed: what went wrong, since when, and how many fetches in a row failed.
  error_kind       text,
  error_message    text,
  error_since      timestamptz,
  error_attempts   integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wise_feeds_due ON wise_feeds (next_fetch_at) WHERE next_fetch_at IS NOT NULL;

CREATE TABLE wise_folders (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX wise_folders_name ON wise_folders (user_id, lower(name));

CREATE TABLE wise_subscriptions (
  user_id          uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  feed_id          uuid NOT NULL REFERENCES wise_feeds(id) ON DELETE CASCADE,
  -- The user's own name for the feed; NULL: the feed's title.
  title            text,
  folder_id        uuid REFERENCES wise_folders(id) ON DELETE SET NULL,
  interval_minutes integer NOT NULL DEFAULT 60 CHECK (interval_minutes BETWEEN 5 AND 1440),
  full_text        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, feed_id)
);
CREATE INDEX wise_subscriptions_feed ON wise_subscriptions (feed_id);
CREATE INDEX wise_subscriptions_folder ON wise_subscriptions (folder_id) WHERE folder_id IS NOT NULL;

-- A feed's item (feed_id set, shared by its subscribers) or a user's saved article or document (user_id set).
CREATE TABLE wise_entries (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind          text NOT NULL CHECK (kind IN ('feed', 'saved', 'document')),
  feed_id       uuid REFERENCES wise_feeds(id) ON DELETE CASCADE,
  user_id       uuid REFERENCES users(id) ON DELETE CASCADE,
  -- Hash of the guid, else the link, else title and date: one row per item however often the feed repeats it.
  dedupe_key    text NOT NULL,
  url           text,
  title         text NOT NULL DEFAULT '',
  author        text,
  -- The feed's name for a saved article's site, or a document's file name.
  site_name     text,
  published_at  timestamptz,
  fetched_at    timestamptz NOT NULL DEFAULT now(),
  -- Lists are newest first by this and id (keyset): the published date, never later than the arrival.
  sort_at       timestamptz GENERATED ALWAYS AS (LEAST(COALESCE(published_at, fetched_at), fetched_at)) STORED,
  -- Sanitised HTML and its plain text.
  html          text NOT NULL DEFAULT '',
  text          text NOT NULL DEFAULT '',
  summary       text NOT NULL DEFAULT '',
  -- The readable article of the item's page, for subscribers who asked for full text.
  full_html     text,
  image_url     text,
  enclosure     jsonb,
  document_type text CHECK (document_type IN ('pdf', 'epub')),
  CHECK ((kind = 'feed') = (feed_id IS NOT NULL) AND (kind = 'feed') = (user_id IS NULL)),
  CHECK ((kind = 'document') = (document_type IS NOT NULL))
);
CREATE UNIQUE INDEX wise_entries_feed_dedupe ON wise_entries (feed_id, dedupe_key) WHERE feed_id IS NOT NULL;
CREATE UNIQUE INDEX wise_entries_user_dedupe ON wise_entries (user_id, dedupe_key) WHERE user_id IS NOT NULL;
CREATE INDEX wise_entries_feed_sort ON wise_entries (feed_id, sort_at DESC, id DESC) WHERE feed_id IS NOT NULL;
CREATE INDEX wise_entries_user_sort ON wise_entries (user_id, sort_at DESC, id DESC) WHERE user_id IS NOT NULL;

-- One user's state of one entry; no row: unread, not starred, no progress.
CREATE TABLE wise_entry_state (
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  entry_id     uuid NOT NULL REFERENCES wise_entries(id) ON DELETE CASCADE,
  read_at      timestamptz,
  starred_at   timestamptz,
  dismissed_at timestamptz,
  progress     real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  tags         text[] NOT NULL DEFAULT '{}',
  note         text NOT NULL DEFAULT '',
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, entry_id)
);
CREATE INDEX wise_entry_state_entry ON wise_entry_state (entry_id);
CREATE INDEX wise_entry_state_starred ON wise_entry_state (user_id, starred_at) WHERE starred_at IS NOT NULL;
CREATE INDEX wise_entry_state_tags ON wise_entry_state USING gin (tags);

CREATE TABLE wise_highlights (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  entry_id   uuid NOT NULL REFERENCES wise_entries(id) ON DELETE CASCADE,
  quote      text NOT NULL,
  prefix     text NOT NULL DEFAULT '',
  suffix     text NOT NULL DEFAULT '',
  color      text NOT NULL DEFAULT 'yellow' CHECK (color IN ('yellow', 'green', 'blue', 'pink')),
  note       text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wise_highlights_entry ON wise_highlights (user_id, entry_id);
