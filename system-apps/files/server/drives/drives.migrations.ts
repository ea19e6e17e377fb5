// Files' cloud drives have their own migration folder (owner `files-drives`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '../../../../bff/db/migrate';

export const FILES_DRIVES_MIGRATIONS: MigrationSource = {
  owner: 'files-drives',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
