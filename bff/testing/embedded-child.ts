// A stand-in desktop process for the crash test: starts the embedded server, writes a row, then waits to be killed.
import pg from 'pg';
import { startEmbeddedPostgres } from '../db/embedded';
import { createLogger } from '../log/logger';

const server = await startEmbeddedPostgres({ clusterDir: process.argv[2]!, log: createLogger('silent') });
const client = new pg.Client({ connectionString: server.url });
await client.connect();
await client.query('CREATE TABLE IF NOT EXISTS survived (note text)');
await client.query(`INSERT INTO survived VALUES ('written before the crash')`);
await client.end();
process.stdout.write(`ready ${server.port}\n`);
setInterval(() => undefined, 1000);
