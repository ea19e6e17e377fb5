-- Vault: accounts (KDF parameters, the hash of the authentication key, wrapped keys), vaults, their members, items and attachments — ciphertext only — and the results of idempotent writes.
CREATE TABLE vault_accounts (
  user_id             uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  kdf                 jsonb NOT NULL,
  -- Argon2id hash of the authentication key the browser derives from the master key.
  auth_hash           text NOT NULL,
  wrapped_user_key    text NOT NULL,
  public_key          text NOT NULL,
  wrapped_private_key text NOT NULL,
  auto_lock_minutes   integer NOT NULL DEFAULT 15 CHECK (auto_lock_minutes BETWEEN 0 AND 1440),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vaults (
  id          uuid PRIMARY KEY,
  owner_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- Encrypted under the vault key.
  name        text NOT NULL,
  key_version integer NOT NULL DEFAULT 1 CHECK (key_version > 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vaults_owner ON vaults (owner_id);

-- The owner is a member too (role 'owner'); sealed_key is the vault key sealed for this member's public key.
CREATE TABLE vault_members (
  vault_id   uuid NOT NULL REFERENCES vaults(id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES vault_accounts(user_id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('owner', 'write', 'read')),
  sealed_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (vault_id, user_id)
);
CREATE INDEX vault_members_user ON vault_members (user_id);

CREATE TABLE vault_items (
  id          uuid PRIMARY KEY,
  vault_id    uuid NOT NULL REFERENCES vaults(id) ON DELETE CASCADE,
  revision    integer NOT NULL CHECK (revision > 0),
  key_version integer NOT NULL CHECK (key_version > 0),
  data        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- Set while the item is in the trash.
  deleted_at  timestamptz
);
CREATE INDEX vault_items_vault ON vault_items (vault_id);

-- An attachment's ciphertext; its key lives inside the item's.
CREATE TABLE vault_attachments (
  id         uuid PRIMARY KEY,
  item_id    uuid NOT NULL REFERENCES vault_items(id) ON DELETE CASCADE,
  data       bytea NOT NULL,
  size       integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vault_attachments_item ON vault_attachments (item_id);

-- One row per idempotent write: a retry with the same key gets `result` back instead of applying again.
CREATE TABLE vault_requests (
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  key        uuid NOT NULL,
  op         text NOT NULL,
  result     jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX vault_requests_created ON vault_requests (created_at);
