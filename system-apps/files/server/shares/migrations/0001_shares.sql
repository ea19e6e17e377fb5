-- Files' shares: public links (a token, optional password and expiry) and shares with other users of this Olares (read or read-write).
CREATE TABLE files_shares (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  root_id       text NOT NULL,
  -- below the root, '/'-separated; '' for the root itself
  rel_path      text NOT NULL,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('file', 'dir')),
  type          text NOT NULL CHECK (type IN ('link', 'user')),
  token         text UNIQUE,
  password_hash text,
  expires_at    timestamptz,
  grantee_id    uuid REFERENCES users(id) ON DELETE CASCADE,
  access        text NOT NULL DEFAULT 'read' CHECK (access IN ('read', 'write')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  CHECK ((type = 'link') = (token IS NOT NULL)),
  CHECK ((type = 'user') = (grantee_id IS NOT NULL)),
  CHECK (type = 'link' OR (password_hash IS NULL AND kind = 'dir'))
);
CREATE INDEX files_shares_owner ON files_shares (owner_id) WHERE revoked_at IS NULL;
CREATE INDEX files_shares_grantee ON files_shares (grantee_id) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX files_shares_one_per_user ON files_shares (owner_id, root_id, rel_path, grantee_id) WHERE type = 'user' AND revoked_at IS NULL;

-- A browser that gave a link's password: the cookie holds the grant's token, the database its hash.
CREATE TABLE files_share_grants (
  token_hash text PRIMARY KEY,
  share_id   uuid NOT NULL REFERENCES files_shares(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX files_share_grants_share ON files_share_grants (share_id);
