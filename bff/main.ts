// Starts the desktop: read the config, open the database (embedded by default), build the app, listen, stop cleanly.
import { openCluster } from './adapters/kubernetes/open-cluster';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { createLogger } from './log/logger';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  const cluster = await openCluster({ mode: config.cluster, kubeconfigPath: config.kubeconfig, dataDir: config.dataDir, log, gpu: config.gpu });
  const app = await buildApp({ config, pool: db.pool, log, databaseUrl: db.url, cluster: cluster.adapter });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await app.close().catch((err: unknown) => log.error({ err }, 'error while closing the server'));
    await cluster.close().catch((err: unknown) => log.error({ err }, 'error while closing the cluster connection'));
    await db.close().catch((err: unknown) => log.error({ err }, 'error while stopping the database'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  log.info(`Olares Desktop is ready at http://${shown}:${app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as { port: number }).port : config.port}`);
}

main().catch((err: unknown) => {
  console.error('Olares Desktop failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
