// Login regulation: after repeated failures an account name and a client address are refused for a while.
import type pg from 'pg';
import { RegulationStore } from './regulation.store';

export interface RegulationOptions {
  /** Failures of one account name before it is banned. */
  maxFailures: number;
  /** How long a ban lasts, and the window in which failures are counted. */
  banMs: number;
}

/** A client address may fail more often than one account: several people can share an address. */
const ADDRESS_FACTOR = 4;

export class RegulationService {
  private readonly store: RegulationStore;
  constructor(db: pg.Pool, private readonly opts: RegulationOptions) {
    this.store = new RegulationStore(db);
  }

  isBanned(name: string, ip: string): Promise<boolean> {
    return this.store.isBanned([
      { kind: 'account', key: name },
      { kind: 'address', key: ip },
    ]);
  }

  async recordFailure(name: string, ip: string): Promise<void> {
    const { maxFailures, banMs } = this.opts;
    await this.store.recordFailure('account', name, maxFailures, banMs, banMs);
    await this.store.recordFailure('address', ip, maxFailures * ADDRESS_FACTOR, banMs, banMs);
  }

  /** A success clears the account's count; the address's count runs out by itself. */
  recordSuccess(name: string): Promise<void> {
    return this.store.clear('account', name);
  }
}
