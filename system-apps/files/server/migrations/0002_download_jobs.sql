-- Downloads from a URL run as jobs too.
ALTER TABLE files_jobs DROP CONSTRAINT files_jobs_kind_check;
ALTER TABLE files_jobs ADD CONSTRAINT files_jobs_kind_check CHECK (kind IN ('copy', 'move', 'trash', 'restore', 'emptyTrash', 'download'));
