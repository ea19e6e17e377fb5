// Files' shares have their own migration folder (owner `files-shares`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '../../../../bff/db/migrate';

export const FILES_SHARES_MIGRATIONS: MigrationSource = {
  owner: 'files-shares',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
