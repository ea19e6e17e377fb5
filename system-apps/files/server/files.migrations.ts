// Files' own migration folder (owner `files`), applied after the platform's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '../../../bff/db/migrate';

export const FILES_MIGRATIONS: MigrationSource = {
  owner: 'files',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
