// Fans bus events out across BFF replicas through PostgreSQL LISTEN/NOTIFY, so each user's desktops hear them on any replica.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { BusEvents, EventBus } from './bus';

const CHANNEL = 'olares_bus';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7900;

interface Envelope {
  origin: string;
  name: keyof BusEvents;
  payload: unknown;
}

export class PgBusBridge {
  private readonly origin = randomUUID();
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly offRelay: () => void;

  constructor(
    private readonly url: string,
    private readonly publisher: pg.Pool,
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {
    this.offRelay = bus.relay((name, payload) => this.publish(name, payload));
  }

  /** Resolves once listening; later connection losses are retried in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.offRelay();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'olares-desktop-bus' });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => this.receive(msg.payload));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    if (this.stopped) return void (await client.end());
    this.client = client;
    this.retryMs = 500;
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.log.warn({ err: err ? { message: err.message } : undefined }, 'event fan-out lost its database connection; retrying');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.connect().catch(() => {
        this.retryMs = Math.min(this.retryMs * 2, 30_000);
        if (!this.stopped) this.scheduleRetry();
      });
    }, this.retryMs);
    this.retryTimer.unref();
  }

  private publish(name: keyof BusEvents, payload: unknown): void {
    const text = JSON.stringify({ origin: this.origin, name, payload } satisfies Envelope);
    if (Buffer.byteLength(text) > MAX_PAYLOAD) {
      this.log.warn({ event: name, bytes: Buffer.byteLength(text) }, 'event too large to fan out; delivered on this replica only');
      return;
    }
    this.publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, text]).catch((err: Error) => {
      this.log.warn({ event: name, err: { message: err.message } }, 'event fan-out failed; delivered on this replica only');
    });
  }

  private receive(text: string | undefined): void {
    if (!text) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      return;
    }
    if (envelope.origin === this.origin) return; // already delivered here when emitted
    this.bus.deliver(envelope.name, envelope.payload as BusEvents[typeof envelope.name]);
  }
}
