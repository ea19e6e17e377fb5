// Vitest global setup: one embedded PostgreSQL for the whole run; every test file makes its own databases on it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../db/embedded';
import { createLogger } from '../log/logger';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-test-pg-'));
  await fs.chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'cluster'), log: createLogger('warn') });
  project.provide('embeddedAdminUrl', server.adminUrl);
  return async () => {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  };
}
