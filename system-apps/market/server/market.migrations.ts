// The Market's own migration folder (owner `market`), applied after the platform's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '../../../bff/db/migrate';

export const MARKET_MIGRATIONS: MigrationSource = {
  owner: 'market',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
