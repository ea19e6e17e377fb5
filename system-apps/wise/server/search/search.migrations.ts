// Wise's search and recommendation tables have their own migration folder (owner `wise-search`), applied after Wise's tables.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '../../../../bff/db/migrate';

export const WISE_SEARCH_MIGRATIONS: MigrationSource = {
  owner: 'wise-search',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
