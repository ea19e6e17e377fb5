// Files' search index has its own migration folder (owner `files-search`), applied after the Files tables.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '../../../../bff/db/migrate';

export const FILES_SEARCH_MIGRATIONS: MigrationSource = {
  owner: 'files-search',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
