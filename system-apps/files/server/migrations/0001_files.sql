-- Files' state: roots an admin added, quotas, favourites, long operations (jobs) and the trash.
CREATE TABLE files_roots (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- the first segment of its virtual paths; never `Home`
  name        text NOT NULL,
  -- an absolute host folder; never sent to the user
  dir         text NOT NULL,
  read_only   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);

CREATE TABLE files_quotas (
  user_id     uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  bytes       bigint NOT NULL CHECK (bytes >= 0)
);

CREATE TABLE files_favorites (
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  path        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, path)
);

CREATE TABLE files_jobs (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- the client's id for the request: a retry finds this row instead of starting a second job
  request_id  text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('copy', 'move', 'trash', 'restore', 'emptyTrash')),
  state       text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
  -- the Job as last saved (progress, error, touched folders)
  job         jsonb NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  UNIQUE (user_id, request_id)
);
CREATE INDEX files_jobs_user ON files_jobs (user_id, started_at DESC);

CREATE TABLE files_trash (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          text NOT NULL,
  original_path text NOT NULL,
  kind          text NOT NULL,
  size          bigint NOT NULL DEFAULT 0,
  -- its name inside the user's .trash folder (the row's id: unique, never a user's name)
  stored_name   text NOT NULL,
  deleted_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_trash_user ON files_trash (user_id, deleted_at DESC);
