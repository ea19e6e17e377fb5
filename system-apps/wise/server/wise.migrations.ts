// Wise's tables live in their own migration folder (owner `wise`); search and recommendations add theirs under `wise-search`, after these.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '../../../bff/db/migrate';

export const WISE_MIGRATIONS: MigrationSource = {
  owner: 'wise',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
