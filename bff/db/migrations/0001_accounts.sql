-- Accounts, sessions and login regulation.
CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9-]{1,31}$'),
  display_name  text NOT NULL DEFAULT '',
  role          text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  password_hash text NOT NULL,
  totp_secret   text,
  totp_enabled  boolean NOT NULL DEFAULT false,
  totp_last_step bigint NOT NULL DEFAULT 0,
  created_by    uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
-- There is exactly one owner: two first-run pages racing cannot both create one.
CREATE UNIQUE INDEX users_one_owner ON users ((true)) WHERE role = 'owner';

CREATE TABLE recovery_codes (
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash  text NOT NULL,
  used_at    timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash    text NOT NULL UNIQUE,
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- 'pending' waits for the second factor; only 'active' sessions are logged in.
  state         text NOT NULL CHECK (state IN ('pending', 'active')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text NOT NULL DEFAULT '',
  user_agent    text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

-- One row per (kind, key): an account name or a client address.
CREATE TABLE login_regulation (
  kind          text NOT NULL CHECK (kind IN ('account', 'address')),
  key           text NOT NULL,
  failures      integer NOT NULL DEFAULT 0,
  first_failure timestamptz NOT NULL DEFAULT now(),
  banned_until  timestamptz,
  PRIMARY KEY (kind, key)
);
