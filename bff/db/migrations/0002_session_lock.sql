-- A locked session keeps the user signed in but refuses everything except unlocking (with the password) and signing out.
ALTER TABLE sessions ADD COLUMN locked boolean NOT NULL DEFAULT false;
