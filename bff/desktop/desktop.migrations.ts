// The desktop feature's own migration folder, applied after the platform's (see db/database.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '../db/migrate';

export const DESKTOP_MIGRATIONS: MigrationSource = {
  owner: 'desktop',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
