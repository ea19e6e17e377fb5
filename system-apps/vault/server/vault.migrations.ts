// Vault's tables live in their own migration folder (owner `vault`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '../../../bff/db/migrate';

export const VAULT_MIGRATIONS: MigrationSource = {
  owner: 'vault',
  dir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
