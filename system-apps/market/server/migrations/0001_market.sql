-- The Market's state: each user's apps with their Olares state, the entrances they expose, and the operation log.
CREATE TABLE market_apps (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          text NOT NULL,
  source        text NOT NULL,
  version       text NOT NULL,
  -- the version being installed by an upgrade in progress
  target_version text,
  title         text NOT NULL,
  icon          text NOT NULL DEFAULT '',
  state         text NOT NULL,
  message       text,
  progress      smallint,
  namespace     text NOT NULL,
  -- [{ name, title, host, port, openMethod, authLevel, invisible, icon, id }]
  entrances     jsonb NOT NULL DEFAULT '[]',
  -- { postgres: { databases: [...] } }: what was provisioned, to remove it again (credentials live in a Kubernetes secret)
  middleware    jsonb NOT NULL DEFAULT '{}',
  remove_data   boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);
CREATE INDEX market_apps_active ON market_apps (state) WHERE state NOT IN ('uninstalled', 'running', 'stopped');

-- Where each entrance is reached: its own host (`<id>.localhost` locally), unique across users and apps.
CREATE TABLE market_entrances (
  host        text PRIMARY KEY,
  app_id      uuid NOT NULL REFERENCES market_apps(id) ON DELETE CASCADE,
  entrance    text NOT NULL,
  UNIQUE (app_id, entrance)
);

CREATE TABLE market_operations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  app           text NOT NULL,
  op            text NOT NULL CHECK (op IN ('install', 'upgrade', 'stop', 'resume', 'uninstall', 'cancel')),
  from_version  text,
  to_version    text,
  outcome       text NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'succeeded', 'failed', 'canceled')),
  message       text,
  -- the client's id for this request: a retry of the same request finds this row instead of starting again
  request_id    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  UNIQUE (user_id, request_id)
);
CREATE INDEX market_operations_user ON market_operations (user_id, created_at DESC);

-- One-use tickets that let a browser into a private entrance (exchanged for a cookie on the entrance's own origin).
CREATE TABLE market_entrance_grants (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  host        text NOT NULL REFERENCES market_entrances(host) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('ticket', 'cookie')),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX market_entrance_grants_expiry ON market_entrance_grants (expires_at);
