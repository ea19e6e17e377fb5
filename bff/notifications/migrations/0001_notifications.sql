-- Desktop notifications (the notification centre) and the apps each user has muted.
CREATE TABLE notifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  app_id      text NOT NULL CHECK (app_id ~ '^[a-z0-9-]{1,64}$'),
  title       text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
  body        text NOT NULL DEFAULT '' CHECK (char_length(body) <= 1000),
  level       text NOT NULL DEFAULT 'info' CHECK (level IN ('info', 'success', 'warning', 'error')),
  -- [{ "id": …, "label": … }], at most three (the toast's buttons).
  actions     jsonb NOT NULL DEFAULT '[]'
              CHECK (CASE WHEN jsonb_typeof(actions) = 'array' THEN jsonb_array_length(actions) <= 3 ELSE false END),
  read_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
-- The centre pages newest first by (created_at, id); the unread badge counts the unread.
CREATE INDEX notifications_user_newest ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL;

-- A muted app's notifications are kept in the centre but never shown as toasts.
CREATE TABLE notification_mutes (
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  app_id      text NOT NULL CHECK (app_id ~ '^[a-z0-9-]{1,64}$'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, app_id)
);
