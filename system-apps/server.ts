// The server half of the app list: each system app's migrations and tRPC router are named here.
import type { MigrationSource } from '../bff/db/migrate';
import { FILES_MIGRATIONS } from './files/server/files.migrations';
import { MARKET_MIGRATIONS } from './market/server/market.migrations';
import { FILES_SEARCH_MIGRATIONS } from './files/server/search/search.migrations';
import { FILES_SHARES_MIGRATIONS } from './files/server/shares/shares.migrations';
import { FILES_DRIVES_MIGRATIONS } from './files/server/drives/drives.migrations';
import { VAULT_MIGRATIONS } from './vault/server/vault.migrations';
import { WISE_MIGRATIONS } from './wise/server/wise.migrations';
import { WISE_SEARCH_MIGRATIONS } from './wise/server/search/search.migrations';

/** Migration folders of the system apps, in the order they are applied (after the platform's). */
export function appMigrationSources(): MigrationSource[] {
  return [MARKET_MIGRATIONS, FILES_MIGRATIONS, FILES_SEARCH_MIGRATIONS, FILES_SHARES_MIGRATIONS, FILES_DRIVES_MIGRATIONS, VAULT_MIGRATIONS, WISE_MIGRATIONS, WISE_SEARCH_MIGRATIONS];
}
