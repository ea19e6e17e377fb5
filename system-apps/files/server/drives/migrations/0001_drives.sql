-- Files' cloud drives: a user's S3-compatible buckets, shown as roots; the keys are encrypted (AES-256-GCM) with a key kept outside the database.
CREATE TABLE files_drives (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id          uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name             text NOT NULL,
  endpoint         text NOT NULL,
  region           text NOT NULL,
  bucket           text NOT NULL,
  -- a folder inside the bucket ('' for all of it), without a trailing slash
  prefix           text NOT NULL DEFAULT '',
  path_style       boolean NOT NULL DEFAULT true,
  -- base64 of nonce ‖ ciphertext ‖ tag, for {"accessKeyId","secretAccessKey"}
  credentials      text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);
