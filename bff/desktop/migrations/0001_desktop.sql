-- Each user's saved desktop (windows, dock, wallpaper, theme, language) and their uploaded wallpapers.
CREATE TABLE desktop_layouts (
  user_id    uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  layout     jsonb NOT NULL,
  -- Optimistic concurrency: a save names the version it started from; each save adds one.
  version    integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE wallpapers (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes        bytea NOT NULL,
  size         integer NOT NULL CHECK (size > 0 AND size <= 5242880),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wallpapers_user ON wallpapers (user_id, created_at);
